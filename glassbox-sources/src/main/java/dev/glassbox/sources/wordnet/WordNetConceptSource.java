package dev.glassbox.sources.wordnet;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.WordNetProvenance;
import dev.glassbox.sources.text.Phrase;
import dev.glassbox.sources.text.PhraseExtractor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;

/**
 * Concepts for each class from WordNet 3.1, offline: phrases from the glosses of the class's synset
 * and its genus, part and substance meronyms inherited from every ancestor, attribute links,
 * hypernyms as superclasses, and colours that WordNet names after a word of the class name.
 *
 * <p>Knowledge-graph concept sets are what Label-free CBM (Oikarinen et al., ICLR 2023) and
 * Post-hoc CBM (Yuksekgonul et al., ICLR 2023) use besides an LLM (through ConceptNet's HasA,
 * PartOf, IsA and HasProperty relations); WordNet is the offline counterpart: its meronyms give
 * HasA/PartOf, its hypernyms IsA, and its glosses the differentiae ("black-and-white striped").
 *
 * <p>How each kind is found:
 * <ul>
 *   <li><b>Sense</b>: the first noun sense of the name (WordNet orders senses by frequency), or with
 *       a {@linkplain WordNetConfig#hint() hint} the first whose hypernym chain contains the hint.
 *       Multi-word names resolve as WordNet collocations ("fire engine"); a name WordNet lacks falls
 *       back to its longest known trailing words ("black footed albatross" → "albatross").
 *   <li><b>Gloss</b>: the gloss (without its quoted examples) goes through the
 *       {@link PhraseExtractor}. A phrase whose head is the genus ("… striped African
 *       <i>equines</i>") is a description of the class by its superclass, so its modifiers become
 *       concepts one by one ("black-and-white", "striped"); other phrases are kept whole ("yellow
 *       body plumage", "webbed feet").
 *   <li><b>Parts</b>: WordNet attaches parts to the most general synset that has them ("wing",
 *       "beak" sit on "bird"), so part and substance meronyms are gathered from every ancestor up
 *       to the {@linkplain WordNetConfig#stopAt() stop} synsets.
 *   <li><b>Named colours</b>: colour synsets whose gloss reads "the colour of X" name their colour
 *       after X; when X is a word of the class name, the colour words of that synset are concepts
 *       ("red" for "fire engine", from "red heat: the heat or the colour of fire").
 * </ul>
 * Each concept's metadata records the relation, the synset chosen, the sense number, the synset
 * it was read from and its hypernym depth ({@link WordNetProvenance}).
 *
 * <p>Limits: glosses are short and not always visual ("… that carry firemen and equipment to the
 * site of a fire" gives "firemen", "equipment", "site"); downstream filters are expected to remove
 * non-visual concepts. Named colours match words, not senses.
 */
public final class WordNetConceptSource implements ConceptSource {
  public static final String NAME = "wordnet";

  private static final Pattern EXAMPLES = Pattern.compile(";?\\s*\".*$");
  private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
  private static final Pattern COLOUR_OF =
      Pattern.compile("colou?r of (?:(?:a|an|the|e\\.g\\.)\\s+)?((?:[a-z-]+\\s+){0,2}[a-z-]+)");

  private final WordNet wordnet;
  private final WordNetConfig config;
  private final PhraseExtractor extractor;
  private final Object colourLock = new Object();
  private Map<String, List<NamedColour>> namedColourIndex;

  /** The sense chosen for a class. */
  public record Sense(String className, String lemma, int number, Synset synset, boolean hintMatched) {
    public String id() {
      return synsetId(synset);
    }
  }

  private record NamedColour(Synset synset, List<String> colours) {}

  private record Reached(Synset synset, int depth) {}

  public WordNetConceptSource(WordNet wordnet, WordNetConfig config) {
    this.wordnet = Objects.requireNonNull(wordnet, "wordnet");
    this.config = Objects.requireNonNull(config, "config");
    this.extractor = new PhraseExtractor(wordnet.lexicon(), config.maxPhraseWords());
  }

  @Override
  public String name() {
    return NAME;
  }

  public WordNetConfig config() {
    return config;
  }

  @Override
  public List<Concept> generate(List<String> classNames) {
    List<String> names = ClassNames.validate(classNames, NAME);
    List<Sense> senses = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      Sense s = resolve(n);
      if (s == null) {
        unknown.add("\"" + n + "\"");
      }
      senses.add(s);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "WordNet 3.1 has no noun for class " + String.join(", ", unknown)
              + "; check the spelling, or take concepts for " + (unknown.size() > 1 ? "them" : "it") + " from another source (llm, file)");
    }
    ConceptCollector out = new ConceptCollector();
    for (Sense s : senses) {
      collect(s, out);
    }
    return out.concepts();
  }

  /** The sense of {@code className} this source uses, or null when WordNet has no such noun. */
  public Sense resolve(String className) {
    String name = className.strip().replace('_', ' ').replaceAll("\\s+", " ");
    IndexWord iw = null;
    List<String> tries = new ArrayList<>();
    tries.add(name);
    if (name.contains("-")) {
      tries.add(name.replace('-', ' '));
    }
    String[] words = name.replace('-', ' ').split(" ");
    for (int k = 1; k < words.length; k++) {
      tries.add(String.join(" ", List.of(words).subList(k, words.length)));
    }
    for (String t : tries) {
      iw = wordnet.lookup(POS.NOUN, t);
      // Morphological lookup may fall back to one word of a phrase ("black footed albatross" →
      // "black"); only a lemma as long as the query names the same thing.
      if (iw != null && !iw.getSenses().isEmpty() && iw.getLemma().split("[ -]").length == t.split("[ -]").length) {
        break;
      }
      iw = null;
    }
    if (iw == null) {
      return null;
    }
    List<Synset> senses = iw.getSenses();
    if (config.hint() != null) {
      String hint = wordnet.lexicon().nounBase(config.hint());
      for (int i = 0; i < senses.size(); i++) {
        for (Reached r : ancestors(senses.get(i), 64, Set.of())) {
          if (lemmas(r.synset()).contains(hint)) {
            return new Sense(className, iw.getLemma(), i + 1, senses.get(i), true);
          }
        }
      }
      System.getLogger(WordNetConceptSource.class.getName()).log(System.Logger.Level.WARNING,
          "no sense of \"" + className + "\" has \"" + config.hint() + "\" among its hypernyms; using the first sense");
    }
    return new Sense(className, iw.getLemma(), 1, senses.get(0), config.hint() == null);
  }

  private void collect(Sense sense, ConceptCollector out) {
    Synset synset = sense.synset();
    String id = sense.id();
    String cls = sense.className();
    Set<String> stop = new HashSet<>();
    for (String s : config.stopAt()) {
      stop.add(s.toLowerCase(Locale.ROOT));
    }
    List<Reached> chain = new ArrayList<>();
    chain.add(new Reached(synset, 0));
    chain.addAll(ancestors(synset, 64, stop));
    Set<String> genus = new HashSet<>();
    for (Reached r : chain) {
      if (r.depth() == 0) {
        continue;
      }
      for (String l : lemmas(r.synset())) {
        genus.add(l);
        String[] parts = l.split("[ -]");
        genus.add(parts[parts.length - 1]);
      }
    }
    List<String> strip = new ArrayList<>();
    strip.add(cls);
    strip.addAll(lemmas(synset));
    if (config.gloss()) {
      for (Reached r : chain) {
        if (r.depth() > config.glossDepth()) {
          continue;
        }
        List<String> stripHere = new ArrayList<>(strip);
        if (r.depth() > 0) {
          stripHere.addAll(lemmas(r.synset()));
        }
        for (Phrase p : extractor.phrases(cleanGloss(r.synset().getGloss()), stripHere)) {
          boolean genusHead = p.hasHead() && (genus.contains(p.head()) || genus.contains(wordnet.lexicon().nounBase(p.head())));
          if (genusHead) {
            for (String m : p.modifiers()) {
              out.add(m, cls, new WordNetProvenance("genus-modifier", id, sense.number(), synsetId(r.synset()), r.depth()));
            }
          } else {
            out.add(p.text(), cls, new WordNetProvenance("gloss", id, sense.number(), synsetId(r.synset()), r.depth()));
          }
        }
      }
    }
    if (config.parts()) {
      for (Reached r : chain) {
        for (Pointer ptr : r.synset().getPointers()) {
          PointerType t = ptr.getType();
          if (t == PointerType.PART_MERONYM || t == PointerType.SUBSTANCE_MERONYM) {
            Synset target = target(ptr);
            if (genus.contains(firstLemma(target).toLowerCase(Locale.ROOT)) || lemmas(synset).contains(firstLemma(target).toLowerCase(Locale.ROOT))) {
              continue;
            }
            String rel = t == PointerType.PART_MERONYM ? "part-meronym" : "substance-meronym";
            out.add(firstLemma(target), cls, new WordNetProvenance(rel, id, sense.number(), synsetId(r.synset()), r.depth()));
          }
        }
      }
    }
    if (config.attributes()) {
      for (Reached r : chain) {
        for (Pointer ptr : r.synset().getPointers(PointerType.ATTRIBUTE)) {
          out.add(firstLemma(target(ptr)), cls, new WordNetProvenance("attribute", id, sense.number(), synsetId(r.synset()), r.depth()));
        }
      }
    }
    if (config.namedColours()) {
      Set<String> words = new LinkedHashSet<>();
      for (String l : strip) {
        String s = l.toLowerCase(Locale.ROOT).replace('_', ' ');
        words.add(s);
        for (String w : s.split("[ -]")) {
          if (w.length() > 2) {
            words.add(wordnet.lexicon().nounBase(w));
          }
        }
      }
      Set<String> classWords = new HashSet<>(lemmas(synset));
      for (String w : words) {
        for (NamedColour nc : namedColours().getOrDefault(w, List.of())) {
          for (String colour : nc.colours()) {
            if (!words.contains(colour) && !classWords.contains(colour)) {
              out.add(colour, cls, new WordNetProvenance("named-colour", id, sense.number(), synsetId(nc.synset()), 0));
            }
          }
        }
      }
    }
    if (config.superclasses()) {
      for (Reached r : chain) {
        if (r.depth() >= 1 && r.depth() <= config.superclassDepth()) {
          out.add(firstLemma(r.synset()), cls, new WordNetProvenance("hypernym", id, sense.number(), synsetId(r.synset()), r.depth()));
        }
      }
    }
  }

  /** The gloss without its quoted usage examples and parenthetical remarks. */
  static String cleanGloss(String gloss) {
    String g = EXAMPLES.matcher(gloss).replaceFirst("");
    return PARENTHESES.matcher(g).replaceAll(" ").strip();
  }

  /** Every hypernym reachable from {@code start} (breadth first, first depth kept), stopping at {@code stop} lemmas. */
  private List<Reached> ancestors(Synset start, int maxDepth, Set<String> stop) {
    List<Reached> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    seen.add(start.getOffset());
    ArrayDeque<Reached> queue = new ArrayDeque<>();
    queue.add(new Reached(start, 0));
    while (!queue.isEmpty()) {
      Reached r = queue.poll();
      if (r.depth() >= maxDepth) {
        continue;
      }
      for (Pointer p : r.synset().getPointers()) {
        if (p.getType() != PointerType.HYPERNYM && p.getType() != PointerType.INSTANCE_HYPERNYM) {
          continue;
        }
        Synset h = target(p);
        if (!seen.add(h.getOffset())) {
          continue;
        }
        boolean stopHere = false;
        for (String l : lemmas(h)) {
          if (stop.contains(l)) {
            stopHere = true;
            break;
          }
        }
        if (stopHere) {
          continue;
        }
        Reached next = new Reached(h, r.depth() + 1);
        out.add(next);
        queue.add(next);
      }
    }
    return out;
  }

  private Map<String, List<NamedColour>> namedColours() {
    synchronized (colourLock) {
      if (namedColourIndex == null) {
        namedColourIndex = buildNamedColourIndex();
      }
      return namedColourIndex;
    }
  }

  private Map<String, List<NamedColour>> buildNamedColourIndex() {
    Set<Long> colourRoots = new HashSet<>();
    for (String root : List.of("chromatic color", "achromatic color")) {
      IndexWord iw = wordnet.lookup(POS.NOUN, root);
      if (iw != null) {
        colourRoots.add(iw.getSenses().get(0).getOffset());
      }
    }
    Map<String, Boolean> colourTerm = new HashMap<>();
    Map<String, List<NamedColour>> index = new LinkedHashMap<>();
    for (POS pos : List.of(POS.NOUN, POS.ADJECTIVE)) {
      for (Synset s : wordnet.scan(pos, line -> line.contains("color of") || line.contains("colour of"))) {
        String gloss = cleanGloss(s.getGloss().toLowerCase(Locale.ROOT));
        Matcher m = COLOUR_OF.matcher(gloss);
        Set<String> keys = new LinkedHashSet<>();
        while (m.find()) {
          String[] ws = m.group(1).split("\\s+");
          // The named thing is the noun group right after "colour of": its head, and any word
          // before it that can only be a noun ("sage leaves").
          int end = ws.length;
          for (int k = 0; k < ws.length; k++) {
            if (!wordnet.lexicon().isNoun(ws[k]) && !wordnet.lexicon().isAdjective(ws[k])) {
              end = k;
              break;
            }
          }
          for (int k = 0; k < end; k++) {
            boolean head = k == end - 1;
            if (head || !wordnet.lexicon().isAdjective(ws[k])) {
              keys.add(wordnet.lexicon().nounBase(ws[k]));
            }
          }
        }
        if (keys.isEmpty()) {
          continue;
        }
        Set<String> colours = new LinkedHashSet<>();
        List<String> candidates = new ArrayList<>();
        for (String l : lemmas(s)) {
          candidates.addAll(List.of(l.split("[ -]")));
        }
        candidates.addAll(List.of(gloss.split("[^a-z-]+")));
        for (String c : candidates) {
          if (c.isEmpty() || c.equals("color") || c.equals("colour") || keys.contains(c)) {
            continue;
          }
          if (colourTerm.computeIfAbsent(c, w -> isColourTerm(w, colourRoots))) {
            colours.add(c);
          }
        }
        if (colours.isEmpty()) {
          continue;
        }
        NamedColour nc = new NamedColour(s, List.copyOf(colours));
        for (String k : keys) {
          index.computeIfAbsent(k, x -> new ArrayList<>()).add(nc);
        }
      }
    }
    return index;
  }

  /** A word whose noun sense descends from "chromatic color" or "achromatic color" (red, white, …). */
  private boolean isColourTerm(String word, Set<Long> roots) {
    IndexWord iw;
    try {
      iw = wordnet.dictionary().getIndexWord(POS.NOUN, word);
    } catch (net.sf.extjwnl.JWNLException e) {
      throw new IllegalStateException("WordNet lookup of \"" + word + "\" failed: " + e.getMessage(), e);
    }
    if (iw == null) {
      return false;
    }
    for (Synset s : iw.getSenses()) {
      if (roots.contains(s.getOffset())) {
        return true;
      }
      for (Reached r : ancestors(s, 4, Set.of())) {
        if (roots.contains(r.synset().getOffset())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Synset target(Pointer p) {
    try {
      return p.getTargetSynset();
    } catch (net.sf.extjwnl.JWNLException e) {
      throw new IllegalStateException("broken WordNet pointer " + p + ": " + e.getMessage(), e);
    }
  }

  private static List<String> lemmas(Synset s) {
    List<String> out = new ArrayList<>();
    for (Word w : s.getWords()) {
      out.add(w.getLemma().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String firstLemma(Synset s) {
    String l = s.getWords().get(0).getLemma();
    // Keep capitals of proper names ("African"), lower-case the rest.
    return l.equals(l.toLowerCase(Locale.ROOT)) ? l : Character.isUpperCase(l.charAt(0)) && l.length() > 1
        && l.substring(1).equals(l.substring(1).toLowerCase(Locale.ROOT)) ? l : l.toLowerCase(Locale.ROOT);
  }

  static String synsetId(Synset s) {
    return s.getPOS().getKey() + String.format("%08d", s.getOffset()) + " " + s.getWords().get(0).getLemma();
  }
}
