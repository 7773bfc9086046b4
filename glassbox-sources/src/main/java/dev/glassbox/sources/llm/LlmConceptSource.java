package dev.glassbox.sources.llm;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.LlmProvenance;
import dev.glassbox.sources.text.Lexicon;
import dev.glassbox.sources.text.PhraseExtractor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concepts proposed by a language model through an OpenAI-compatible chat-completions server, with
 * the prompts of LaBo (Yang et al., CVPR 2023) and Label-free CBM (Oikarinen et al., ICLR 2023)
 * built in ({@link BuiltInPrompt}) and custom templates read by {@link PromptTemplates}.
 *
 * <p>For each class, template and sample index (in that order) the answer is taken from the
 * {@link ResponseCache} when present, otherwise asked for and cached at once; so a run interrupted
 * half-way resumes where it stopped, and a rerun with the same model, templates, temperature and
 * budget sends no request and yields the same concepts. Answers are split into list items
 * ({@link ResponseLists}); sentence answers go through the rule-based {@link PhraseExtractor}
 * (LaBo's T5 extractor cannot ship), item answers are cleaned and kept. Each concept records the
 * model, template, template hash, temperature, budget, sample and the item it came from
 * ({@link LlmProvenance}).
 *
 * <p>A blank answer is not cached, so a rerun asks again. When no class gets a concept the run
 * fails with an {@link LlmException} that says, per class, whether the answers were blank or had no
 * list items, and which cache entries to delete to ask again; a class left without concepts among
 * others is logged as a warning.
 */
public final class LlmConceptSource implements ConceptSource {
  public static final String NAME = "llm";

  private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?:a|an|the)\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9])");
  private static final int MAX_ITEM_WORDS = 6;
  /** At most this many words after a one-word head make an attribute's value ("Tail: long and forked"). */
  private static final int MAX_ATTRIBUTE_VALUE_WORDS = 3;
  // "**Red breast**: …", "**Red breast:** …", "__Black wings__ - …": the bold head is the concept.
  private static final Pattern LEADING_BOLD = Pattern.compile("^(\\*\\*|__)(.+?)\\1(.*)$");
  private static final Pattern BOLD_TAIL_DASH = Pattern.compile("[-–—]\\s");
  // A colon then a space, or a dash between spaces, so "black-and-white" and "5:30" stay whole.
  private static final Pattern SEPARATOR = Pattern.compile(":\\s+|\\s+[-–—]\\s+");
  private static final int SNIPPET = 80;
  private static final int MAX_FILES_NAMED = 3;
  private static final System.Logger LOG = System.getLogger(LlmConceptSource.class.getName());

  private final LlmConfig config;
  private final List<PromptTemplate> templates;
  private final ChatClient client;
  private final ResponseCache cache;
  private final PhraseExtractor extractor;

  /**
   * @param templates prompts asked for every class, in order
   * @param lexicon part-of-speech knowledge for the phrase extractor (e.g. {@code WordNet.lexicon()})
   */
  public LlmConceptSource(LlmConfig config, List<PromptTemplate> templates, Lexicon lexicon) {
    this(config, templates, lexicon, new ChatClient(config));
  }

  /** As above with a given client (tests give one reading a fake environment). */
  public LlmConceptSource(LlmConfig config, List<PromptTemplate> templates, Lexicon lexicon, ChatClient client) {
    this.config = Objects.requireNonNull(config, "config");
    this.templates = List.copyOf(templates);
    if (this.templates.isEmpty()) {
      throw new IllegalArgumentException("the LLM concept source needs at least one prompt template");
    }
    this.client = Objects.requireNonNull(client, "client");
    this.cache = config.cacheDir() == null ? null : new ResponseCache(config.cacheDir());
    this.extractor = new PhraseExtractor(lexicon);
  }

  @Override
  public String name() {
    return NAME;
  }

  public LlmConfig config() {
    return config;
  }

  public List<PromptTemplate> templates() {
    return templates;
  }

  /** The client, whose {@link ChatClient#requestsSent()} counts the requests made. */
  public ChatClient client() {
    return client;
  }

  @Override
  public List<Concept> generate(List<String> classNames) {
    List<String> names = ClassNames.validate(classNames, NAME);
    ConceptCollector out = new ConceptCollector();
    List<Tally> empty = new ArrayList<>();
    for (String cls : names) {
      Tally tally = new Tally(cls);
      for (PromptTemplate t : templates) {
        String hash = t.hash();
        for (int s = 0; s < config.samplesPerClass(); s++) {
          Answer answer = answer(cls, t, hash, s);
          int sample = s;
          LlmProvenanceFactory prov = item -> new LlmProvenance(config.model(), t.name(), hash, config.temperature(), config.maxTokens(), sample, item);
          List<String> items = ResponseLists.items(answer.text());
          tally.record(answer, items, addConcepts(cls, t, items, prov, out));
        }
      }
      if (tally.concepts == 0) {
        empty.add(tally);
      }
    }
    if (!empty.isEmpty()) {
      String why = noConcepts(empty);
      // With nothing at all there is nothing to write; a class left without concepts among others is
      // worth a warning but not the loss of every other class's answers.
      if (empty.size() == names.size()) {
        throw new LlmException(why);
      }
      LOG.log(System.Logger.Level.WARNING, why);
    }
    return out.concepts();
  }

  private interface LlmProvenanceFactory {
    LlmProvenance of(String item);
  }

  /** An answer and its cache entry: null without a cache, and for a blank answer, which is not cached. */
  private record Answer(String text, Path cacheFile, boolean fromCache) {}

  /** What one class's answers gave, to explain a class left without concepts. */
  private static final class Tally {
    final String cls;
    int answers;
    int blank;
    int noItems;
    int noConcepts;
    int concepts;
    int fromCache;
    final List<Path> cacheFiles = new ArrayList<>();
    String example;

    Tally(String cls) {
      this.cls = cls;
    }

    void record(Answer a, List<String> items, int added) {
      answers++;
      concepts += added;
      if (a.text().isBlank()) {
        blank++;
        return;
      }
      if (added > 0) {
        return;
      }
      if (items.isEmpty()) {
        noItems++;
      } else {
        noConcepts++;
      }
      if (example == null) {
        example = snippet(a.text());
      }
      if (a.cacheFile() != null) {
        cacheFiles.add(a.cacheFile());
        fromCache += a.fromCache() ? 1 : 0;
      }
    }
  }

  private Answer answer(String cls, PromptTemplate t, String hash, int sample) {
    ResponseCache.Key key = new ResponseCache.Key(config.model(), hash, config.temperature(), config.maxTokens(), cls, sample);
    if (cache != null) {
      Optional<String> hit = cache.get(key);
      // Earlier versions cached blank answers; one is no answer, so it is asked again.
      if (hit.isPresent() && !hit.get().isBlank()) {
        return new Answer(hit.get(), cache.file(key), true);
      }
    }
    String context = "class \"" + cls + "\", template " + t.name() + ", sample " + sample;
    String answer = client.complete(t.render(cls), context);
    // A blank answer is a failure of the moment (an overloaded server, a reasoning model that spent
    // the budget thinking); cached, it would make every rerun fail the same way without asking.
    if (cache != null && !answer.isBlank()) {
      cache.put(key, answer);
      return new Answer(answer, cache.file(key), false);
    }
    return new Answer(answer, null, false);
  }

  /** Adds the concepts of one answer's items; returns how many were proposed (repeats included). */
  private int addConcepts(String cls, PromptTemplate t, List<String> items, LlmProvenanceFactory prov, ConceptCollector out) {
    int added = 0;
    for (String item : items) {
      if (t.extraction() == PromptTemplate.Extraction.ITEMS) {
        String clean = cleanItem(item);
        if (clean.isEmpty()) {
          continue;
        }
        if (clean.split("\\s+").length <= MAX_ITEM_WORDS) {
          out.add(clean, cls, prov.of(item));
          added++;
          continue;
        }
      }
      for (String sentence : SENTENCE_END.split(ResponseLists.withoutEmphasis(item))) {
        for (String phrase : extractor.extract(sentence, cls)) {
          out.add(phrase, cls, prov.of(sentence.strip()));
          added++;
        }
      }
    }
    return added;
  }

  /** Why each of {@code empty} got no concepts, and what to do about it. */
  private String noConcepts(List<Tally> empty) {
    StringBuilder b = new StringBuilder("the llm source proposed no concepts for ");
    b.append(empty.size() == 1 ? "class \"" + empty.get(0).cls + "\"" : empty.size() + " classes");
    boolean anyBlank = false;
    List<Path> files = new ArrayList<>();
    int fromCache = 0;
    for (Tally t : empty) {
      b.append(empty.size() == 1 ? ": " : "; class \"" + t.cls + "\": ");
      List<String> parts = new ArrayList<>();
      if (t.blank > 0) {
        parts.add(count(t.blank, t.answers) + " blank");
      }
      if (t.noItems > 0) {
        parts.add(count(t.noItems, t.answers) + " with no list items");
      }
      if (t.noConcepts > 0) {
        parts.add(count(t.noConcepts, t.answers) + " with items that gave no concept");
      }
      b.append(String.join(", ", parts));
      if (t.example != null) {
        b.append(" (e.g. ").append(t.example).append(')');
      }
      anyBlank |= t.blank > 0;
      files.addAll(t.cacheFiles);
      fromCache += t.fromCache;
    }
    if (anyBlank) {
      b.append("; blank answers are not cached, so a rerun asks again; a model that reasons before answering can spend the whole ")
          .append("completion budget (max_tokens ").append(config.maxTokens()).append(") and answer nothing: raise it");
    }
    if (!files.isEmpty()) {
      b.append("; ").append(files.size() == 1 ? "that answer is" : "those " + files.size() + " answers are")
          .append(" cached in ").append(cache.dir());
      if (fromCache == files.size()) {
        b.append(" (read from there, not asked)");
      } else if (fromCache > 0) {
        b.append(" (").append(fromCache).append(" of them read from there, not asked)");
      }
      b.append(", so a rerun gives the same: delete ");
      int shown = Math.min(files.size(), MAX_FILES_NAMED);
      for (int i = 0; i < shown; i++) {
        b.append(i == 0 ? "" : ", ").append(files.get(i));
      }
      if (files.size() > shown) {
        b.append(" and ").append(files.size() - shown).append(" more");
      }
      b.append(" to ask again, or use another cache directory");
    }
    return b.toString();
  }

  private static String count(int n, int of) {
    return n + " of " + of + " answer" + (of == 1 ? "" : "s");
  }

  private static String snippet(String answer) {
    String s = answer.replaceAll("\\s+", " ").strip();
    return "\"" + (s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "…") + "\"";
  }

  /**
   * The concept an item names, cleaned: markdown emphasis, quotes, trailing punctuation and a
   * leading article dropped, lower-cased as LF-CBM's concepts are. Chat models write items as
   * {@code HEAD: TAIL} or {@code HEAD - TAIL}, which name the concept in one of three ways: a bold
   * head is the concept ({@code "**Red breast**: a bright orange chest"}); a one-word head with a
   * short tail is an attribute and its value ({@code "Size: small"} is "small size"); a head of a
   * few words is the concept and the tail describes it ({@code "Black wings - dark flight
   * feathers"}). Anything else is kept whole.
   */
  static String cleanItem(String item) {
    String s = ResponseLists.withoutEmphasis(conceptPart(item.strip())).strip();
    s = s.replaceAll("^[\"'`*_]+|[\"'`*_]+$", "").strip();
    s = s.replaceAll("[.;:!,]+$", "").strip();
    s = LEADING_ARTICLE.matcher(s).replaceFirst("");
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  private static String conceptPart(String item) {
    Matcher bold = LEADING_BOLD.matcher(item);
    if (bold.matches()) {
      String head = bold.group(2).strip();
      String rest = bold.group(3).strip();
      boolean colonInside = head.endsWith(":");
      if (rest.isEmpty() || colonInside || rest.startsWith(":") || BOLD_TAIL_DASH.matcher(rest).lookingAt()) {
        String h = colonInside ? head.substring(0, head.length() - 1).strip() : head;
        // A one-word bold label with a short value reads as the plain form does: "**Size:** small"
        // is "small size", not "size".
        String attribute = attribute(h, rest.replaceFirst("^(?::|[-–—])\\s*", ""));
        return attribute != null ? attribute : h;
      }
    }
    Matcher sep = SEPARATOR.matcher(item);
    if (!sep.find()) {
      return item;
    }
    String head = item.substring(0, sep.start()).strip();
    String tail = value(item.substring(sep.end()));
    if (words(head) == 0 || words(tail) == 0) {
      return item;
    }
    String attribute = attribute(head, tail);
    return attribute != null ? attribute : words(head) <= MAX_ITEM_WORDS ? head : item;
  }

  /** "small size" for a one-word head and a tail of a few words ("Size: small"), else null. */
  private static String attribute(String head, String tail) {
    String t = value(tail);
    int n = words(t);
    return words(head) == 1 && n >= 1 && n <= MAX_ATTRIBUTE_VALUE_WORDS ? t + " " + head : null;
  }

  /** A tail without its trailing punctuation. */
  private static String value(String tail) {
    return tail.strip().replaceAll("[.;:!,]+$", "").strip();
  }

  private static int words(String s) {
    String t = ResponseLists.withoutEmphasis(s).strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
