package dev.glassbox.world.tower;

import dev.glassbox.deep.align.AlignmentData;
import dev.glassbox.deep.align.AlignmentModel;
import dev.glassbox.deep.align.AlignmentMonitor;
import dev.glassbox.deep.align.AlignmentTrainer;
import dev.glassbox.deep.align.EpochReport;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encoders.convnet.ConvNetImageEncoder;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Json;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.Provenance;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Configs;
import dev.glassbox.world.Caption;
import dev.glassbox.world.ConceptCatalog;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConcept;
import dev.glassbox.world.WorldConfig;
import dev.glassbox.world.WorldExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Trains the concept world's image tower: renders a training world, writes captions from its
 * ground truth (canonical phrases only, never a paraphrase), embeds them with the frozen
 * all-MiniLM-L6-v2 text tower (cached on disk), aligns a small CNN to that text space with the
 * {@link AlignmentTrainer} (CLIP/LiT contrastive loss), and writes a model directory: the weights,
 * the architecture, the training log and a {@value #METADATA_FILE} / {@value #README_FILE} that record
 * the command, seeds, world configs, data sizes, epochs, final held-out metrics (measured with the
 * stored weights through the plain-Java forward pass) and the SHA-256 of the weights.
 *
 * <p>This is the only part of the world that needs libtorch (through {@code glassbox-deep}).
 */
public final class ImageTowerTrainer {
  /** The metadata file of a model directory. */
  public static final String METADATA_FILE = "metadata.json";
  /** The human-readable summary of a model directory. */
  public static final String README_FILE = "README.md";
  /** The version of the model directory's layout and metadata that this code writes. */
  public static final int FORMAT_VERSION = 1;

  private final ImageTowerTrainingConfig config;

  public ImageTowerTrainer(ImageTowerTrainingConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  public ImageTowerTrainingConfig config() {
    return config;
  }

  /**
   * The result of a training run.
   *
   * @param model the trained tower with its log
   * @param heldOut the final evaluation of the stored weights on the held-out world
   * @param weightsSha256 SHA-256 of the stored weights file
   * @param weightsBytes size of the stored weights file
   * @param out the written model directory
   */
  public record Result(AlignmentModel model, ImageTowerEvaluation.Report heldOut, String weightsSha256, long weightsBytes, Path out) {}

  /**
   * Trains and writes the model directory {@code out} (atomically; an existing directory is
   * replaced only when {@code replace} is true).
   *
   * @param cacheDir where caption embeddings are cached, or null for no cache
   * @param command the command line that started the run, recorded in the metadata
   * @param progress stage progress (rendering, caption embeddings, training steps)
   * @param log one line per finished stage and epoch
   */
  public Result train(Path out, boolean replace, Path cacheDir, String command, ProgressListener progress, Consumer<String> log)
      throws IOException {
    ProgressListener p = progress == null ? ProgressListener.NONE : progress;
    Consumer<String> say = log == null ? s -> {} : log;
    if (!replace && Files.exists(out)) {
      throw new java.nio.file.FileAlreadyExistsException(out.toString(), null, "exists; choose another directory or replace it");
    }
    long t0 = System.nanoTime();
    try (MiniLmTextEncoder text = MiniLmTextEncoder.load()) {
      MemoTextEncoder memo = new MemoTextEncoder(text);
      World trainWorld = World.generate(config.trainWorld());
      List<byte[]> trainImages = render(trainWorld, "render training images", p);
      say.accept(String.format(Locale.ROOT, "rendered %d training images (world seed %d) in %.0f s", trainWorld.size(),
          config.trainWorld().seed(), (System.nanoTime() - t0) / 1e9));
      CaptionTable trainCaptions = trainCaptions(trainWorld);
      long c0 = System.nanoTime();
      FloatMatrix trainTable = CaptionEmbeddingCache.embed(text, trainCaptions.texts, cacheDir, threads(), p);
      say.accept(String.format(Locale.ROOT, "%d distinct training captions embedded with %s in %.0f s", trainCaptions.texts.size(),
          MiniLmTextEncoder.NAME, (System.nanoTime() - c0) / 1e9));

      World heldWorld = World.generate(config.heldOutWorld());
      List<byte[]> heldImages = render(heldWorld, "render held-out images", p);
      CaptionTable heldCaptions = heldOutCaptions(heldWorld);
      FloatMatrix heldTable = CaptionEmbeddingCache.embed(text, heldCaptions.texts, cacheDir, threads(), p);

      AlignmentData train = new AlignmentData(trainImages, config.architecture().inputSize(), trainCaptions.perImage, trainTable);
      AlignmentData held = new AlignmentData(heldImages, config.architecture().inputSize(), heldCaptions.perImage, heldTable);
      say.accept(String.format(Locale.ROOT, "training %s: %,d parameters, %d epochs of %d steps (batch %d)",
          config.architecture().stages(), config.architecture().parameterCount(), config.alignment().epochs(),
          train.numImages() / config.alignment().batchSize(), config.alignment().batchSize()));
      AlignmentModel model = new AlignmentTrainer(config.alignment()).fit(config.architecture(), train, held,
          new AlignmentMonitor() {
            @Override
            public Map<String, Double> metrics(int epoch, FloatMatrix emb) {
              ImageTowerEvaluation.Report r = ImageTowerEvaluation.evaluate(heldWorld, emb, memo);
              Map<String, Double> m = new LinkedHashMap<>();
              m.put("conceptAucMean", r.concepts().canonicalMean());
              m.put("conceptAucMin", r.concepts().canonicalMin());
              m.put("paraphraseAucMean", r.concepts().paraphraseMean());
              m.put("speciesZeroShotAccuracy", r.speciesZeroShotAccuracy());
              m.put("speciesRetrievalAccuracy", r.speciesRetrievalAccuracy());
              return m;
            }

            @Override
            public void epochEnd(EpochReport r) {
              say.accept(String.format(Locale.ROOT,
                  "epoch %d/%d: loss %.4f, held-out loss %.4f, i→t %.3f, t→i %.3f, 1/τ %.1f, concept AUC %.4f (min %.3f), "
                      + "paraphrase AUC %.4f, %.0f s",
                  r.epoch(), config.alignment().epochs(), r.trainLoss(), r.heldOutLoss(), r.imageToText(), r.textToImage(),
                  r.logitScale(), r.metrics().get("conceptAucMean"), r.metrics().get("conceptAucMin"),
                  r.metrics().get("paraphraseAucMean"), r.seconds()));
            }

            @Override
            public void step(int epoch, int done, int total, double loss) {
              p.progress("train epoch " + epoch, done, total);
            }
          });
      Result[] result = new Result[1];
      AtomicFiles.writeDirectory(out, replace, dir -> {
        String sha = model.save(dir, config.float16() ? NpyDtype.FLOAT16 : NpyDtype.FLOAT32, Map.of("trainingConfig",
            Configs.toMap(config)));
        try (ConvNetImageEncoder stored = ConvNetImageEncoder.open(dir, WorldImageEncoder.NAME)) {
          ImageTowerEvaluation.Report report = ImageTowerEvaluation.evaluate(heldWorld, stored, memo, p);
          long bytes = Files.size(dir.resolve(ConvNetImageEncoder.WEIGHTS_FILE));
          double seconds = (System.nanoTime() - t0) / 1e9;
          Map<String, Object> meta = metadata(model, report, sha, bytes, text.identity(), command, trainCaptions, heldCaptions,
              seconds);
          Files.write(dir.resolve(METADATA_FILE), Json.bytes(meta));
          Files.write(dir.resolve(README_FILE), readme(meta, report).getBytes(StandardCharsets.UTF_8));
          result[0] = new Result(model, report, sha, bytes, out);
        }
      });
      ImageTowerEvaluation.Report r = result[0].heldOut();
      say.accept(String.format(Locale.ROOT,
          "stored weights (%s, %,d bytes, sha256 %s): held-out concept AUC %.4f (min %.3f), paraphrase AUC %.4f; %.0f s in all",
          config.float16() ? "float16" : "float32", result[0].weightsBytes(), result[0].weightsSha256(),
          r.concepts().canonicalMean(), r.concepts().canonicalMin(), r.concepts().paraphraseMean(), (System.nanoTime() - t0) / 1e9));
      return result[0];
    }
  }

  private static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Renders every image of {@code world} as 8-bit planes, on all cores, in index order. */
  static List<byte[]> render(World world, String stage, ProgressListener p) throws IOException {
    int n = world.size();
    int size = world.config().imageSize();
    byte[][] out = new byte[n][];
    int threads = threads();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "glassbox-render");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        workers.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < n) {
            out[i] = ConvNet.rgbPlanes(world.render(i).image(), size);
            int d = done.incrementAndGet();
            if (d % 256 == 0 || d == n) {
              p.progress(stage, d, n);
            }
          }
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("rendering was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("rendering failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(out);
  }

  /** Distinct caption texts and, per image, the ids of its captions. */
  record CaptionTable(List<String> texts, int[][] perImage) {}

  /** Assigns ids to texts in order of first appearance. */
  private static final class Ids {
    final Map<String, Integer> ids = new LinkedHashMap<>();

    int of(String text) {
      return ids.computeIfAbsent(text, t -> ids.size());
    }

    List<String> texts() {
      return List.copyOf(ids.keySet());
    }
  }

  /**
   * Per training image: {@code sentenceCaptions} generator sentences and, when phrase captions are
   * on, the bare phrase of every present concept; each sentence is listed once per phrase and each
   * phrase once per sentence, so that a uniform draw from the list is a sentence half of the time.
   */
  CaptionTable trainCaptions(World world) {
    Ids ids = new Ids();
    List<WorldConcept> concepts = ConceptCatalog.all();
    int[][] per = new int[world.size()][];
    for (int i = 0; i < world.size(); i++) {
      List<Caption> sentences = world.captions(i, config.sentenceCaptions(), config.captionSeed());
      int[] s = new int[sentences.size()];
      for (int j = 0; j < s.length; j++) {
        s[j] = ids.of(sentences.get(j).text());
      }
      int[] present = config.phraseCaptions() ? world.presentConcepts(i) : new int[0];
      int[] ph = new int[present.length];
      for (int j = 0; j < ph.length; j++) {
        ph[j] = ids.of(concepts.get(present[j]).phrase());
      }
      if (ph.length == 0) {
        per[i] = s;
        continue;
      }
      int[] list = new int[2 * s.length * ph.length];
      int k = 0;
      for (int sid : s) {
        for (int r = 0; r < ph.length; r++) {
          list[k++] = sid;
        }
      }
      for (int pid : ph) {
        for (int r = 0; r < s.length; r++) {
          list[k++] = pid;
        }
      }
      per[i] = list;
    }
    return new CaptionTable(ids.texts(), per);
  }

  /**
   * Per held-out image: one generator sentence first (the caption its retrieval is measured with),
   * then the bare phrase of every present concept (so that a retrieved phrase that describes the
   * image counts as right).
   */
  CaptionTable heldOutCaptions(World world) {
    Ids ids = new Ids();
    List<WorldConcept> concepts = ConceptCatalog.all();
    int[][] per = new int[world.size()][];
    for (int i = 0; i < world.size(); i++) {
      int[] present = world.presentConcepts(i);
      int[] list = new int[1 + present.length];
      list[0] = ids.of(world.captions(i, 1, config.captionSeed()).get(0).text());
      for (int j = 0; j < present.length; j++) {
        list[1 + j] = ids.of(concepts.get(present[j]).phrase());
      }
      per[i] = list;
    }
    return new CaptionTable(ids.texts(), per);
  }

  private Map<String, Object> metadata(
      AlignmentModel model, ImageTowerEvaluation.Report report, String sha, long bytes, EncoderIdentity text, String command,
      CaptionTable trainCaptions, CaptionTable heldCaptions, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", WorldImageEncoder.NAME);
    m.put("format", "glassbox-world-image-tower");
    m.put("formatVersion", FORMAT_VERSION);
    m.put("weightsFile", ConvNetImageEncoder.WEIGHTS_FILE);
    m.put("weightsSha256", sha);
    m.put("weightsBytes", bytes);
    m.put("weightsDtype", config.float16() ? "F16" : "F32");
    m.put("parameters", model.spec().parameterCount());
    m.put("multiplyAddsPerImage", model.spec().multiplyAdds());
    m.put("textEncoder", Map.of("name", text.name(), "sha256", text.sha256(), "dim", text.dim()));
    m.put("command", command == null ? "" : command);
    Provenance.BuildInfo b = Provenance.BuildInfo.current();
    m.put("glassboxVersion", b.version());
    m.put("glassboxCommit", b.commit());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("torchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default (all cores)"));
    m.put("rendererVersion", WorldExporter.RENDERER_VERSION);
    m.put("trainWorld", Configs.toMap(config.trainWorld()));
    m.put("heldOutWorld", Configs.toMap(config.heldOutWorld()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("trainImages", model.trainImages());
    data.put("trainCaptionsDistinct", trainCaptions.texts().size());
    data.put("sentenceCaptionsPerImage", config.sentenceCaptions());
    data.put("phraseCaptions", config.phraseCaptions());
    data.put("captionSeed", config.captionSeed());
    data.put("heldOutImages", model.heldOutImages());
    data.put("heldOutCaptionsDistinct", heldCaptions.texts().size());
    data.put("dataFingerprint", model.dataFingerprint());
    m.put("data", data);
    m.put("alignment", Configs.toMap(config.alignment()));
    m.put("epochs", model.log().size());
    m.put("trainingSeconds", Math.round(model.seconds()));
    m.put("totalSeconds", Math.round(seconds));
    m.put("finalLogitScale", model.logitScale());
    EpochReport last = model.last();
    Map<String, Object> lastEpoch = new LinkedHashMap<>();
    lastEpoch.put("trainLoss", last.trainLoss());
    lastEpoch.put("heldOutLoss", last.heldOutLoss());
    lastEpoch.put("imageToText", last.imageToText());
    lastEpoch.put("textToImage", last.textToImage());
    m.put("lastEpoch", lastEpoch);
    m.put("heldOut", reportJson(report));
    return m;
  }

  /** A JSON-ready form of an evaluation report: summary figures and per-concept AUCs. */
  public static Map<String, Object> reportJson(ImageTowerEvaluation.Report report) {
    Map<String, Object> h = new LinkedHashMap<>();
    var c = report.concepts();
    h.put("worldSeed", report.worldSeed());
    h.put("images", report.images());
    h.put("conceptAucMean", c.canonicalMean());
    h.put("conceptAucMin", c.canonicalMin());
    h.put("conceptAucMax", c.canonicalMax());
    h.put("paraphraseAucMean", c.paraphraseMean());
    h.put("paraphraseAucConceptMean", c.paraphraseConceptMean());
    h.put("paraphraseAucMin", c.paraphraseMin());
    h.put("allPhrasesAucMean", c.allPhrasesMean());
    h.put("paraphrases", c.paraphraseCount());
    h.put("speciesZeroShotAccuracy", report.speciesZeroShotAccuracy());
    h.put("speciesRetrievalAccuracy", report.speciesRetrievalAccuracy());
    h.put("skippedConcepts", c.skipped());
    Map<String, Object> per = new LinkedHashMap<>();
    for (var r : c.concepts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("auc", r.canonical().auc());
      e.put("positives", r.positives());
      Map<String, Object> paras = new LinkedHashMap<>();
      r.paraphrases().forEach(pa -> paras.put(pa.phrase(), pa.auc()));
      e.put("paraphrases", paras);
      per.put(r.concept(), e);
    }
    h.put("perConcept", per);
    return h;
  }

  private String readme(Map<String, Object> meta, ImageTowerEvaluation.Report report) {
    var c = report.concepts();
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(WorldImageEncoder.NAME).append(" — the concept world's image tower\n\n");
    sb.append("Generated by `ImageTowerTrainer`; do not edit by hand. `metadata.json` holds every figure below and more.\n\n");
    sb.append("A small CNN (").append(config.architecture().stages().size()).append(" stride-2 3×3 conv + folded batch norm + ReLU ")
        .append("stages, global average pooling, linear projection, L2 norm) aligned to the frozen text tower ")
        .append(MiniLmTextEncoder.NAME).append(" with the CLIP/LiT contrastive loss. It runs in plain Java ")
        .append("(`ConvNetImageEncoder`); loading it never starts libtorch.\n\n");
    sb.append("| | |\n|---|---|\n");
    row(sb, "command", "`" + meta.get("command") + "`");
    row(sb, "weights", "`weights.safetensors`, " + meta.get("weightsDtype") + ", " + meta.get("weightsBytes") + " bytes, "
        + meta.get("parameters") + " parameters");
    row(sb, "weights SHA-256", "`" + meta.get("weightsSha256") + "`");
    row(sb, "training world", worldLine(config.trainWorld()) + ", renderer version " + WorldExporter.RENDERER_VERSION);
    row(sb, "held-out world", worldLine(config.heldOutWorld()));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) meta.get("data");
    row(sb, "captions", data.get("trainCaptionsDistinct") + " distinct: " + config.sentenceCaptions()
        + " generator sentences per image" + (config.phraseCaptions() ? " + the bare phrase of each present concept (half of the draws)" : "")
        + "; canonical phrases only, never a paraphrase");
    row(sb, "training", config.alignment().epochs() + " epochs, batch " + config.alignment().batchSize() + ", AdamW lr "
        + config.alignment().learningRate() + ", weight decay " + config.alignment().weightDecay() + ", τ₀ "
        + config.alignment().initialTemperature() + (config.alignment().learnTemperature() ? " (learned)" : " (fixed)")
        + ", augmentation " + (config.alignment().augment() ? "on" : "off") + ", seed " + config.alignment().seed());
    row(sb, "training time", meta.get("trainingSeconds") + " s (" + meta.get("totalSeconds") + " s with rendering, captions and evaluation)");
    row(sb, "held-out concept AUC (canonical phrase)", String.format(Locale.ROOT, "mean %.4f, min %.4f, max %.4f over %d concepts",
        c.canonicalMean(), c.canonicalMin(), c.canonicalMax(), c.concepts().size()));
    row(sb, "held-out concept AUC (paraphrases)", String.format(Locale.ROOT, "mean %.4f over %d paraphrases (per-concept mean %.4f), min %.4f",
        c.paraphraseMean(), c.paraphraseCount(), c.paraphraseConceptMean(), c.paraphraseMin()));
    row(sb, "species zero-shot accuracy (\"a photo of a {species}\")", String.format(Locale.ROOT, "%.4f", report.speciesZeroShotAccuracy()));
    row(sb, "species retrieval (nearest other image, same species)", String.format(Locale.ROOT, "%.4f", report.speciesRetrievalAccuracy()));
    sb.append("\n## Per-concept AUC on the held-out world\n\n| concept | AUC | paraphrases (AUC) |\n|---|---|---|\n");
    for (var r : c.concepts()) {
      StringBuilder ps = new StringBuilder();
      for (var pa : r.paraphrases()) {
        if (ps.length() > 0) {
          ps.append(", ");
        }
        ps.append(pa.phrase()).append(String.format(Locale.ROOT, " %.2f", pa.auc()));
      }
      sb.append("| ").append(r.concept()).append(String.format(Locale.ROOT, " | %.3f | ", r.canonical().auc())).append(ps).append(" |\n");
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private static String worldLine(WorldConfig w) {
    return "seed " + w.seed() + ", " + w.species() + " species × " + w.imagesPerSpecies() + " images = " + w.images() + " images of "
        + w.imageSize() + " × " + w.imageSize();
  }

  /** A text encoder that remembers every text it has encoded (concept phrases are scored each epoch). */
  static final class MemoTextEncoder implements TextEncoder {
    private final TextEncoder inner;
    private final Map<String, float[]> memo = new ConcurrentHashMap<>();

    MemoTextEncoder(TextEncoder inner) {
      this.inner = inner;
    }

    @Override
    public EncoderIdentity identity() {
      return inner.identity();
    }

    @Override
    public FloatMatrix encode(List<String> texts) {
      int d = inner.dim();
      float[] out = new float[texts.size() * d];
      for (int i = 0; i < texts.size(); i++) {
        float[] v = memo.computeIfAbsent(texts.get(i), t -> inner.encode(List.of(t)).data());
        System.arraycopy(v, 0, out, i * d, d);
      }
      return FloatMatrix.wrap(texts.size(), d, out);
    }
  }
}
