package dev.glassbox.cli;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.corpus.CorpusConceptSource;
import dev.glassbox.sources.corpus.CorpusConfig;
import dev.glassbox.sources.file.FileConceptSource;
import dev.glassbox.sources.llm.BuiltInPrompt;
import dev.glassbox.sources.llm.LlmConceptSource;
import dev.glassbox.sources.llm.LlmConfig;
import dev.glassbox.sources.llm.PromptTemplate;
import dev.glassbox.sources.llm.PromptTemplates;
import dev.glassbox.sources.vocabulary.Vocabulary;
import dev.glassbox.sources.vocabulary.VocabularyConceptSource;
import dev.glassbox.sources.vocabulary.VocabularyConfig;
import dev.glassbox.sources.wordnet.WordNet;
import dev.glassbox.sources.wordnet.WordNetConceptSource;
import dev.glassbox.sources.wordnet.WordNetConfig;
import dev.glassbox.util.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox concepts generate}: candidate concepts for a list of classes from one
 * {@link ConceptSource}, written as Glassbox concept JSON. Each concept carries its source, the
 * class that proposed it (metadata {@code classes} lists every proposer) and the source's
 * provenance in its metadata.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Generate candidate concepts for classes from one source and write them as",
        "Glassbox concept JSON, atomically. Each concept records its source, the class",
        "that proposed it and the source's details (prompt and sample; relation and",
        "synset; document and rank; vocabulary and hits; file and line).",
        "",
        "Sources:",
        "  file        a concept file (--file): plain text, Glassbox JSON, CSV/TSV,",
        "              LaBo class2concepts.json, Label-free CBM concept sets and GPT",
        "              output",
        "  llm         an OpenAI-compatible chat-completions server with LaBo's or",
        "              Label-free CBM's prompts; answers are cached on disk, so a rerun",
        "              is offline and gives the same concepts",
        "  wordnet     WordNet 3.1, offline: glosses, inherited parts, attributes,",
        "              superclasses (--hint picks the sense)",
        "  vocabulary  common words ranked on unlabelled images (V2C-CBM): --data DIR",
        "              (its training split's embeddings, labels unused) and --encoder,",
        "              the text tower of the encoder that made them",
        "  corpus      BM25 retrieval over your .txt/.md documents (--corpus); phrases",
        "              from the top passages",
        "",
        "Classes come from --classes, --classes-file (one per line) or --data (the",
        "dataset's classes.txt). Options marked [source] apply to that source only.",
        "",
        "Examples:",
        "  glassbox concepts generate --source wordnet --classes \"zebra,goldfinch\" \\",
        "      --out concepts.json",
        "  glassbox concepts generate --source wordnet --classes crane --hint bird \\",
        "      --out crane.json",
        "  glassbox concepts generate --source llm --base-url http://127.0.0.1:8080 \\",
        "      --api-key-env none --model llama3 --prompts labo \\",
        "      --classes-file classes.txt --out concepts.json",
        "  glassbox concepts generate --source file --file class2concepts.json \\",
        "      --data photos-cache --out concepts.json"})
final class ConceptsGenerateCommand implements Callable<Integer> {
  static final List<String> SOURCES = List.of("file", "llm", "wordnet", "vocabulary", "corpus");

  /** Which source each source-specific option belongs to, to refuse options that would be ignored. */
  private static final Map<String, String> OPTION_SOURCE = Map.ofEntries(
      Map.entry("--file", "file"),
      Map.entry("--base-url", "llm"), Map.entry("--model", "llm"), Map.entry("--prompts", "llm"), Map.entry("--samples", "llm"),
      Map.entry("--temperature", "llm"), Map.entry("--max-tokens", "llm"), Map.entry("--cache", "llm"), Map.entry("--no-cache", "llm"),
      Map.entry("--rate-limit", "llm"), Map.entry("--timeout", "llm"), Map.entry("--retries", "llm"),
      Map.entry("--hint", "wordnet"),
      Map.entry("--encoder", "vocabulary"), Map.entry("--per-class", "vocabulary"), Map.entry("--images-per-class", "vocabulary"),
      Map.entry("--top-k", "vocabulary"), Map.entry("--nouns", "vocabulary"), Map.entry("--adjectives", "vocabulary"),
      Map.entry("--bigram-adjectives", "vocabulary"), Map.entry("--bigram-nouns", "vocabulary"),
      Map.entry("--corpus", "corpus"), Map.entry("--passages", "corpus"), Map.entry("--query", "corpus"));

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "file, llm, wordnet, vocabulary or corpus.")
  String source;

  @Option(names = "--classes", paramLabel = "A,B,…", description = "Class names, comma-separated.")
  String classes;

  @Option(names = "--classes-file", paramLabel = "FILE", description = "Class names, one per line (blank lines and # comments skipped).")
  Path classesFile;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Dataset directory: its classes (unless --classes or --classes-file is given) and, for vocabulary, its images.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Concept JSON file to write.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Option(names = "--file", paramLabel = "FILE", description = "[file] The concept file; its format is detected from its name and content.")
  Path file;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "[llm] Server base URL; requests go to URL/v1/chat/completions (default: https://api.openai.com).")
  String baseUrl;

  @Option(names = "--model", paramLabel = "NAME", description = "[llm] Model name (default: gpt-4o-mini).")
  String model;

  @Option(names = "--api-key-env", paramLabel = "NAME",
      description = "[llm, vocabulary with openai:] Environment variable holding the API key (default: OPENAI_API_KEY; 'none' sends no key).")
  String apiKeyEnv;

  @Option(names = "--prompts", paramLabel = "PROMPTS", defaultValue = "lfcbm",
      description = "[llm] 'lfcbm' (Label-free CBM's 3 few-shot prompts), 'labo' (LaBo's 5 prompts), built-in names "
          + "comma-separated (e.g. labo-color,lfcbm-around), or a template FILE (.json or .txt) (default: ${DEFAULT-VALUE}).")
  String prompts;

  @Option(names = "--samples", paramLabel = "N", description = "[llm] Answers per class and prompt, ≥ 1 (default: 2, Label-free CBM's).")
  Integer samples;

  @Option(names = "--temperature", paramLabel = "T", description = "[llm] Sampling temperature in [0, 2] (default: 0.7, Label-free CBM's).")
  Double temperature;

  @Option(names = "--max-tokens", paramLabel = "N", description = "[llm] Completion budget per answer, ≥ 1 (default: 256, Label-free CBM's).")
  Integer maxTokens;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "[llm] Answer cache, keyed by model, prompt, temperature, budget, class and sample "
          + "(default: $XDG_CACHE_HOME/glassbox/llm, else ~/.cache/glassbox/llm).")
  Path cache;

  @Option(names = "--no-cache", description = "[llm] Neither read nor write the answer cache.")
  boolean noCache;

  @Option(names = "--rate-limit", paramLabel = "N", description = "[llm] Requests per minute, ≥ 0; 0 for no limit (default: 60).")
  Integer rateLimit;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "[llm] Time allowed for one answer, > 0 (default: 120).")
  Double timeout;

  @Option(names = "--retries", paramLabel = "N",
      description = "[llm] Retries after a 429, a 5xx, a timeout or a refused connection, with exponential backoff, ≥ 0 (default: 5).")
  Integer retries;

  @Option(names = "--hint", paramLabel = "WORD",
      description = "[wordnet] A word that picks each class's sense: the first sense whose hypernyms contain it (e.g. bird for crane).")
  String hint;

  @Option(names = "--encoder", paramLabel = "ENCODER",
      description = "[vocabulary] Text encoder in the space of --data's embeddings: " + TextEncoders.HELP + ".")
  String encoder;

  @Option(names = "--per-class", paramLabel = "N", defaultValue = "50",
      description = "[vocabulary] Words kept per class, ≥ 1 (default: ${DEFAULT-VALUE}, V2C-CBM's).")
  int perClass;

  @Option(names = "--images-per-class", paramLabel = "N", defaultValue = "500",
      description = "[vocabulary] Class-nearest images whose nearest words are counted, ≥ 1 (default: ${DEFAULT-VALUE}, V2C-CBM's).")
  int imagesPerClass;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "5",
      description = "[vocabulary] Nearest words counted per image, ≥ 1 (default: ${DEFAULT-VALUE}, V2C-CBM's).")
  int topK;

  @Option(names = "--nouns", paramLabel = "N", defaultValue = "5000",
      description = "[vocabulary] Most frequent nouns of the bundled SUBTLEX-US list used, ≥ 0 (default: ${DEFAULT-VALUE}).")
  int nouns;

  @Option(names = "--adjectives", paramLabel = "N", defaultValue = "1000",
      description = "[vocabulary] Most frequent adjectives used, ≥ 0 (default: ${DEFAULT-VALUE}).")
  int adjectives;

  @Option(names = "--bigram-adjectives", paramLabel = "N", defaultValue = "20",
      description = "[vocabulary] Adjectives combined with --bigram-nouns nouns into adjective–noun bigrams, ≥ 0 (default: ${DEFAULT-VALUE}).")
  int bigramAdjectives;

  @Option(names = "--bigram-nouns", paramLabel = "N", defaultValue = "100",
      description = "[vocabulary] Nouns combined into bigrams, ≥ 0 (default: ${DEFAULT-VALUE}).")
  int bigramNouns;

  @Option(names = "--corpus", paramLabel = "DIR", description = "[corpus] Folder of .txt and .md documents, searched recursively.")
  Path corpus;

  @Option(names = "--passages", paramLabel = "N", defaultValue = "10",
      description = "[corpus] Passages retrieved per class, ≥ 1 (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(names = "--query", paramLabel = "TEMPLATE", defaultValue = "{}",
      description = "[corpus] Query for a class, {} standing for its name (default: ${DEFAULT-VALUE}).")
  String query;

  @Override
  public Integer call() throws Exception {
    String src = Choices.check(spec, "--source", source, SOURCES);
    Choices.atLeast(spec, "--samples", samples, 1);
    Choices.inRange(spec, "--temperature", temperature, 0, 2);
    Choices.atLeast(spec, "--max-tokens", maxTokens, 1);
    Choices.atLeast(spec, "--rate-limit", rateLimit, 0);
    if (timeout != null && !(timeout > 0 && timeout < 1e9)) {
      throw Choices.usage(spec, "Invalid value for option '--timeout': " + timeout + " (expected seconds > 0)");
    }
    Choices.atLeast(spec, "--retries", retries, 0);
    Choices.atLeast(spec, "--per-class", perClass, 1);
    Choices.atLeast(spec, "--images-per-class", imagesPerClass, 1);
    Choices.atLeast(spec, "--top-k", topK, 1);
    for (Map.Entry<String, Integer> e : Map.of("--nouns", nouns, "--adjectives", adjectives, "--bigram-adjectives", bigramAdjectives,
        "--bigram-nouns", bigramNouns).entrySet()) {
      Choices.atLeast(spec, e.getKey(), e.getValue(), 0);
    }
    Choices.atLeast(spec, "--passages", passages, 1);
    if (query != null && !query.contains("{}")) {
      throw Choices.usage(spec, "Invalid value for option '--query': '" + query + "' (expected a template holding {}, where the class name goes,"
          + " e.g. '{} appearance')");
    }
    for (Map.Entry<String, String> e : OPTION_SOURCE.entrySet()) {
      if (!e.getValue().equals(src) && Choices.given(spec, e.getKey())) {
        throw Choices.usage(spec, e.getKey() + " applies to --source " + e.getValue() + ", not to --source " + src);
      }
    }
    if (!src.equals("llm") && !src.equals("vocabulary") && Choices.given(spec, "--api-key-env")) {
      throw Choices.usage(spec, "--api-key-env applies to --source llm and to --source vocabulary with an openai: encoder");
    }
    requireFor(src, "file", "--file", file);
    requireFor(src, "vocabulary", "--data", data);
    requireFor(src, "vocabulary", "--encoder", encoder);
    requireFor(src, "corpus", "--corpus", corpus);
    List<String> names = ClassNames.validate(classNames(), src);
    // The argument as typed: a Path drops the trailing '/' that marks a folder.
    var outOption = spec.commandLine().getParseResult().matchedOption("--out");
    String outArg = outOption == null || outOption.stringValues().isEmpty() ? out.toString() : outOption.stringValues().get(0);
    if (Files.isDirectory(out) || outArg.endsWith("/") || outArg.endsWith(java.io.File.separator)) {
      throw Choices.usage(spec, "--out " + outArg + " names a folder; it takes the concept file to write, e.g. --out "
          + out.resolve("concepts.json"));
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--file", file, "--classes-file", classesFile, "--data", data, "--corpus", corpus);
    OutputPaths.checkWritableTarget(out, force);

    PrintWriter err = spec.commandLine().getErr();
    List<Concept> generated;
    Map<String, Object> details = new LinkedHashMap<>();
    switch (src) {
      case "file" -> generated = new FileConceptSource(file).generate(names);
      case "wordnet" -> {
        try (WordNet wn = WordNet.open()) {
          generated = new WordNetConceptSource(wn, WordNetConfig.defaults().withHint(hint)).generate(names);
        }
        if (hint != null) {
          details.put("hint", hint);
        }
      }
      case "llm" -> generated = generateWithLlm(names, err, details);
      case "vocabulary" -> generated = generateFromVocabulary(names, err, details);
      case "corpus" -> {
        if (!Files.isDirectory(corpus)) {
          throw new NoSuchFileException(corpus.toString(), null, Files.exists(corpus) ? "is not a folder of documents" : "no such corpus folder");
        }
        CorpusConfig cfg = CorpusConfig.defaults().withPassagesPerClass(passages).withQueryTemplate(query);
        try (WordNet wn = WordNet.open(); CorpusConceptSource cs = new CorpusConceptSource(corpus, cfg, wn.lexicon())) {
          generated = cs.generate(names);
          details.put("passages_indexed", cs.passageCount());
        }
      }
      default -> throw new IllegalStateException(src);
    }
    if (generated.isEmpty()) {
      throw new IllegalArgumentException("the " + src + " source proposed no concepts for " + names.size() + " class"
          + (names.size() == 1 ? "" : "es") + " " + names + "; nothing was written");
    }
    ConceptSet set = ConceptSet.deduplicated(generated);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ConceptSetFiles.write(out, set);

    Map<String, Integer> perClass = countPerClass(set, names);
    List<String> without = new ArrayList<>();
    if (set.concepts().stream().anyMatch(c -> !c.proposingClasses().isEmpty())) {
      for (String c : names) {
        if (perClass.get(c) == 0) {
          without.add(c);
        }
      }
    }
    if (!without.isEmpty()) {
      List<String> quoted = without.stream().limit(8).map(c -> "\"" + c + "\"").toList();
      err.println("warning: the " + src + " source proposed no concepts for " + without.size() + " of " + names.size() + " classes ("
          + String.join(", ", quoted) + (without.size() > 8 ? ", …" : "") + "); add concepts for them from another source (e.g. --source file)");
      err.flush();
      details.put("classes_without_concepts", without);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("source", src);
      m.put("classes", names.size());
      m.put("concepts", set.size());
      m.put("per_class", perClass);
      m.putAll(details);
      Output.json(w, m);
    } else {
      w.println("wrote " + set.size() + " concepts for " + names.size() + " class" + (names.size() == 1 ? "" : "es") + " from " + src + " to " + out);
      int width = names.stream().mapToInt(String::length).max().orElse(0);
      for (String c : names) {
        w.println("  " + pad(c, width) + "  " + String.format(Locale.ROOT, "%4d", perClass.get(c)) + "  " + examples(set, c, 6));
      }
      details.forEach((k, v) -> w.println("  " + k.replace('_', ' ') + ": " + v));
      err.println("next: glassbox embed concepts " + out + " --encoder ENCODER --data DATASET");
      err.flush();
    }
    w.flush();
    return 0;
  }

  private void requireFor(String src, String forSource, String option, Object value) {
    if (src.equals(forSource) && value == null) {
      throw Choices.usage(spec, "--source " + forSource + " needs " + option);
    }
  }

  /** The class list from --classes, --classes-file or --data's classes.txt, unvalidated. */
  private List<String> classNames() throws Exception {
    if (classes != null && classesFile != null) {
      throw Choices.usage(spec, "give the classes once: --classes or --classes-file, not both");
    }
    if (classes != null) {
      List<String> out = new ArrayList<>(Arrays.asList(classes.split(",", -1)));
      return out.stream().allMatch(String::isBlank) ? List.of() : out;
    }
    if (classesFile != null) {
      if (!Files.isRegularFile(classesFile)) {
        throw new NoSuchFileException(classesFile.toString(), null, "no such class list file");
      }
      List<String> out = new ArrayList<>();
      for (String line : TextFiles.readLines(classesFile, "class list file")) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          out.add(s);
        }
      }
      return out;
    }
    if (data != null) {
      try (DatasetStore.Stored s = DatasetStore.read(data)) {
        return s.dataset().classNames();
      }
    }
    throw Choices.usage(spec, "give the classes: --classes \"A,B\", --classes-file FILE or --data DATASET");
  }

  private List<Concept> generateWithLlm(List<String> names, PrintWriter err, Map<String, Object> details) throws Exception {
    LlmConfig cfg = LlmConfig.defaults();
    if (baseUrl != null) {
      cfg = cfg.withBaseUrl(baseUrl);
    }
    if (model != null) {
      cfg = cfg.withModel(model);
    }
    if (apiKeyEnv != null) {
      cfg = cfg.withApiKeyEnv(apiKeyEnv.strip().equalsIgnoreCase("none") ? null : apiKeyEnv);
    }
    if (samples != null) {
      cfg = cfg.withSamplesPerClass(samples);
    }
    if (temperature != null) {
      cfg = cfg.withTemperature(temperature);
    }
    if (maxTokens != null) {
      cfg = cfg.withMaxTokens(maxTokens);
    }
    if (rateLimit != null) {
      cfg = cfg.withRequestsPerMinute(rateLimit);
    }
    if (timeout != null) {
      cfg = cfg.withRequestTimeout(Duration.ofMillis(Math.max(1, Math.round(timeout * 1000))));
    }
    if (retries != null) {
      cfg = cfg.withMaxRetries(retries);
    }
    if (noCache && cache != null) {
      throw Choices.usage(spec, "give --cache DIR or --no-cache, not both");
    }
    Path cacheDir = noCache ? null : cache != null ? cache : defaultLlmCache();
    cfg = cfg.withCacheDir(cacheDir);
    List<PromptTemplate> templates = templates();
    int answers = names.size() * templates.size() * cfg.samplesPerClass();
    err.println("asking the LLM '" + cfg.model() + "' at " + cfg.baseUrl() + " for " + answers + " answers (" + names.size() + " classes × "
        + templates.size() + " prompts × " + cfg.samplesPerClass() + " samples)" + (cacheDir == null ? ", no cache" : "; cached answers in "
        + cacheDir + " are not asked again"));
    err.flush();
    List<Concept> out;
    try (WordNet wn = WordNet.open()) {
      LlmConceptSource s = new LlmConceptSource(cfg, templates, wn.lexicon());
      out = s.generate(names);
      details.put("model", cfg.model());
      details.put("base_url", cfg.baseUrl());
      details.put("prompts", templates.stream().map(PromptTemplate::name).toList());
      details.put("answers", answers);
      details.put("requests_sent", s.client().requestsSent());
      details.put("cache", cacheDir == null ? null : cacheDir.toString());
    }
    return out;
  }

  private List<PromptTemplate> templates() throws Exception {
    String p = prompts.strip();
    if (p.equals("lfcbm")) {
      return BuiltInPrompt.labelFree();
    }
    if (p.equals("labo")) {
      return BuiltInPrompt.labo();
    }
    String lower = p.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json") || lower.endsWith(".txt") || Files.exists(Path.of(p))) {
      return PromptTemplates.read(Path.of(p));
    }
    List<PromptTemplate> out = new ArrayList<>();
    for (String name : p.split(",")) {
      out.add(BuiltInPrompt.named(name.strip()));
    }
    return out;
  }

  /** {@code $XDG_CACHE_HOME/glassbox/llm}, else {@code ~/.cache/glassbox/llm}. */
  static Path defaultLlmCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("glassbox").resolve("llm");
  }

  private List<Concept> generateFromVocabulary(List<String> names, PrintWriter err, Map<String, Object> details) throws Exception {
    VocabularyConfig cfg = VocabularyConfig.defaults().withConceptsPerClass(perClass).withImagesPerClass(imagesPerClass).withTopK(topK);
    FloatMatrix pool;
    EncoderIdentity datasetEncoder = DatasetStore.encoder(data);
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      Dataset d = s.dataset();
      int[] train = d.indices(Split.TRAIN);
      if (train.length == 0) {
        throw new IllegalArgumentException("dataset " + data + " has no training items; the vocabulary source ranks words on the training split's images");
      }
      pool = d.embeddingsOf(train);
    }
    String keyEnv = apiKeyEnv == null || apiKeyEnv.strip().equalsIgnoreCase("none") ? null : apiKeyEnv;
    List<Concept> out;
    try (TextEncoder text = TextEncoders.open(encoder, OnnxConfig.defaults(), keyEnv)) {
      if (text.dim() != pool.cols()) {
        throw new IllegalArgumentException("the text encoder '" + text.identity().name() + "' gives " + text.dim() + "-d embeddings but the dataset "
            + data + " holds " + pool.cols() + "-d embeddings" + (datasetEncoder == null ? "" : " from the encoder '" + datasetEncoder.name() + "'")
            + "; use the text tower of the encoder that made the dataset");
      }
      if (datasetEncoder != null && !datasetEncoder.name().equals(text.identity().name())) {
        err.println("warning: the text encoder '" + text.identity().name() + "' is not the encoder '" + datasetEncoder.name() + "' that made "
            + data + "; the ranking assumes they share one embedding space");
      }
      Vocabulary v;
      try (WordNet wn = WordNet.open()) {
        v = Vocabulary.subtlex(wn.lexicon(), nouns, adjectives, bigramAdjectives, bigramNouns);
      }
      err.println("ranking " + v.size() + " vocabulary tokens on " + pool.rows() + " training images of " + data + " with '" + text.identity().name() + "'");
      if ((long) imagesPerClass * names.size() > pool.rows() && names.size() > 1) {
        // Each class counts the words of its imagesPerClass class-nearest images; when that covers
        // (nearly) every image, the classes count the same images and their word lists are alike.
        err.println("warning: --images-per-class " + imagesPerClass + " × " + names.size() + " classes exceeds the " + pool.rows()
            + " training images, so the classes count largely the same images and get similar words; try --images-per-class "
            + Math.max(1, pool.rows() / names.size()));
      }
      err.flush();
      out = new VocabularyConceptSource(v, text, pool, cfg).generate(names);
      details.put("vocabulary", v.name());
      details.put("vocabulary_size", v.size());
      details.put("images", pool.rows());
      details.put("encoder", text.identity().name());
    }
    return out;
  }

  /** For each class, how many concepts it proposed. */
  static Map<String, Integer> countPerClass(ConceptSet set, List<String> names) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, 0);
    }
    for (Concept c : set.concepts()) {
      for (String cls : c.proposingClasses()) {
        m.merge(cls, 1, Integer::sum);
      }
    }
    return m;
  }

  private static String examples(ConceptSet set, String cls, int n) {
    List<String> ex = new ArrayList<>();
    for (Concept c : set.concepts()) {
      if (ex.size() >= n) {
        break;
      }
      if (c.proposingClasses().contains(cls)) {
        ex.add(c.text());
      }
    }
    return ex.isEmpty() ? "" : "e.g. " + String.join(", ", ex);
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
