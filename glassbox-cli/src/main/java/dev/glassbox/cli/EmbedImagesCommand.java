package dev.glassbox.cli;

import dev.glassbox.encoders.embed.EmbedImagesConfig;
import dev.glassbox.encoders.embed.EmbedImagesResult;
import dev.glassbox.encoders.embed.ImageEmbeddingJob;
import dev.glassbox.encoders.embed.SkippedImage;
import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.image.ImageDecoderConfig;
import dev.glassbox.encoders.ingest.ImageCollection;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    description = {
        "Embed a folder of images (one sub-folder per class) or a manifest (.csv with a header row, or .jsonl;",
        "columns path (relative to the manifest), label, optional split, optional id) with the image tower of",
        "a CLIP-family ONNX export, into a dataset directory that 'glassbox train' reads once concepts are",
        "attached ('glassbox embed concepts').",
        "",
        "Images that cannot be used (empty, truncated, corrupt, not an image, larger than --max-pixels,",
        "unreadable) are skipped with their reason: listed in OUT/skipped.jsonl and summarised here.",
        "Decoding runs on --threads threads while inference runs on its own.",
        "",
        "Resumable: progress is kept in OUT.partial/ beside OUT, forced to disk after every batch. If the run",
        "is killed, run the same command again: it checks that the inputs and encoder are unchanged and",
        "embeds only what is missing; the result is byte-identical to an uninterrupted run. If it was killed",
        "after writing OUT but before removing OUT.partial/, the next run of the same command removes",
        "OUT.partial/ and reports OUT as already complete.",
        "",
        "Example:",
        "  glassbox embed images photos/ --encoder clip-model/ --out photos-cache --json"})
final class EmbedImagesCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR_OR_MANIFEST", description = "Image folder or manifest (.csv, .jsonl).")
  Path source;

  @Option(names = "--encoder", required = true, paramLabel = "MODEL_DIR",
      description = "CLIP-family ONNX model directory (glassbox-encoder.json + image tower).")
  Path encoder;

  @Option(names = "--out", required = true, paramLabel = "CACHE", description = "Dataset directory to write.")
  Path out;

  @Option(names = "--batch-size", defaultValue = "32", description = "Images per inference batch, in [1, 4096] (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", description = "Decode threads, in [1, 256] (default: the number of processors).")
  Integer threads;

  @Option(names = "--onnx-threads", defaultValue = "0",
      description = "ONNX Runtime intra-op threads; 0 lets it choose (default: ${DEFAULT-VALUE}).")
  int onnxThreads;

  @Option(names = "--max-pixels", defaultValue = "50000000",
      description = "Largest width × height accepted, checked from the header before decoding (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the stratified split when the source gives none (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--val-fraction", defaultValue = "0.15", description = "Validation share per class when the source gives no splits (default: ${DEFAULT-VALUE}).")
  double valFraction;

  @Option(names = "--test-fraction", defaultValue = "0.15", description = "Test share per class when the source gives no splits (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--force", description = "Replace CACHE if it exists.")
  boolean force;

  @Option(names = "--restart", description = "Discard an interrupted run's staging directory made for other inputs or another encoder.")
  boolean restart;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Choices.inRange(spec, "--batch-size", (double) batchSize, 1, 4096);
    if (threads != null) {
      Choices.inRange(spec, "--threads", (double) threads, 1, 256);
    }
    Choices.atLeast(spec, "--onnx-threads", onnxThreads, 0);
    Choices.atLeast(spec, "--max-pixels", maxPixels, 1);
    Choices.splitFractions(spec, valFraction, testFraction);
    EmbedImagesConfig cfg = EmbedImagesConfig.defaults().withBatchSize(batchSize).withFractions(valFraction, testFraction).withSeed(seed);
    if (threads != null) {
      cfg = cfg.withDecodeThreads(threads);
    }
    ImageDecoder decoder = new ImageDecoder(ImageDecoderConfig.defaults().withMaxPixels(maxPixels));
    OnnxConfig onnx = OnnxConfig.defaults().withIntraOpThreads(onnxThreads).withBatchSize(batchSize);
    // With a leftover staging directory beside an existing OUT, the job decides: a run killed after
    // its final rename left OUT finished for this very job, which the job recognises and tidies up.
    OutputPaths.checkNotOverInputs(spec, "--out", out, "DIR_OR_MANIFEST", source);
    OutputPaths.checkWritableTarget(out, force || Files.isDirectory(ImageEmbeddingJob.stagingDirectory(out)));
    ImageCollection images = ImageCollection.open(source);
    EmbedImagesResult r;
    try (OnnxClipImageEncoder enc = ClipModelDirectory.open(encoder).openImageEncoder(onnx, decoder);
        Progress p = new Progress(quiet || json)) {
      r = new ImageEmbeddingJob(cfg).run(images, enc, out, force, restart, p);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (r.alreadyComplete() && !json) {
      err.println(out + " was already complete: an earlier run of the same job was stopped after writing it, before removing "
          + ImageEmbeddingJob.stagingDirectory(out) + " (now removed); nothing was recomputed");
    } else if (r.resumedItems() > 0 && !json) {
      err.println("resumed an interrupted run: " + r.resumedItems() + " of " + r.items() + " images were already done");
    }
    if (!r.skipped().isEmpty()) {
      err.println("skipped " + r.skipped().size() + " of " + r.items() + " images " + r.skippedByReason() + "; see "
          + out.resolve(ImageEmbeddingJob.SKIPPED) + ":");
      List<SkippedImage> show = r.skipped().subList(0, Math.min(5, r.skipped().size()));
      for (SkippedImage s : show) {
        err.println("  " + s.reason() + "  " + s.message());
      }
      if (r.skipped().size() > show.size()) {
        err.println("  … and " + (r.skipped().size() - show.size()) + " more");
      }
    }
    if (images.ignoredFiles() > 0) {
      // Not images of this folder, so not counted among the skipped ones; said, so that the count adds up.
      err.println("note: " + images.ignoredFiles() + " other file" + (images.ignoredFiles() == 1 ? "" : "s") + " under " + source
          + " were not taken: no image extension (" + String.join(", ", new java.util.TreeSet<>(ImageCollection.IMAGE_EXTENSIONS))
          + "), outside a class folder, or a link that cannot be followed");
    }
    if (!r.classesWithoutItems().isEmpty()) {
      err.println("warning: no image of the classes " + r.classesWithoutItems() + " could be embedded; they are left out");
    }
    err.flush();
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("encoder", r.encoder().name());
      m.put("encoder_sha256", r.encoder().sha256());
      m.put("dim", r.encoder().dim());
      m.put("items", r.items());
      m.put("embedded", r.embedded());
      m.put("skipped", r.skipped().size());
      Map<String, Integer> by = new LinkedHashMap<>();
      for (Map.Entry<Reason, Integer> e : r.skippedByReason().entrySet()) {
        by.put(e.getKey().name(), e.getValue());
      }
      m.put("skipped_by_reason", by);
      m.put("already_complete", r.alreadyComplete());
      m.put("resumed_items", r.resumedItems());
      m.put("embedded_this_run", r.embeddedThisRun());
      m.put("batches_this_run", r.batchesThisRun());
      m.put("classes_without_items", r.classesWithoutItems());
      m.put("ignored_files", images.ignoredFiles());
      m.put("wall_seconds", r.wallNanos() / 1e9);
      m.put("session_seconds", r.sessionNanos() / 1e9);
      m.put("decode_seconds", r.decodeNanos() / 1e9);
      m.put("items_per_second", r.embeddedThisRun() / Math.max(1e-9, r.wallNanos() / 1e9));
      Output.json(w, m);
    } else {
      w.println(String.format(Locale.ROOT, "embedded %d of %d images (%d-d, encoder '%s') into %s in %.1f s%s", r.embedded(), r.items(),
          r.encoder().dim(), r.encoder().name(), out, r.wallNanos() / 1e9,
          r.skipped().isEmpty() ? "" : "; skipped " + r.skipped().size()));
    }
    return 0;
  }
}
