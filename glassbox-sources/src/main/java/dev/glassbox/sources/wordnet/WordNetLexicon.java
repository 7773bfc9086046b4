package dev.glassbox.sources.wordnet;

import dev.glassbox.sources.text.Lexicon;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;

/**
 * Parts of speech from WordNet 3.1 with its morphological reduction ("wings" → "wing", "larger" →
 * "large"). Lookups are remembered per instance.
 */
public final class WordNetLexicon implements Lexicon {
  private static final int NOUN = 1;
  private static final int ADJ = 2;
  private static final int VERB = 4;
  private static final int ADV = 8;

  private final WordNet wordnet;
  private final Map<String, Integer> cache = new ConcurrentHashMap<>();

  WordNetLexicon(WordNet wordnet) {
    this.wordnet = wordnet;
  }

  private int mask(String word) {
    return cache.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> {
      int m = 0;
      if (wordnet.lookup(POS.NOUN, w) != null) {
        m |= NOUN;
      }
      if (wordnet.lookup(POS.ADJECTIVE, w) != null) {
        m |= ADJ;
      }
      if (wordnet.lookup(POS.VERB, w) != null) {
        m |= VERB;
      }
      if (wordnet.lookup(POS.ADVERB, w) != null) {
        m |= ADV;
      }
      return m;
    });
  }

  @Override
  public boolean isNoun(String word) {
    return (mask(word) & NOUN) != 0;
  }

  @Override
  public boolean isAdjective(String word) {
    return (mask(word) & ADJ) != 0;
  }

  @Override
  public boolean isVerb(String word) {
    return (mask(word) & VERB) != 0;
  }

  @Override
  public boolean isAdverb(String word) {
    return (mask(word) & ADV) != 0;
  }

  /**
   * The part of speech a word is most often tagged with in WordNet's sense-tagged corpus (the sum of
   * its senses' tag counts per part of speech), so that "said" is a verb although WordNet also
   * lists an adjective "said". Words with no tagged use fall back to noun, adjective, verb, adverb,
   * in that order of availability; null when WordNet does not know the word.
   */
  public POS dominantPartOfSpeech(String word) {
    POS best = null;
    int bestCount = -1;
    for (POS pos : new POS[] {POS.NOUN, POS.ADJECTIVE, POS.VERB, POS.ADVERB}) {
      IndexWord iw = wordnet.lookup(pos, word);
      if (iw == null) {
        continue;
      }
      int count = 0;
      for (net.sf.extjwnl.data.Synset s : iw.getSenses()) {
        for (net.sf.extjwnl.data.Word w : s.getWords()) {
          if (w.getLemma().equalsIgnoreCase(iw.getLemma())) {
            count += w.getUseCount();
          }
        }
      }
      if (count > bestCount) {
        best = pos;
        bestCount = count;
      }
    }
    return best;
  }

  /** The base form of a noun ("equines" → "equine"), or the word itself when WordNet has no noun. */
  public String nounBase(String word) {
    IndexWord iw = wordnet.lookup(POS.NOUN, word);
    return iw == null ? word.toLowerCase(Locale.ROOT) : iw.getLemma().toLowerCase(Locale.ROOT);
  }
}
