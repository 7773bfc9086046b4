package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.TextFiles;
import java.io.IOException;
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
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox embed texts}: a labelled text collection embedded by a text encoder into a dataset
 * directory, so that a concept bottleneck can classify texts (the items) through concepts embedded
 * by the same encoder. With the bundled sentence encoder this also gives an offline stand-in for
 * images in a shared space: captions of pictures, as the sources' tests and the README use.
 */
@Command(
    name = "texts",
    mixinStandardHelpOptions = true,
    description = {
        "Embed a labelled text collection with a text encoder into a dataset directory",
        "(written atomically). The items are texts, so concepts embedded by the same",
        "encoder ('glassbox embed concepts --encoder ENCODER') can score them.",
        "",
        "The manifest is JSON Lines, one item per line: \"text\", \"label\", optional",
        "\"split\" (train, val or test; for every item or none) and optional \"id\"",
        "(default: line_N). Without splits, a seeded stratified split is drawn",
        "(--val-fraction, --test-fraction, --seed).",
        "",
        "--encoder takes MODEL_DIR (a CLIP-family ONNX export), 'minilm' (the bundled",
        "all-MiniLM-L6-v2) or 'openai:MODEL@BASE_URL' (an OpenAI-compatible server).",
        "",
        "Example:",
        "  glassbox embed texts captions.jsonl --encoder minilm --out captions"})
final class EmbedTextsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "JSON Lines: text, label, optional split and id.")
  Path manifest;

  @Option(names = "--encoder", required = true, paramLabel = "ENCODER", description = "Text encoder: " + TextEncoders.HELP + ".")
  String encoder;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory to write.")
  Path out;

  @Option(names = "--batch-size", defaultValue = "64", description = "Texts per batch or request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the stratified split when the manifest gives none (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--val-fraction", defaultValue = "0.15", description = "Validation share per class when the manifest gives no splits (default: ${DEFAULT-VALUE}).")
  double valFraction;

  @Option(names = "--test-fraction", defaultValue = "0.15", description = "Test share per class when the manifest gives no splits (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key for openai: encoders (default: OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--force", description = "Replace DIR if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  /** One manifest line. */
  private record Item(String id, String text, String label, Split split) {}

  @Override
  public Integer call() throws Exception {
    Choices.atLeast(spec, "--batch-size", batchSize, 1);
    Choices.splitFractions(spec, valFraction, testFraction);
    OutputPaths.checkNotOverInputs(spec, "--out", out, "MANIFEST", manifest);
    OutputPaths.checkWritableTarget(out, force);
    List<Item> items = read(manifest);
    List<String> classes = new ArrayList<>(new TreeSet<>(items.stream().map(Item::label).toList()));
    Map<String, Integer> classIndex = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
    int n = items.size();
    int[] labels = new int[n];
    List<String> ids = new ArrayList<>(n);
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      labels[i] = classIndex.get(items.get(i).label());
      ids.add(items.get(i).id());
      texts.add(items.get(i).text());
    }
    boolean splitsGiven = items.get(0).split() != null;
    Split[] splits = new Split[n];
    if (splitsGiven) {
      for (int i = 0; i < n; i++) {
        splits[i] = items.get(i).split();
      }
    } else {
      splits = Splits.stratified(labels, classes.size(), valFraction, testFraction, seed);
    }
    FloatMatrix emb;
    EncoderIdentity identity;
    long t0 = System.nanoTime();
    try (TextEncoder text = TextEncoders.open(encoder, OnnxConfig.defaults().withBatchSize(batchSize), apiKeyEnv)) {
      identity = text.identity();
      emb = text.encode(texts);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String name = manifest.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source", manifest.toAbsolutePath().normalize().toString());
    meta.put("items", "texts");
    Dataset d = new Dataset(name, classes, ids, labels, splits, emb, null, meta);
    DatasetStore.write(out, d, null, identity, force);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("encoder", identity.name());
      m.put("dim", identity.dim());
      m.put("items", n);
      m.put("classes", classes);
      m.put("splits_given", splitsGiven);
      m.put("seconds", seconds);
      Output.json(w, m);
    } else {
      w.println(String.format(Locale.ROOT, "embedded %d texts of %d classes (%d-d, encoder '%s') into %s in %.1f s%s", n, classes.size(),
          identity.dim(), identity.name(), out, seconds, splitsGiven ? "" : "; splits drawn with seed " + seed));
    }
    return 0;
  }

  private static List<Item> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such text manifest");
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".jsonl") && !lower.endsWith(".ndjson")) {
      throw new IllegalArgumentException("text manifest " + file + " must be JSON Lines (.jsonl): one {\"text\", \"label\"[, \"split\"][, \"id\"]} per line");
    }
    List<String> lines = TextFiles.readLines(file, "text manifest");
    int width = Integer.toString(lines.size()).length();
    List<Item> out = new ArrayList<>();
    Map<String, Integer> idLine = new HashMap<>();
    int withSplit = 0;
    int firstWith = -1;
    int firstWithout = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int no = i + 1;
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = Json.MAPPER.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " line " + no + " is not valid JSON: " + line.strip());
      }
      if (n == null || !n.isObject() || !n.path("text").isTextual() || n.path("text").asText().isBlank()) {
        throw new IllegalArgumentException(file + " line " + no + " needs a non-empty \"text\": " + line.strip());
      }
      if (!n.hasNonNull("label") || n.get("label").asText().isBlank()) {
        throw new IllegalArgumentException(file + " line " + no + " needs a \"label\": " + line.strip());
      }
      Split split = null;
      if (n.hasNonNull("split")) {
        try {
          split = Split.parse(n.get("split").asText());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + no + ": " + e.getMessage());
        }
        withSplit++;
        firstWith = firstWith < 0 ? no : firstWith;
      } else {
        firstWithout = firstWithout < 0 ? no : firstWithout;
      }
      String id = n.hasNonNull("id") ? n.get("id").asText() : String.format(Locale.ROOT, "line_%0" + width + "d", no);
      Integer prev = idLine.put(id, no);
      if (prev != null) {
        throw new IllegalArgumentException(file + " line " + no + ": item id '" + id + "' already appears on line " + prev);
      }
      out.add(new Item(id, n.get("text").asText().strip(), n.get("label").asText().strip(), split));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no texts");
    }
    if (withSplit > 0 && withSplit < out.size()) {
      throw new IllegalArgumentException(file + " gives a split on line " + firstWith + " but none on line " + firstWithout
          + "; give every item a split, or none (then splits are drawn, stratified, from --seed)");
    }
    return out;
  }
}
