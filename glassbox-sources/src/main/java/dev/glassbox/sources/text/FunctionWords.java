package dev.glassbox.sources.text;

import java.util.Set;

/** Closed word classes of English that the rule-based extractor treats by list, not by lexicon. */
final class FunctionWords {
  private FunctionWords() {}

  /** Words that end a phrase: determiners, pronouns, prepositions, conjunctions, auxiliaries. */
  static final Set<String> BREAKERS = Set.copyOf(java.util.List.of(
      // articles, demonstratives, quantifiers
      "a", "an", "the", "this", "that", "these", "those", "some", "any", "all", "each", "every", "both", "either",
      "neither", "no", "not", "nor", "few", "fewer", "many", "much", "more", "most", "less", "least", "several",
      "various", "numerous", "another", "such", "own", "enough", "certain",
      // pronouns and possessives
      "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "he", "him", "his", "himself", "she",
      "her", "hers", "herself", "we", "us", "our", "ours", "you", "your", "yours", "i", "me", "my", "mine", "one's",
      "something", "anything", "everything", "nothing", "someone", "anyone", "everyone", "whatever", "whichever",
      // prepositions
      "of", "in", "on", "at", "by", "for", "with", "without", "from", "to", "into", "onto", "over", "under", "above",
      "below", "beneath", "between", "among", "amongst", "through", "throughout", "across", "along", "around",
      "about", "against", "behind", "beside", "besides", "near", "nearby", "than", "like", "unlike", "as", "upon",
      "within", "toward", "towards", "during", "including", "via", "per", "off", "out", "up", "down", "after",
      "before", "beyond", "inside", "outside", "until", "till", "except", "despite", "whereas", "amid",
      // conjunctions and wh-words
      "but", "yet", "so", "because", "although", "though", "while", "if", "when", "where", "whether", "since",
      "unless", "which", "who", "whom", "whose", "what", "how", "why", "then", "thus", "hence", "therefore",
      // auxiliaries, copulas, modals
      "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
      "doing", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "isn't", "aren't",
      "doesn't", "don't", "can't", "cannot",
      // verbs of description that LLM sentences lean on
      "look", "looks", "looking", "looked", "appear", "appears", "appearing", "appeared", "seem", "seems",
      "resemble", "resembles", "resembling", "feature", "features", "featuring", "display", "displays",
      "displaying", "possess", "possesses", "possessing", "tend", "tends", "give", "gives", "giving", "make",
      "makes", "making", "come", "comes", "coming", "help", "helps", "allow", "allows", "include", "includes",
      "contain", "contains", "consist", "consists", "carry", "carries", "called", "named", "known", "found",
      "used", "seen", "described", "considered", "characterized", "characterised", "distinguished",
      "recognized", "recognised", "identified", "located", "covered", "surrounded", "shaped", "set", "sometimes",
      "there", "here", "too", "even", "just", "only", "still", "never", "well", "etc", "e.g", "i.e", "eg", "ie"));

  /** Words that are ends in themselves of no phrase but do not break one (intensifiers, hedges). */
  static final Set<String> SKIPPED = Set.copyOf(java.util.List.of(
      "very", "quite", "rather", "fairly", "relatively", "slightly", "somewhat", "extremely", "highly", "really",
      "usually", "often", "typically", "generally", "commonly", "mostly", "mainly", "especially", "particularly",
      "sometimes", "always", "almost", "nearly", "approximately", "roughly", "also"));

  static final Set<String> COORDINATORS = Set.copyOf(java.util.List.of("and", "or", "&", "and/or"));

  static final Set<String> COPULAS = Set.copyOf(java.util.List.of("is", "are", "was", "were", "be", "been", "being", "am",
      "look", "looks", "appear", "appears", "seem", "seems", "become", "becomes", "turn", "turns"));

  static final Set<String> NUMBERS = Set.copyOf(java.util.List.of(
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "single",
      "double", "pair", "dozen", "hundreds", "dozens"));

  /** Words that are no concept on their own and are trimmed from the edges of a phrase. */
  static final Set<String> VACUOUS = Set.copyOf(java.util.List.of(
      "similar", "different", "same", "other", "able", "likely", "unable", "possible", "typical", "common", "usual",
      "various", "several", "certain", "whole", "entire", "main", "overall", "general", "particular", "specific",
      "distinctive", "characteristic", "notable", "noticeable", "unique", "distinct", "prominent", "special",
      "way", "ways", "thing", "things", "kind", "kinds", "type", "types", "sort", "sorts", "lot", "lots", "number",
      "variety", "part", "parts", "member", "members", "example", "examples", "feature", "features", "aspect",
      "aspects", "form", "forms", "area", "areas", "side", "sides", "bit", "piece", "amount", "range", "set",
      "group", "thing's", "item", "items", "object", "objects", "individual", "individuals", "species", "specimen",
      "sentence", "sentences", "description", "image", "picture", "photo", "photograph", "time", "times", "many",
      "much", "any", "some", "well", "good", "nice", "great", "important"));

  /**
   * Nouns that say which members of a class a sentence describes (age, sex), no concept on their own
   * ("adults", "both sexes"); dropped only when they stand alone ("juvenile plumage" is kept).
   */
  static final Set<String> WHO_NOUNS = Set.of(
      "adult", "adults", "juvenile", "juveniles", "sex", "sexes", "male", "males", "female", "females", "immature",
      "immatures");

  /** Head nouns that only name the dimension the modifiers describe ("yellow colour" is "yellow"). */
  static final Set<String> DIMENSION_HEADS = Set.copyOf(java.util.List.of(
      "color", "colour", "colors", "colours", "coloring", "colouring", "coloration", "colouration", "hue", "hues",
      "shade", "shades", "tone", "tones", "appearance", "look", "shape", "shapes", "pattern", "patterns", "texture",
      "size", "design", "style", "tint", "tinge"));
}
