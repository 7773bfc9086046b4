package dev.glassbox.sources.llm;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.LlmProvenance;
import dev.glassbox.sources.text.Lexicon;
import dev.glassbox.sources.text.PhraseExtractor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class LlmConceptSource implements ConceptSource {
  public static final String NAME = "llm";

  private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?:a|an|the)\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9])");
  private static final int MAX_ITEM_WORDS = 6;

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
    for (String cls : names) {
      for (PromptTemplate t : templates) {
        String hash = t.hash();
        for (int s = 0; s < config.samplesPerClass(); s++) {
          String answer = answer(cls, t, hash, s);
          int sample = s;
          LlmProvenanceFactory prov = item -> new LlmProvenance(config.model(), t.name(), hash, config.temperature(), config.maxTokens(), sample, item);
          addConcepts(cls, t, answer, prov, out);
        }
      }
    }
    return out.concepts();
  }

  private interface LlmProvenanceFactory {
    LlmProvenance of(String item);
  }

  private String answer(String cls, PromptTemplate t, String hash, int sample) {
    ResponseCache.Key key = new ResponseCache.Key(config.model(), hash, config.temperature(), config.maxTokens(), cls, sample);
    if (cache != null) {
      Optional<String> hit = cache.get(key);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    String context = "class \"" + cls + "\", template " + t.name() + ", sample " + sample;
    String answer = client.complete(t.render(cls), context);
    if (cache != null) {
      cache.put(key, answer);
    }
    return answer;
  }

  private void addConcepts(String cls, PromptTemplate t, String answer, LlmProvenanceFactory prov, ConceptCollector out) {
    for (String item : ResponseLists.items(answer)) {
      if (t.extraction() == PromptTemplate.Extraction.ITEMS) {
        String clean = cleanItem(item);
        if (clean.isEmpty()) {
          continue;
        }
        if (clean.split("\\s+").length <= MAX_ITEM_WORDS) {
          out.add(clean, cls, prov.of(item));
          continue;
        }
      }
      for (String sentence : SENTENCE_END.split(item)) {
        for (String phrase : extractor.extract(sentence, cls)) {
          out.add(phrase, cls, prov.of(sentence.strip()));
        }
      }
    }
  }

  /** An item without quotes, trailing punctuation and a leading article; LF-CBM lower-cases its concepts. */
  static String cleanItem(String item) {
    String s = item.strip().replaceAll("^[\"'`]+|[\"'`]+$", "").strip();
    s = s.replaceAll("[.;:!]+$", "").strip();
    s = LEADING_ARTICLE.matcher(s).replaceFirst("");
    return s.toLowerCase(java.util.Locale.ROOT);
  }
}
