package dev.glassbox.sources.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a descriptive sentence into short concept phrases, deterministically and without a model:
 * "The goldfinch has a bright yellow body and black wings with white bars." → "bright yellow body",
 * "black wings", "white bars".
 *
 * <p>LaBo (Yang et al., "Language in a Bottle", CVPR 2023) turns GPT-3 sentences into concepts with
 * a fine-tuned T5-large extractor that cannot ship with Glassbox; this is a rule-based stand-in:
 * <ol>
 *   <li>the class name (and its plural, and the last word of a multi-word name) is replaced by a
 *       boundary, so "The goldfinch has …" loses its subject;
 *   <li>each word is tagged from closed word lists (determiners, pronouns, prepositions,
 *       auxiliaries, common descriptive verbs) and, for open-class words, from a {@link Lexicon};
 *       hedges and intensifiers ("usually", "very") are skipped without breaking a phrase;
 *   <li>runs of adjectives, nouns and numerals between breaks are candidate phrases; a coordination
 *       is split where its left side holds a noun ("yellow body and black wings") and kept where
 *       only adjectives are coordinated ("black and white stripes");
 *   <li>a phrase keeps its words up to its last noun (post-nominal participles go: "wings modified"
 *       → "wings"); a head that only names a dimension goes ("yellow colour" → "yellow"); vacuous
 *       words ("similar", "kind", "various") are trimmed from the edges; a predicate adjective, or a
 *       bare singular noun standing as the whole predicate, joins the noun it describes ("its wings
 *       are black" → "black wings", "its crown is slate" → "slate crown"); a verb-capable word is read
 *       as a verb before a particle ("its mantle stands out") and in its base form after a plural
 *       subject ("adults show striped wings"); a lone noun of age or sex ("adults", "both sexes")
 *       is no concept;
 *   <li>phrases longer than {@code maxWords} keep their last words (the head and its nearest
 *       modifiers); phrases of only numerals or vacuous words are dropped.
 * </ol>
 *
 * <p>Limits: it knows no syntax beyond adjacency; a locative prepositional phrase joins the noun
 * phrase right before it when the whole fits the length limit ("white spots on the wings" → "white
 * spots on wings"), other prepositions cut ("the edge of the tide" gives "edge" and "tide"); a word
 * the lexicon lists as both noun and adjective is read as a noun at the end of a phrase ("a black"
 * would be a noun); relative clauses and negation are not understood ("has no stripes" gives
 * "stripes"); comparisons ("larger than a sparrow") give their nouns. Results are only as good as
 * the lexicon: with WordNet, rare technical words unknown to it are read as nouns.
 */
public final class PhraseExtractor {
  /** Default longest phrase, in words. LaBo's extracted concepts are mostly one to four words. */
  public static final int DEFAULT_MAX_WORDS = 4;

  private static final String CLASS_MARK = "\u0001";
  private static final Pattern TOKEN =
      Pattern.compile("[a-z0-9]+(?:['\\-/][a-z0-9]+)*|" + CLASS_MARK + "|[^\\sa-z0-9]");
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\(?\\d{1,3}[.):]|[-*•·–—]|\\([a-z]\\))\\s+");

  private enum Tag { BREAK, CLASS, CONJ, COPULA, SKIP, NUM, ADJ, NOUN, AMBIG, VERB, PREP }

  private static final Set<String> PREPOSITIONS = Set.of(
      "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "over", "under", "as", "like", "near",
      "around", "along", "across", "between", "among", "through", "against", "behind");
  private static final Set<String> DETERMINERS = Set.of(
      "a", "an", "the", "its", "their", "his", "her", "our", "your", "this", "these", "those");
  /** Prepositions that place a mark on a part: "white spots on the wings", "a band across the tail". */
  private static final Set<String> LOCATIVES =
      Set.of("on", "along", "across", "around", "over", "under", "near", "behind");

  /** Particles of phrasal verbs ("stands out", "shows up", "sets off"). */
  private static final Set<String> PARTICLES = Set.of("out", "up", "off", "away", "apart", "forth");
  private static final Set<String> SUBJECT_PRONOUNS = Set.of("it", "they", "he", "she", "which", "that", "who");

  private final Lexicon lexicon;
  private final int maxWords;

  public PhraseExtractor(Lexicon lexicon) {
    this(lexicon, DEFAULT_MAX_WORDS);
  }

  /**
   * @param lexicon part-of-speech knowledge for open-class words
   * @param maxWords longest phrase in words, ≥ 1; default {@value #DEFAULT_MAX_WORDS}
   */
  public PhraseExtractor(Lexicon lexicon, int maxWords) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    if (maxWords < 1) {
      throw new IllegalArgumentException("phrase extractor maxWords must be ≥ 1, got " + maxWords);
    }
    this.maxWords = maxWords;
  }

  public int maxWords() {
    return maxWords;
  }

  /** The phrases of {@code sentence} as texts, with {@code className} (may be null) stripped. */
  public List<String> extract(String sentence, String className) {
    List<String> out = new ArrayList<>();
    for (Phrase p : phrases(sentence, className == null ? List.of() : List.of(className))) {
      out.add(p.text());
    }
    return out;
  }

  /**
   * The phrases of {@code text}, in order of appearance, without repeats; every name in
   * {@code namesToStrip} is removed first.
   */
  public List<Phrase> phrases(String text, Collection<String> namesToStrip) {
    List<String> names = new ArrayList<>();
    for (String n : namesToStrip) {
      String s = normalise(n);
      if (!s.isBlank()) {
        names.add(s.strip());
      }
    }
    String s = stripNames(LIST_MARKER.matcher(normalise(text)).replaceFirst(""), names);
    List<String> words = tokens(s);
    Tag[] tags = tag(words);
    Set<String> classWords = classWords(names);
    LinkedHashSet<Phrase> out = new LinkedHashSet<>();
    Phrase lastNounPhrase = null;
    int lastNounPhraseEnd = -10;
    // A noun phrase followed by a locative preposition ("white spots on the wings") waits for the
    // phrase after it: if that one is a short noun phrase, the two become one.
    Phrase locatedPhrase = null;
    String locativePrep = null;
    int locatedNext = -1;
    int i = 0;
    while (i < words.size()) {
      if (!isPhraseTag(tags[i])) {
        i++;
        continue;
      }
      int start = i;
      List<Integer> seg = new ArrayList<>();
      while (i < words.size() && (isPhraseTag(tags[i]) || tags[i] == Tag.CONJ || tags[i] == Tag.SKIP)) {
        if (tags[i] != Tag.SKIP) {
          seg.add(i);
        }
        i++;
      }
      while (!seg.isEmpty() && tags[seg.get(seg.size() - 1)] == Tag.CONJ) {
        seg.remove(seg.size() - 1);
      }
      if (seg.isEmpty()) {
        continue;
      }
      boolean predicate = afterCopula(tags, start);
      Tag next = i < words.size() ? tags[i] : Tag.BREAK;
      List<Phrase> found = segmentPhrases(words, tags, seg, predicate, next, classWords);
      if (locatedPhrase != null && start == locatedNext && found.size() == 1 && found.get(0).hasHead()
          && out.contains(locatedPhrase)
          && wordCount(locatedPhrase.head()) + 1 + wordCount(found.get(0).text()) <= maxWords) {
        String placed = locatedPhrase.head() + " " + locativePrep + " " + found.get(0).text();
        Phrase merged = limit(new Phrase(locatedPhrase.modifiers(), placed));
        replace(out, locatedPhrase, merged);
        lastNounPhrase = merged;
        lastNounPhraseEnd = seg.get(seg.size() - 1);
        locatedPhrase = null;
        continue;
      }
      locatedPhrase = null;
      Phrase lastAdded = null;
      for (Phrase p : found) {
        // "its crown is slate": a bare singular noun as the whole predicate names a colour or
        // material of the subject, as an adjective would.
        boolean bareNounPredicate = p.hasHead() && p.modifiers().isEmpty() && seg.size() == 1
            && tags[seg.get(0)] == Tag.NOUN && !isPlural(words.get(seg.get(0)));
        if ((!p.hasHead() || bareNounPredicate) && predicate && lastNounPhrase != null
            && copulaBetween(tags, lastNounPhraseEnd, start)) {
          List<String> mods = new ArrayList<>(p.hasHead() ? List.of(p.head()) : p.modifiers());
          mods.addAll(lastNounPhrase.modifiers());
          out.remove(lastNounPhrase);
          Phrase merged = limit(new Phrase(mods, lastNounPhrase.head()));
          out.add(merged);
          lastNounPhrase = null;
          lastAdded = null;
          continue;
        }
        out.add(p);
        lastAdded = p;
      }
      if (lastAdded != null && lastAdded.hasHead() && i < words.size() && tags[i] == Tag.PREP
          && LOCATIVES.contains(words.get(i))) {
        int j = i + 1;
        while (j < words.size() && (DETERMINERS.contains(words.get(j)) || words.get(j).equals("each"))) {
          j++;
        }
        if (j < words.size() && isPhraseTag(tags[j])) {
          locatedPhrase = lastAdded;
          locativePrep = words.get(i);
          locatedNext = j;
        }
      }
      if (!found.isEmpty() && found.get(found.size() - 1).hasHead()) {
        lastNounPhrase = found.get(found.size() - 1);
        lastNounPhraseEnd = seg.get(seg.size() - 1);
      } else {
        lastNounPhrase = null;
      }
    }
    return new ArrayList<>(out);
  }

  static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT)
        .replace('’', '\'')
        .replace('‘', '\'')
        .replace('_', ' ')
        .replace('“', '"')
        .replace('”', '"');
  }

  private static String stripNames(String s, List<String> names) {
    if (names.isEmpty()) {
      return s;
    }
    Set<String> variants = new LinkedHashSet<>();
    for (String n : names) {
      variants.addAll(inflections(n));
      String[] parts = n.split("\\s+");
      if (parts.length > 1) {
        variants.addAll(inflections(parts[parts.length - 1]));
      }
    }
    List<String> sorted = new ArrayList<>(variants);
    sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    StringBuilder alt = new StringBuilder();
    for (String v : sorted) {
      if (alt.length() > 0) {
        alt.append('|');
      }
      alt.append(Pattern.quote(v).replace(" ", "\\E\\s+\\Q").replace("\\Q\\E", ""));
    }
    Pattern p = Pattern.compile("(?<![a-z0-9])(?:" + alt + ")(?:'s|')?(?![a-z0-9])");
    return p.matcher(s).replaceAll(Matcher.quoteReplacement(" " + CLASS_MARK + " "));
  }

  private static List<String> inflections(String n) {
    List<String> v = new ArrayList<>();
    v.add(n);
    v.add(n + "s");
    v.add(n + "es");
    if (n.endsWith("y") && n.length() > 2) {
      v.add(n.substring(0, n.length() - 1) + "ies");
    }
    if (n.endsWith("f")) {
      v.add(n.substring(0, n.length() - 1) + "ves");
    }
    if (n.endsWith("man")) {
      v.add(n.substring(0, n.length() - 3) + "men");
    }
    return v;
  }

  private static Set<String> classWords(List<String> names) {
    Set<String> w = new LinkedHashSet<>();
    for (String n : names) {
      String[] parts = n.split("\\s+");
      w.addAll(inflections(parts[parts.length - 1]));
      if (parts.length == 1) {
        w.addAll(inflections(n));
      }
    }
    return w;
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      String t = m.group();
      if (t.endsWith("'s") && t.length() > 2) {
        out.add(t.substring(0, t.length() - 2));
        out.add(",");
      } else if (t.endsWith("'") && t.length() > 1) {
        out.add(t.substring(0, t.length() - 1));
        out.add(",");
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private Tag[] tag(List<String> words) {
    Tag[] tags = new Tag[words.size()];
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      tags[i] = tagWord(w);
    }
    // A verb-capable word right after the subject ("the <class> sports …", "it flies") is a verb,
    // unless a copula follows ("the zebra stripes are …").
    for (int i = 0; i < words.size(); i++) {
      if (tags[i] != Tag.NOUN && tags[i] != Tag.AMBIG) {
        continue;
      }
      int prev = previousNonSkip(tags, i);
      boolean afterSubject = prev >= 0 && (tags[prev] == Tag.CLASS || SUBJECT_PRONOUNS.contains(words.get(prev)));
      boolean beforeCopula = i + 1 < words.size() && tags[i + 1] == Tag.COPULA;
      String w = words.get(i);
      if (afterSubject && !beforeCopula && lexicon.isVerb(w) && (w.endsWith("s") || w.endsWith("ed"))) {
        tags[i] = Tag.VERB;
      }
    }
    // Commas between the adjectives of one noun phrase do not end it: "a short, conical, pink bill".
    // Only when the run after the determiner is adjectives, adverbs and such commas up to its noun.
    for (int i = 0; i + 3 < words.size(); i++) {
      if (!DETERMINERS.contains(words.get(i))) {
        continue;
      }
      List<Integer> commas = new ArrayList<>();
      boolean closed = false;
      Tag prev = Tag.BREAK;
      for (int k = i + 1; k < words.size(); k++) {
        Tag t = tags[k];
        if (t == Tag.NOUN) {
          closed = true;
          break;
        }
        if (words.get(k).equals(",") && (prev == Tag.ADJ || prev == Tag.AMBIG)) {
          commas.add(k);
          prev = Tag.BREAK;
          continue;
        }
        if (t != Tag.ADJ && t != Tag.AMBIG && t != Tag.SKIP) {
          // An AMBIG word right before this break is the noun ("a red, white bill."), else no noun.
          closed = prev == Tag.AMBIG && t != Tag.CONJ;
          break;
        }
        if (t != Tag.SKIP) {
          prev = t;
        }
      }
      if (closed) {
        for (int c : commas) {
          tags[c] = Tag.SKIP;
        }
      }
    }
    // A verb-capable word in its base form right after a plural noun, before what can start a noun
    // phrase, is that noun's verb: "adults show striped wings", "many birds also show a snowy belly".
    for (int i = 1; i + 1 < words.size(); i++) {
      String w = words.get(i);
      int prev = previousNonSkip(tags, i);
      if ((tags[i] == Tag.NOUN || tags[i] == Tag.AMBIG) && !w.endsWith("s") && prev >= 0
          && (tags[prev] == Tag.NOUN || tags[prev] == Tag.AMBIG) && isPlural(words.get(prev)) && lexicon.isVerb(w)
          && (DETERMINERS.contains(words.get(i + 1)) || isPhraseTag(tags[i + 1]))) {
        tags[i] = Tag.VERB;
      }
    }
    // A verb-capable word right before a verb particle is a phrasal verb, not a head noun: "its
    // emerald mantle stands out" describes the mantle; "stands" names nothing.
    for (int i = 1; i + 1 < words.size(); i++) {
      String w = words.get(i);
      if ((tags[i] == Tag.NOUN || tags[i] == Tag.AMBIG) && PARTICLES.contains(words.get(i + 1)) && lexicon.isVerb(w)
          && isPhraseTag(tags[i - 1])) {
        tags[i] = Tag.VERB;
      }
    }
    // A gerund inside a noun phrase is a participial adjective: "a long extending ladder".
    for (int i = 1; i + 1 < words.size(); i++) {
      if (tags[i] != Tag.VERB || !isGerund(words.get(i))) {
        continue;
      }
      Tag prev = tags[i - 1];
      boolean modifierBefore = prev == Tag.ADJ || prev == Tag.AMBIG || prev == Tag.NUM || DETERMINERS.contains(words.get(i - 1));
      if (modifierBefore && (tags[i + 1] == Tag.NOUN || tags[i + 1] == Tag.AMBIG)) {
        tags[i] = Tag.ADJ;
      }
    }
    return tags;
  }

  private Tag tagWord(String w) {
    if (w.equals(CLASS_MARK)) {
      return Tag.CLASS;
    }
    if (FunctionWords.COORDINATORS.contains(w)) {
      return Tag.CONJ;
    }
    if (FunctionWords.SKIPPED.contains(w)) {
      return Tag.SKIP;
    }
    if (FunctionWords.COPULAS.contains(w)) {
      return Tag.COPULA;
    }
    if (PREPOSITIONS.contains(w)) {
      return Tag.PREP;
    }
    if (FunctionWords.BREAKERS.contains(w)) {
      return Tag.BREAK;
    }
    if (FunctionWords.NUMBERS.contains(w) || w.chars().allMatch(Character::isDigit)) {
      return Tag.NUM;
    }
    if (!Character.isLetterOrDigit(w.charAt(0)) || w.length() < 2) {
      return Tag.BREAK;
    }
    boolean n = lexicon.isNoun(w);
    boolean a = lexicon.isAdjective(w);
    if (!n && !a) {
      if (lexicon.isVerb(w)) {
        return Tag.VERB;
      }
      if (lexicon.isAdverb(w)) {
        return Tag.SKIP;
      }
      // Unknown to the lexicon: a technical or proper word, read as a noun; an -ly word as a hedge.
      return w.endsWith("ly") ? Tag.SKIP : Tag.NOUN;
    }
    if (!a && isGerund(w)) {
      return Tag.VERB;
    }
    if (n && a) {
      return Tag.AMBIG;
    }
    return n ? Tag.NOUN : Tag.ADJ;
  }

  /** A regular plural: "wings", "adults" (not "grass" or "dress"). */
  private static boolean isPlural(String w) {
    return w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is");
  }

  /** "carrying", "having", "swimming" — but not "wing" or "string", whose stems are no verbs. */
  private boolean isGerund(String w) {
    if (!w.endsWith("ing") || w.length() < 5) {
      return false;
    }
    String stem = w.substring(0, w.length() - 3);
    if (lexicon.isVerb(stem) && stem.length() > 1 || lexicon.isVerb(stem + "e")) {
      return true;
    }
    int n = stem.length();
    return n > 2 && stem.charAt(n - 1) == stem.charAt(n - 2) && lexicon.isVerb(stem.substring(0, n - 1));
  }

  private static boolean isPhraseTag(Tag t) {
    return t == Tag.ADJ || t == Tag.NOUN || t == Tag.AMBIG || t == Tag.NUM;
  }

  private static int previousNonSkip(Tag[] tags, int i) {
    int p = i - 1;
    while (p >= 0 && tags[p] == Tag.SKIP) {
      p--;
    }
    return p;
  }

  private static boolean afterCopula(Tag[] tags, int start) {
    int p = previousNonSkip(tags, start);
    return p >= 0 && tags[p] == Tag.COPULA;
  }

  private static boolean copulaBetween(Tag[] tags, int nounEnd, int start) {
    int copulas = 0;
    for (int j = nounEnd + 1; j < start; j++) {
      if (tags[j] == Tag.COPULA) {
        copulas++;
      } else if (tags[j] != Tag.SKIP) {
        return false;
      }
    }
    return copulas == 1;
  }

  private List<Phrase> segmentPhrases(
      List<String> words, Tag[] tags, List<Integer> seg, boolean predicate, Tag next, Set<String> classWords) {
    List<List<Integer>> parts = new ArrayList<>();
    List<Integer> cur = new ArrayList<>();
    for (int idx : seg) {
      if (tags[idx] == Tag.CONJ) {
        if (!cur.isEmpty()) {
          parts.add(cur);
        }
        cur = new ArrayList<>();
      } else {
        cur.add(idx);
      }
    }
    if (!cur.isEmpty()) {
      parts.add(cur);
    }
    List<Phrase> out = new ArrayList<>();
    List<String> pendingAdjectives = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      List<Integer> part = parts.get(p);
      boolean last = p == parts.size() - 1;
      boolean adjectiveOnly = part.stream().allMatch(j -> tags[j] == Tag.ADJ || tags[j] == Tag.AMBIG);
      if (!last && adjectiveOnly && part.size() <= 2) {
        // "black and white stripes": the coordinated adjectives share what follows.
        pendingAdjectives.add(join(words, part));
        continue;
      }
      Phrase ph = phraseOf(words, tags, part, predicate || !pendingAdjectives.isEmpty() && last, next, pendingAdjectives, classWords);
      pendingAdjectives.clear();
      if (ph != null) {
        out.add(ph);
      }
    }
    if (!pendingAdjectives.isEmpty()) {
      Phrase ph = phraseFromWords(List.of(String.join(" and ", pendingAdjectives)), null, classWords);
      if (ph != null) {
        out.add(ph);
      }
    }
    return out;
  }

  private Phrase phraseOf(
      List<String> words, Tag[] tags, List<Integer> part, boolean predicate, Tag next, List<String> coordinated,
      Set<String> classWords) {
    int lastNoun = -1;
    for (int k = part.size() - 1; k >= 0; k--) {
      Tag t = tags[part.get(k)];
      if (t == Tag.NOUN || t == Tag.AMBIG && !(predicate && allAdjectiveCapable(tags, part))) {
        lastNoun = k;
        break;
      }
    }
    List<String> mods = new ArrayList<>();
    String head = null;
    if (lastNoun >= 0) {
      for (int k = 0; k < lastNoun; k++) {
        mods.add(words.get(part.get(k)));
      }
      head = words.get(part.get(lastNoun));
    } else {
      for (int idx : part) {
        mods.add(words.get(idx));
      }
      String lastWord = mods.get(mods.size() - 1);
      // "covered in", "shaped like": a participle that governs the prepositional phrase after it.
      if (next == Tag.PREP && lastWord.endsWith("ed") && lexicon.isVerb(lastWord) && coordinated.isEmpty()) {
        return null;
      }
    }
    if (!coordinated.isEmpty()) {
      List<String> joined = new ArrayList<>(coordinated);
      joined.add(mods.isEmpty() ? head : mods.get(0));
      String first = String.join(" and ", joined);
      if (mods.isEmpty()) {
        // "black and white": every word was an adjective; there is no head.
        return phraseFromWords(List.of(first), null, classWords);
      }
      mods.set(0, first);
    }
    return phraseFromWords(mods, head, classWords);
  }

  private static boolean allAdjectiveCapable(Tag[] tags, List<Integer> part) {
    for (int idx : part) {
      if (tags[idx] != Tag.ADJ && tags[idx] != Tag.AMBIG) {
        return false;
      }
    }
    return true;
  }

  private Phrase phraseFromWords(List<String> modifiers, String head, Set<String> classWords) {
    List<String> mods = new ArrayList<>(modifiers);
    for (String m : mods) {
      for (String piece : m.split("[\\s-]")) {
        if (classWords.contains(piece)) {
          return null;
        }
      }
    }
    if (head != null && classWords.contains(head)) {
      return null;
    }
    while (!mods.isEmpty() && FunctionWords.VACUOUS.contains(mods.get(0))) {
      mods.remove(0);
    }
    if (head != null && mods.isEmpty() && FunctionWords.WHO_NOUNS.contains(head)) {
      // "Adults show …", "both sexes have …": who is described, not what.
      return null;
    }
    if (head != null && FunctionWords.DIMENSION_HEADS.contains(head)) {
      head = null;
    }
    if (head != null && FunctionWords.VACUOUS.contains(head)) {
      if (mods.isEmpty()) {
        return null;
      }
      head = null;
    }
    while (head == null && !mods.isEmpty() && FunctionWords.VACUOUS.contains(mods.get(mods.size() - 1))) {
      mods.remove(mods.size() - 1);
    }
    if (head == null && mods.isEmpty()) {
      return null;
    }
    boolean substantive = head != null && !FunctionWords.NUMBERS.contains(head) && !head.chars().allMatch(Character::isDigit);
    for (String m : mods) {
      if (!FunctionWords.NUMBERS.contains(m) && !m.chars().allMatch(Character::isDigit)) {
        substantive = true;
      }
    }
    if (!substantive) {
      return null;
    }
    return limit(new Phrase(mods, head));
  }

  private static int wordCount(String s) {
    return s.split(" ").length;
  }

  /** Replaces {@code old} by {@code replacement} where it stands in {@code out}'s order. */
  private static void replace(LinkedHashSet<Phrase> out, Phrase old, Phrase replacement) {
    List<Phrase> list = new ArrayList<>(out);
    out.clear();
    for (Phrase p : list) {
      out.add(p.equals(old) ? replacement : p);
    }
  }

  private Phrase limit(Phrase p) {
    if (wordCount(p.text()) <= maxWords) {
      return p;
    }
    List<String> mods = new ArrayList<>(p.modifiers());
    while (!mods.isEmpty() && wordCount(p.text()) > maxWords) {
      mods.remove(0);
      p = new Phrase(mods, p.head());
      if (p.head() == null && mods.size() == 1) {
        break;
      }
    }
    return p;
  }

  private static String join(List<String> words, List<Integer> idx) {
    StringBuilder sb = new StringBuilder();
    for (int i : idx) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(words.get(i));
    }
    return sb.toString();
  }
}
