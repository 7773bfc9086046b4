package dev.glassbox.cli;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.filter.ClassNameFilter;
import dev.glassbox.concepts.filter.ConceptFilter;
import dev.glassbox.concepts.filter.DroppedConcept;
import dev.glassbox.concepts.filter.FilterContext;
import dev.glassbox.concepts.filter.FilterPipeline;
import dev.glassbox.concepts.filter.FilterReport;
import dev.glassbox.concepts.filter.FilterResult;
import dev.glassbox.concepts.filter.LengthFilter;
import dev.glassbox.concepts.filter.LowActivationFilter;
import dev.glassbox.concepts.filter.NonVisualFilter;
import dev.glassbox.concepts.filter.RedundancyFilter;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.DerivedDatasets;
import dev.glassbox.io.Json;
import dev.glassbox.math.FloatMatrix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox concepts filter}: Label-free CBM's concept filters (Oikarinen et al., ICLR 2023;
 * methods.md §2) and Glassbox's non-visual test over a dataset's candidate concepts, writing a new
 * dataset directory with the survivors and a report that lists every dropped concept with the
 * filter, reason, score and threshold that removed it.
 */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Filter a dataset's candidate concepts (concepts.json + concept_embeddings.npy,",
        "attached with 'glassbox embed concepts') and write a new dataset directory",
        "with the kept ones: unchanged files hard-linked (or copied), ground truth",
        "restricted to the kept concepts, written atomically. OUT/filter-report.json",
        "lists EVERY dropped concept with its filter, reason, score and threshold;",
        "--json prints the same report.",
        "",
        "Filters, in this order (choose and order them with --filters):",
        "  length          longer than --max-length characters (Label-free CBM: 30)",
        "  class-name      equal to a class name (up to case, articles and plural), or",
        "                  cosine ≥ --class-similarity with a class name's embedding",
        "                  (Label-free CBM: 0.85)",
        "  redundancy      of two concepts at cosine ≥ --redundancy, the one with the",
        "                  lower summed similarity to all candidates; the more general",
        "                  one is kept (Label-free CBM: 0.9)",
        "  low-activation  mean of the top --activation-top-k cosines over the TRAINING",
        "                  images ≤ --activation-cutoff (Label-free CBM: 5 and 0.25,",
        "                  for CLIP ViT-B/16)",
        "  non-visual      the text direction carries ≤ --min-grounding times the image",
        "                  variance of a random direction, or no more than the",
        "                  --probe-quantile of known non-visual phrases, unless its top",
        "                  5%% of images stand out as far as --min-tail would put them",
        "                  (a rare but visible concept) (Glassbox's own test; no anchor",
        "                  paper defines one)",
        "",
        "Class names and probe phrases are encoded with --encoder, which must be the",
        "text encoder that made the concept embeddings: a dimension mismatch is",
        "refused, another name needs --allow-other-encoder. Thresholds are on the",
        "encoder's cosine scale: Label-free CBM's suit CLIP; other encoders (minilm)",
        "need their own.",
        "",
        "Examples (photos-cache: 'glassbox embed images' of your photos with concepts attached;",
        "clip-model/: the CLIP export that embedded them; synth-data: 'glassbox synth'):",
        "  glassbox concepts filter --data photos-cache --out photos-filtered \\",
        "      --encoder clip-model/",
        "  glassbox concepts filter --data synth-data --out synth-filtered \\",
        "      --filters length,redundancy,low-activation --activation-cutoff 0.3 --json"})
final class ConceptsFilterCommand implements Callable<Integer> {
  static final String REPORT = DatasetStore.FILTER_REPORT;
  static final String REPORT_FORMAT = "glassbox-filter-report";
  static final List<String> FILTERS = List.of("length", "class-name", "redundancy", "low-activation", "non-visual");
  private static final int EXAMPLES = 3;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset directory with candidate concepts.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory to write, with the kept concepts.")
  Path out;

  @Option(names = "--encoder", paramLabel = "ENCODER",
      description = "The text encoder that made the concept embeddings, for class names and probes: " + TextEncoders.HELP + ".")
  String encoder;

  @Option(names = "--filters", paramLabel = "F1,F2,…", defaultValue = "length,class-name,redundancy,low-activation,non-visual",
      description = "Filters to run, in order (default: ${DEFAULT-VALUE}).")
  String filters;

  @Option(names = "--max-length", paramLabel = "N", defaultValue = "30",
      description = "[length] Longest kept concept in characters, ≥ 1 (default: ${DEFAULT-VALUE}, Label-free CBM's MAX_LEN).")
  int maxLength;

  @Option(names = "--class-similarity", paramLabel = "COS", defaultValue = "0.85",
      description = "[class-name] Drop at cosine ≥ COS with a class name, in [-1, 1], or 'off' for exact matches only "
          + "(default: ${DEFAULT-VALUE}, Label-free CBM's CLASS_SIM_CUTOFF).")
  String classSimilarity;

  @Option(names = "--redundancy", paramLabel = "COS", defaultValue = "0.9",
      description = "[redundancy] Concepts at cosine ≥ COS are redundant, in [-1, 1] (default: ${DEFAULT-VALUE}, Label-free CBM's OTHER_SIM_CUTOFF).")
  double redundancy;

  @Option(names = "--activation-cutoff", paramLabel = "COS", defaultValue = "0.25",
      description = "[low-activation] Drop when the mean top-k cosine is ≤ COS, in [-1, 1] "
          + "(default: ${DEFAULT-VALUE}, Label-free CBM's clip_cutoff; CUB 0.26, Places365/ImageNet 0.28).")
  double activationCutoff;

  @Option(names = "--activation-top-k", paramLabel = "K", defaultValue = "5",
      description = "[low-activation] Highest activations averaged, ≥ 1 (default: ${DEFAULT-VALUE}, Label-free CBM's).")
  int activationTopK;

  @Option(names = "--min-grounding", paramLabel = "RATIO", defaultValue = "2.0",
      description = "[non-visual] Drop when the grounding ratio is ≤ RATIO, ≥ 0 (default: ${DEFAULT-VALUE}, Glassbox's).")
  double minGrounding;

  @Option(names = "--probe-quantile", paramLabel = "Q", defaultValue = "0.9",
      description = "[non-visual] The threshold rises to this quantile of the non-visual probe phrases' ratios, in [0, 1] (default: ${DEFAULT-VALUE}).")
  double probeQuantile;

  @Option(names = "--min-tail", paramLabel = "RATIO", defaultValue = "2.0",
      description = "[non-visual] Keep a concept under the threshold whose top 5%% of images stand as far out as a Gaussian spread with this "
          + "grounding ratio would put them (a rare but visible concept); Infinity turns this off (default: ${DEFAULT-VALUE}).")
  double minTail;

  @Option(names = "--no-probes", description = "[non-visual] Use --min-grounding alone, without encoding probe phrases.")
  boolean noProbes;

  @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key for openai: encoders (default: OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--allow-other-encoder",
      description = "Accept an --encoder whose name differs from the one recorded for the concept embeddings (dimensions must still match).")
  boolean allowOtherEncoder;

  @Option(names = "--force", description = "Replace OUT if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  /** One filter with how it was configured and where its default comes from, for the report. */
  private record Configured(ConceptFilter filter, Map<String, Object> settings, String rule, String defaultsFrom) {}

  @Override
  public Integer call() throws Exception {
    Choices.atLeast(spec, "--max-length", maxLength, 1);
    Choices.inRange(spec, "--redundancy", redundancy, -1, 1);
    Choices.inRange(spec, "--activation-cutoff", activationCutoff, -1, 1);
    Choices.atLeast(spec, "--activation-top-k", activationTopK, 1);
    Choices.inRange(spec, "--min-grounding", minGrounding, 0, Double.MAX_VALUE);
    Choices.inRange(spec, "--probe-quantile", probeQuantile, 0, 1);
    Choices.inRange(spec, "--min-tail", minTail, 0, Double.POSITIVE_INFINITY);
    List<String> order = filterOrder();
    boolean exactOnly = classSimilarity.strip().equalsIgnoreCase("off");
    double classSim = exactOnly ? Double.NaN : parseDouble("--class-similarity", classSimilarity);
    if (!exactOnly) {
      Choices.inRange(spec, "--class-similarity", classSim, -1, 1);
    }
    List<Configured> configured = configure(order, classSim);
    boolean needsClassEmbeddings = order.contains("class-name") && !exactOnly;
    boolean needsProbes = order.contains("non-visual") && !noProbes;
    if ((needsClassEmbeddings || needsProbes) && encoder == null) {
      throw Choices.usage(spec, "give --encoder, the text encoder that made the concept embeddings: "
          + (needsClassEmbeddings ? "the class-name filter compares concepts with class-name embeddings" : "")
          + (needsClassEmbeddings && needsProbes ? ", and " : "")
          + (needsProbes ? "the non-visual filter calibrates itself on encoded probe phrases" : "")
          + " (or pass " + (needsClassEmbeddings ? "--class-similarity off" : "") + (needsClassEmbeddings && needsProbes ? " and " : "")
          + (needsProbes ? "--no-probes" : "") + ")");
    }
    if (out.toAbsolutePath().normalize().equals(data.toAbsolutePath().normalize())) {
      throw Choices.usage(spec, "--out must differ from --data: the filter writes a new dataset directory and leaves the input unchanged");
    }
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "no such dataset directory");
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data);
    OutputPaths.checkWritableTarget(out, force);

    ConceptEmbeddings candidates;
    List<String> classNames;
    FloatMatrix trainImages;
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      if (s.concepts() == null) {
        throw new IllegalArgumentException("dataset " + data + " has no candidate concepts; attach them first with "
            + "'glassbox embed concepts CONCEPTS.json --encoder ENCODER --data " + data + "'");
      }
      candidates = s.concepts();
      Dataset d = s.dataset();
      classNames = d.classNames();
      int[] train = d.indices(Split.TRAIN);
      boolean needsImages = order.contains("low-activation") || order.contains("non-visual");
      if (needsImages && train.length == 0) {
        throw new IllegalArgumentException("dataset " + data + " has no training items; the low-activation and non-visual filters score "
            + "concepts on training images only");
      }
      trainImages = needsImages ? d.embeddingsOf(train) : null;
    }
    EncoderIdentity conceptEncoder = DerivedDatasets.conceptEncoder(data);
    FilterContext context = new FilterContext(classNames, null, trainImages, null);
    EncoderIdentity textIdentity = null;
    if (needsClassEmbeddings || needsProbes) {
      String keyEnv = apiKeyEnv == null || apiKeyEnv.strip().equalsIgnoreCase("none") ? null : apiKeyEnv;
      try (TextEncoder text = TextEncoders.open(encoder, OnnxConfig.defaults(), keyEnv)) {
        textIdentity = text.identity();
        checkEncoder(textIdentity, candidates.dim(), conceptEncoder);
        if (needsClassEmbeddings) {
          context = context.withClassNames(classNames, text.encode(classNames));
        }
        if (needsProbes) {
          ConceptSet probes = ConceptSet.ofTexts(NonVisualFilter.DEFAULT_PROBES);
          context = context.withNonVisualProbes(new ConceptEmbeddings(probes, text.encode(probes.texts()), textIdentity));
        }
      }
    }

    List<ConceptFilter> pipeline = new ArrayList<>();
    for (Configured c : configured) {
      pipeline.add(c.filter());
    }
    FilterResult result = new FilterPipeline(pipeline).apply(candidates, context);
    FilterReport report = result.report();
    Map<String, Object> reportJson = reportJson(candidates, report, configured, textIdentity, conceptEncoder,
        trainImages == null ? 0 : trainImages.rows(), context.nonVisualProbes() == null ? 0 : context.nonVisualProbes().concepts().size());
    if (report.kept() == 0) {
      throw new IllegalArgumentException("every one of the " + report.candidates() + " candidate concepts was dropped (" + perFilterSummary(report)
          + "); nothing was written. Loosen the thresholds (see 'glassbox concepts filter --help'), or run fewer --filters");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < candidates.concepts().size(); i++) {
      index.put(candidates.concepts().get(i).text(), i);
    }
    int[] keep = new int[report.kept()];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = index.get(result.kept().concepts().get(i).text());
    }
    reportJson.put("out", out.toString());
    DerivedDatasets.withConceptSubset(data, out, keep, force,
        (AtomicFiles.DirectoryWriter) tmp -> AtomicFiles.write(tmp.resolve(REPORT), Json.bytes(reportJson)));

    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Output.json(w, reportJson);
      return 0;
    }
    w.println("filtered " + report.candidates() + " candidate concepts of " + data + ": kept " + report.kept() + ", dropped "
        + report.dropped().size() + "; wrote " + out + " (every dropped concept: " + out.resolve(REPORT) + ")");
    int in = report.candidates();
    Map<String, Integer> perFilter = report.droppedPerFilter();
    int width = order.stream().mapToInt(String::length).max().orElse(0);
    for (Configured c : configured) {
      String name = c.filter().name();
      if (!perFilter.containsKey(name)) {
        w.println("  " + ConceptsGenerateCommand.pad(name, width) + "  not run: no concepts left");
        continue;
      }
      int dropped = perFilter.get(name);
      w.println("  " + ConceptsGenerateCommand.pad(name, width) + "  " + String.format(Locale.ROOT, "%5d in, %5d dropped", in, dropped)
          + "  (" + c.rule() + ")");
      int shown = 0;
      for (DroppedConcept d : report.dropped()) {
        if (d.filter().equals(name) && shown < EXAMPLES) {
          w.println("  " + " ".repeat(width) + "    - \"" + d.concept().text() + "\": " + d.detail());
          shown++;
        }
      }
      if (dropped > shown) {
        w.println("  " + " ".repeat(width) + "    … and " + (dropped - shown) + " more in the report");
      }
      in -= dropped;
    }
    w.flush();
    return 0;
  }

  private List<String> filterOrder() {
    List<String> order = new ArrayList<>();
    for (String f : filters.split(",")) {
      if (f.isBlank()) {
        continue;
      }
      String name = Choices.check(spec, "--filters", f, FILTERS);
      if (order.contains(name)) {
        throw Choices.usage(spec, "--filters lists " + name + " twice");
      }
      order.add(name);
    }
    if (order.isEmpty()) {
      throw Choices.usage(spec, "--filters names no filter; choose among " + String.join(", ", FILTERS));
    }
    return order;
  }

  private double parseDouble(String option, String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw Choices.usage(spec, "Invalid value for option '" + option + "': '" + value + "' is not a number (or 'off')");
    }
  }

  private List<Configured> configure(List<String> order, double classSim) {
    List<Configured> out = new ArrayList<>();
    for (String f : order) {
      out.add(switch (f) {
        case "length" -> new Configured(new LengthFilter(maxLength), Map.of("max_chars", maxLength),
            "≤ " + maxLength + " characters", "Label-free CBM MAX_LEN = 30");
        case "class-name" -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("similarity_threshold", Double.isNaN(classSim) ? "off" : classSim);
          yield new Configured(new ClassNameFilter(classSim), m,
              Double.isNaN(classSim) ? "not a class name" : "not a class name, cosine < " + classSim + " with every class name",
              "Label-free CBM CLASS_SIM_CUTOFF = 0.85 (on its mpnet + CLIP blend; here on --encoder alone)");
        }
        case "redundancy" -> new Configured(new RedundancyFilter(redundancy), Map.of("threshold", redundancy),
            "cosine < " + redundancy + " with every more general concept", "Label-free CBM OTHER_SIM_CUTOFF = 0.9");
        case "low-activation" -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("top_k", activationTopK);
          m.put("cutoff", activationCutoff);
          yield new Configured(new LowActivationFilter(activationTopK, activationCutoff), m,
              "mean top-" + activationTopK + " cosine over training images > " + activationCutoff,
              "Label-free CBM clip_cutoff = 0.25 for CLIP ViT-B/16 (CUB 0.26; Places365, ImageNet 0.28), top 5");
        }
        case "non-visual" -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("min_grounding_ratio", minGrounding);
          m.put("probe_quantile", probeQuantile);
          m.put("probes", !noProbes);
          m.put("min_tail_ratio", minTail);
          yield new Configured(new NonVisualFilter(minGrounding, probeQuantile, minTail), m,
              "grounding ratio > " + minGrounding + (noProbes ? "" : " and above the probes' " + probeQuantile + " quantile")
                  + ", or top-5% tail ratio ≥ " + minTail,
              "Glassbox's own test: 2.0, twice a random direction's image variance; probes' 0.9 quantile");
        }
        default -> throw new IllegalStateException(f);
      });
    }
    return out;
  }

  private void checkEncoder(EncoderIdentity text, int conceptDim, EncoderIdentity conceptEncoder) {
    String made = conceptEncoder == null ? "an unrecorded encoder" : "the encoder '" + conceptEncoder.name() + "'";
    if (text.dim() != conceptDim) {
      throw new IllegalArgumentException("the text encoder '" + text.name() + "' gives " + text.dim() + "-d embeddings but the concept embeddings of "
          + data + " are " + conceptDim + "-d, from " + made + "; give --encoder the text encoder that made them");
    }
    if (conceptEncoder != null && !conceptEncoder.name().equals(text.name()) && !allowOtherEncoder) {
      throw new IllegalArgumentException("the text encoder '" + text.name() + "' is not " + made + " that made the concept embeddings of " + data
          + " (both " + conceptDim + "-d, but equal dimensions do not make a shared space); give --encoder that encoder, or pass "
          + "--allow-other-encoder if the two share one space");
    }
  }

  private Map<String, Object> reportJson(ConceptEmbeddings candidates, FilterReport report, List<Configured> configured, EncoderIdentity text,
      EncoderIdentity conceptEncoder, int trainingImages, int probes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", REPORT_FORMAT);
    m.put("formatVersion", 1);
    m.put("data", data.toString());
    m.put("candidates", report.candidates());
    m.put("kept", report.kept());
    m.put("dropped_count", report.dropped().size());
    m.put("training_images", trainingImages);
    m.put("concept_encoder", conceptEncoder == null ? null : conceptEncoder.name());
    m.put("text_encoder", text == null ? null : text.name());
    m.put("probes", probes);
    Map<String, Integer> perFilter = report.droppedPerFilter();
    List<Map<String, Object>> fs = new ArrayList<>();
    int in = report.candidates();
    for (Configured c : configured) {
      String name = c.filter().name();
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", name);
      f.put("settings", c.settings());
      f.put("defaults_from", c.defaultsFrom());
      f.put("ran", perFilter.containsKey(name));
      f.put("candidates", perFilter.containsKey(name) ? in : 0);
      int dropped = perFilter.getOrDefault(name, 0);
      f.put("dropped", dropped);
      in -= dropped;
      fs.add(f);
    }
    m.put("filters", fs);
    List<Map<String, Object>> dropped = new ArrayList<>();
    for (DroppedConcept d : report.dropped()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("text", d.concept().text());
      e.put("source", d.concept().source());
      e.put("classes", d.concept().proposingClasses());
      e.put("filter", d.filter());
      e.put("reason", d.reason().name().toLowerCase(Locale.ROOT));
      e.put("score", finite(d.score()));
      e.put("threshold", finite(d.threshold()));
      e.put("detail", d.detail());
      dropped.add(e);
    }
    m.put("dropped", dropped);
    m.put("kept_concepts", candidates == null ? List.of() : keptTexts(report, candidates));
    return m;
  }

  private static List<String> keptTexts(FilterReport report, ConceptEmbeddings candidates) {
    java.util.Set<String> gone = new java.util.HashSet<>();
    for (DroppedConcept d : report.dropped()) {
      gone.add(d.concept().text());
    }
    List<String> out = new ArrayList<>();
    for (String t : candidates.concepts().texts()) {
      if (!gone.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String perFilterSummary(FilterReport report) {
    List<String> parts = new ArrayList<>();
    report.droppedPerFilter().forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }
}
