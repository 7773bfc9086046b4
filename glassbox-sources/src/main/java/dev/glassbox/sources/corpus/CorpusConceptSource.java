package dev.glassbox.sources.corpus;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.CorpusProvenance;
import dev.glassbox.sources.text.Lexicon;
import dev.glassbox.sources.text.PhraseExtractor;
import dev.glassbox.util.TextFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Concepts retrieved from the user's own documents: the documents are split into passages of a few
 * sentences, indexed in memory with Lucene (English analysis: lower-casing, stop words, Porter
 * stemming), and ranked per class by BM25 against a query built from the class name; phrases are
 * extracted from the sentences of the top passages that mention the class, and from the sentence
 * right after each (which usually continues with "It has …").
 *
 * <p>This is the retrieval half of KnoBo (Yang et al., "A Textbook Remedy for Domain Shifts:
 * Knowledge Priors for Medical Image Analysis", NeurIPS 2024), whose structure prior retrieves
 * passages from PubMed, textbooks and Wikipedia for an LLM to turn into concepts; here phrases are
 * taken from the passages directly with the rule-based {@link PhraseExtractor}, so the source needs
 * no LLM and its output can be traced to a sentence.
 *
 * <p>Deterministic: documents are read in path order and indexed by one writer into one segment,
 * and ties in score go to the earlier passage. Each concept records the document id (its path
 * relative to the folder), the passage index, the passage's rank and BM25 score, and the query
 * ({@link CorpusProvenance}).
 */
public final class CorpusConceptSource implements ConceptSource, AutoCloseable {
  public static final String NAME = "corpus";
  private static final System.Logger LOG = System.getLogger(CorpusConceptSource.class.getName());

  private final Path folder;
  private final CorpusConfig config;
  private final PhraseExtractor extractor;
  private final Object lock = new Object();
  private Index index;

  private record Passage(String document, int number, List<String> sentences) {}

  private record Index(ByteBuffersDirectory directory, DirectoryReader reader, List<Passage> passages) {}

  public CorpusConceptSource(Path folder, CorpusConfig config, Lexicon lexicon) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.config = Objects.requireNonNull(config, "config");
    this.extractor = new PhraseExtractor(lexicon, config.maxPhraseWords());
  }

  @Override
  public String name() {
    return NAME;
  }

  public CorpusConfig config() {
    return config;
  }

  /** How many passages the corpus was split into (reads and indexes it on first use). */
  public int passageCount() {
    return index().passages().size();
  }

  @Override
  public List<Concept> generate(List<String> classNames) {
    List<String> names = ClassNames.validate(classNames, NAME);
    Index idx = index();
    IndexSearcher searcher = new IndexSearcher(idx.reader());
    searcher.setSimilarity(new BM25Similarity(config.k1(), config.b()));
    ConceptCollector out = new ConceptCollector();
    try (Analyzer analyzer = new EnglishAnalyzer()) {
      for (String cls : names) {
        String queryText = config.queryTemplate().replace("{}", cls.replace('_', ' '));
        List<String> classTerms = terms(analyzer, cls.replace('_', ' '));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        List<String> queryTerms = terms(analyzer, queryText);
        for (String t : new java.util.LinkedHashSet<>(queryTerms)) {
          q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
        }
        if (classTerms.size() > 1) {
          q.add(new PhraseQuery("text", classTerms.toArray(String[]::new)), BooleanClause.Occur.SHOULD);
        }
        if (queryTerms.isEmpty()) {
          LOG.log(System.Logger.Level.WARNING, "the corpus query for class \"" + cls + "\" has no searchable words");
          continue;
        }
        ScoreDoc[] hits = searcher.search(q.build(), config.passagesPerClass()).scoreDocs;
        org.apache.lucene.index.StoredFields stored = searcher.storedFields();
        List<ScoreDoc> ranked = new ArrayList<>();
        for (ScoreDoc h : hits) {
          // Lucene's doc ids are internal; the stored passage id is the stable order.
          ranked.add(new ScoreDoc(stored.document(h.doc).getField("pid").numericValue().intValue(), h.score));
        }
        ranked.sort(Comparator.comparingDouble((ScoreDoc h) -> -h.score).thenComparingInt(h -> h.doc));
        if (ranked.isEmpty()) {
          LOG.log(System.Logger.Level.WARNING, "no passage of " + folder + " matches class \"" + cls + "\"");
        }
        Set<String> classTermSet = new HashSet<>(classTerms);
        for (int r = 0; r < ranked.size(); r++) {
          ScoreDoc h = ranked.get(r);
          Passage p = idx.passages().get(h.doc);
          boolean previousMentioned = false;
          for (String sentence : p.sentences()) {
            boolean mentions = !java.util.Collections.disjoint(new HashSet<>(terms(analyzer, sentence)), classTermSet);
            if (mentions || previousMentioned) {
              CorpusProvenance prov = new CorpusProvenance(p.document(), p.number(), r + 1, h.score, queryText);
              for (String phrase : extractor.extract(sentence, cls)) {
                out.add(phrase, cls, prov);
              }
            }
            previousMentioned = mentions;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("searching the corpus index of " + folder + " failed: " + e.getMessage(), e);
    }
    return out.concepts();
  }

  private static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  private Index index() {
    synchronized (lock) {
      if (index == null) {
        try {
          index = build();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot index the corpus " + folder + ": " + e.getMessage(), e);
        }
      }
      return index;
    }
  }

  private Index build() throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "the corpus folder does not exist or is not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).filter(this::accepted).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "the corpus folder " + folder + " holds no documents ending in " + config.extensions() + "; add text or Markdown files");
    }
    List<Passage> passages = new ArrayList<>();
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig iwc = new IndexWriterConfig(new EnglishAnalyzer());
    iwc.setSimilarity(new BM25Similarity(config.k1(), config.b()));
    iwc.setUseCompoundFile(false);
    try (IndexWriter w = new IndexWriter(dir, iwc)) {
      for (Path f : files) {
        String id = folder.relativize(f).toString().replace('\\', '/');
        String text = TextFiles.readUtf8(f, "corpus document");
        boolean md = f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
        List<List<String>> ps = Passages.passages(Passages.sentences(text, md), config.sentencesPerPassage());
        for (int i = 0; i < ps.size(); i++) {
          Passage p = new Passage(id, i, ps.get(i));
          passages.add(p);
          Document d = new Document();
          d.add(new StringField("document", id, Field.Store.YES));
          d.add(new StoredField("passage", i));
          d.add(new StoredField("pid", passages.size() - 1));
          d.add(new TextField("text", String.join(" ", p.sentences()), Field.Store.NO));
          w.addDocument(d);
        }
      }
      w.forceMerge(1);
    }
    return new Index(dir, DirectoryReader.open(dir), passages);
  }

  /** Releases the in-memory index. */
  @Override
  public void close() {
    synchronized (lock) {
      if (index != null) {
        try {
          index.reader().close();
          index.directory().close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close the corpus index of " + folder, e);
        }
        index = null;
      }
    }
  }

  private boolean accepted(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.startsWith(".")) {
      return false;
    }
    for (String e : config.extensions()) {
      if (n.endsWith(e.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
