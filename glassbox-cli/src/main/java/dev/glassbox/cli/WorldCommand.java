package dev.glassbox.cli;

import dev.glassbox.deep.align.AlignmentConfig;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import dev.glassbox.world.tower.ImageTowerEvaluation;
import dev.glassbox.world.tower.ImageTowerTrainer;
import dev.glassbox.world.tower.ImageTowerTrainingConfig;
import dev.glassbox.world.tower.WorldImageEncoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The concept world's own tools: training and evaluating its image tower. */
@Command(
    name = "world",
    mixinStandardHelpOptions = true,
    description = {
        "The concept world: procedural birds with exact ground truth, and the image tower that maps them into",
        "the all-MiniLM-L6-v2 text space (shipped in glassbox-world; regenerate it with train-encoder)."},
    subcommands = {WorldCommand.TrainEncoder.class, WorldCommand.EvaluateEncoder.class, WorldStudyCommands.ExportDataset.class,
        WorldStudyCommands.CompareSelection.class, CommandLine.HelpCommand.class})
final class WorldCommand implements Runnable {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "train-encoder",
      mixinStandardHelpOptions = true,
      description = {
          "Train the world's image tower: render a training world, caption it from its ground truth (canonical",
          "phrases only), align a small CNN to the frozen MiniLM text tower with the CLIP/LiT contrastive loss",
          "(DJL + PyTorch, CPU), and write weights.safetensors, architecture.json, training.json, metadata.json",
          "and README.md to DIR. The defaults reproduce the shipped weights; this takes about an hour on 2 cores.",
          "",
          "Example (regenerate the shipped tower):",
          "  glassbox world train-encoder --out glassbox-world/src/main/resources/dev/glassbox/world/image-tower --force"})
  static final class TrainEncoder implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
    Path out;

    @Option(names = "--force", description = "Replace DIR if it exists.")
    boolean force;

    @Option(names = "--cache", paramLabel = "DIR", description = "Caption-embedding cache (default: ~/.cache/glassbox/captions).")
    Path cache;

    @Option(names = "--seed", defaultValue = "" + ImageTowerTrainingConfig.TRAIN_SEED,
        description = "Seed of the training world and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--images-per-species", defaultValue = "1000",
        description = "Training images per species, 24 species (default: ${DEFAULT-VALUE}).")
    int imagesPerSpecies;

    @Option(names = "--held-out-seed", defaultValue = "" + ImageTowerTrainingConfig.HELD_OUT_SEED,
        description = "Seed of the held-out world (default: ${DEFAULT-VALUE}).")
    long heldOutSeed;

    @Option(names = "--held-out-images-per-species", defaultValue = "40",
        description = "Held-out images per species (default: ${DEFAULT-VALUE}).")
    int heldOutPerSpecies;

    @Option(names = "--epochs", description = "Epochs (default: 10).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Image–caption pairs per step (default: 128).")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak AdamW learning rate (default: 1e-3).")
    Double lr;

    @Option(names = "--weight-decay", description = "Decoupled weight decay (default: 0.05).")
    Double weightDecay;

    @Option(names = "--channels", split = ",", paramLabel = "C1,C2,…",
        description = "Widths of the stride-2 3×3 conv stages (default: 16,32,64,128,256).")
    int[] channels;

    @Option(names = "--sentence-captions", defaultValue = "3",
        description = "Generator sentences per training image (default: ${DEFAULT-VALUE}).")
    int sentenceCaptions;

    @Option(names = "--no-phrase-captions", description = "Do not use bare concept phrases as captions.")
    boolean noPhraseCaptions;

    @Option(names = "--no-augment", description = "Do not augment training images.")
    boolean noAugment;

    @Option(names = "--float32", description = "Store weights as float32 (default: float16).")
    boolean float32;

    @Option(names = "--threads", defaultValue = "1",
        description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}: fastest when other work shares the cores,"
            + " and part of what makes a run reproducible).")
    int threads;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

    @Override
    public Integer call() throws Exception {
      ImageTowerTrainingConfig d = ImageTowerTrainingConfig.defaults();
      AlignmentConfig a = d.alignment().withSeed(seed);
      if (epochs != null) {
        a = a.withEpochs(epochs);
      }
      if (batchSize != null) {
        a = a.withBatchSize(batchSize);
      }
      if (lr != null) {
        a = a.withLearningRate(lr);
      }
      if (weightDecay != null) {
        a = a.withWeightDecay(weightDecay);
      }
      a = a.withAugment(!noAugment);
      ImageTowerTrainingConfig cfg = d.withTrainWorld(d.trainWorld().withSeed(seed).withImagesPerSpecies(imagesPerSpecies))
          .withHeldOutWorld(d.heldOutWorld().withSeed(heldOutSeed).withImagesPerSpecies(heldOutPerSpecies))
          .withArchitecture(channels == null ? d.architecture() : d.architecture().withStages(ConvNetSpec.strided(channels)))
          .withSentenceCaptions(sentenceCaptions).withPhraseCaptions(!noPhraseCaptions).withAlignment(a).withFloat16(!float32);
      Path cacheDir = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "glassbox", "captions");
      String command = "glassbox " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      if (System.getProperty(TORCH_THREADS) == null) {
        // Read once when libtorch starts, which happens only below.
        System.setProperty(TORCH_THREADS, Integer.toString(threads));
      }
      PrintWriter err = spec.commandLine().getErr();
      ImageTowerTrainer.Result r;
      try (Progress p = new Progress(quiet || json)) {
        r = new ImageTowerTrainer(cfg).train(out, force, cacheDir, command, p, line -> {
          err.println(line);
          err.flush();
        });
      }
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", out.toString());
        m.put("weightsSha256", r.weightsSha256());
        m.put("weightsBytes", r.weightsBytes());
        m.put("trainingSeconds", r.model().seconds());
        m.put("heldOut", ImageTowerTrainer.reportJson(r.heldOut()));
        Output.json(w, m);
      } else {
        var c = r.heldOut().concepts();
        w.printf(Locale.ROOT, "wrote %s (weights %,d bytes, sha256 %s)%n", out, r.weightsBytes(), r.weightsSha256());
        w.printf(Locale.ROOT, "held-out concept AUC %.4f (min %.4f), paraphrase AUC %.4f, species zero-shot %.3f, retrieval %.3f%n",
            c.canonicalMean(), c.canonicalMin(), c.paraphraseMean(), r.heldOut().speciesZeroShotAccuracy(),
            r.heldOut().speciesRetrievalAccuracy());
      }
      return 0;
    }
  }

  @Command(
      name = "evaluate-encoder",
      mixinStandardHelpOptions = true,
      description = {
          "Measure the world's image tower on a fresh world: zero-shot concept detection (ROC-AUC of the cosine with",
          "each concept's canonical phrase and with its paraphrases), zero-shot species accuracy and species retrieval.",
          "Runs in plain Java (no libtorch).",
          "",
          "Example:",
          "  glassbox world evaluate-encoder --seed 4242 --images-per-species 20 --json"})
  static final class EvaluateEncoder implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--weights", paramLabel = "DIR", description = "A tower written by train-encoder (default: the shipped one).")
    Path weights;

    @Option(names = "--seed", defaultValue = "4242", description = "Seed of the evaluated world (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--images-per-species", defaultValue = "20", description = "Images per species (default: ${DEFAULT-VALUE}).")
    int imagesPerSpecies;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--json", description = "Print the full report (per-concept AUCs) as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      World world = World.generate(WorldConfig.defaults().withSeed(seed).withImagesPerSpecies(imagesPerSpecies));
      ImageTowerEvaluation.Report r;
      try (ImageEncoder image = weights == null ? WorldImageEncoder.load() : WorldImageEncoder.open(weights);
          MiniLmTextEncoder text = MiniLmTextEncoder.load();
          Progress p = new Progress(quiet || json)) {
        r = ImageTowerEvaluation.evaluate(world, image, text, p);
      }
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        Output.json(w, ImageTowerTrainer.reportJson(r));
      } else {
        var c = r.concepts();
        w.printf(Locale.ROOT, "world seed %d, %d images%n", seed, r.images());
        w.printf(Locale.ROOT, "concept AUC (canonical phrases): mean %.4f, min %.4f (%s), max %.4f over %d concepts%n",
            c.canonicalMean(), c.canonicalMin(), c.worstCanonical().concept(), c.canonicalMax(), c.concepts().size());
        w.printf(Locale.ROOT, "concept AUC (paraphrases, never in training captions): mean %.4f over %d, min %.4f%n",
            c.paraphraseMean(), c.paraphraseCount(), c.paraphraseMin());
        w.printf(Locale.ROOT, "species zero-shot accuracy %.4f, species retrieval %.4f%n", r.speciesZeroShotAccuracy(),
            r.speciesRetrievalAccuracy());
      }
      return 0;
    }
  }
}
