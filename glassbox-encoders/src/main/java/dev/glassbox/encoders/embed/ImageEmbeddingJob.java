package dev.glassbox.encoders.embed;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.encoders.image.ImageDecodeException;
import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import dev.glassbox.encoders.image.ImageDecoderConfig;
import dev.glassbox.encoders.image.ImagePipeline;
import dev.glassbox.encoders.image.ImageWorkspace;
import dev.glassbox.encoders.ingest.ImageCollection;
import dev.glassbox.encoders.ingest.ImageItem;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.io.NpyRowFile;
import dev.glassbox.math.RowSource;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Embeds a collection of images with an ONNX image tower into a Glassbox dataset directory (the
 * embedding cache), resumably.
 *
 * <p><b>Pipeline.</b> A feeder thread hands each batch's images to a pool of decode threads, which
 * decode and preprocess them ({@link ImagePipeline}, each thread through its own
 * {@link ImageWorkspace}) straight into the batch's direct buffer; the
 * calling thread runs inference on whole batches as they become ready, so decoding overlaps
 * inference. At most {@link EmbedImagesConfig#prefetchBatches()} + 1 batch buffers exist, so memory
 * stays bounded however many images there are. An image that cannot be decoded (empty, truncated,
 * corrupt, not an image, too large, unreadable) is recorded with its reason and left out; it never
 * stops the run.
 *
 * <p><b>Resumption.</b> All state lives in a staging directory beside the output
 * ({@code OUT.partial}, see {@link EmbeddingStaging}): pre-sized row storage written in place and a
 * journal of finished batches, forced to disk at every batch boundary. Run again after any crash
 * (kill -9 included), the job checks that the staging directory was made for the same job (the
 * same listing, file sizes and times, encoder weights, preprocessing, decoder limits and batch
 * size) and runs only the batches the journal lacks. Batch {@code b} always holds items
 * {@code [b·batchSize, (b+1)·batchSize)}, less undecodable ones, whatever was interrupted where, so
 * the finished cache is byte-identical to an uninterrupted run's. The dataset directory is written
 * atomically at the end and the staging directory removed. The dataset's metadata carries the job
 * key ({@code "job"}), so that a run killed between the final rename and the removal of the
 * staging directory is recognised by the next run of the same job: it finds {@code OUT} finished
 * for its key beside the leftover staging directory, removes the latter and reports the cache as
 * already complete ({@link EmbedImagesResult#alreadyComplete()}), without decoding or embedding
 * anything.
 *
 * <p><b>Output.</b> The {@link DatasetStore} layout (items in the collection's sorted order, minus
 * skipped images; splits from the source, or stratified from the seed) plus {@code skipped.jsonl},
 * one line per skipped image: {@code {"id", "path", "reason", "message"}}.
 */
public final class ImageEmbeddingJob {
  /** The report of skipped images written into the dataset directory. */
  public static final String SKIPPED = "skipped.jsonl";
  /** The dataset metadata entry holding the key of the job that wrote it. */
  static final String JOB = "job";

  private final EmbedImagesConfig config;

  public ImageEmbeddingJob(EmbedImagesConfig config) {
    this.config = config;
  }

  public EmbedImagesConfig config() {
    return config;
  }

  /** Where a run writing to {@code out} keeps its resumable state. */
  public static Path stagingDirectory(Path out) {
    return EmbeddingStaging.dirFor(out);
  }

  /**
   * Embeds {@code images} into the dataset directory {@code out}, resuming an interrupted run of
   * the same job when its staging directory is found.
   *
   * @param replace replace {@code out} if it exists (otherwise an existing {@code out} is an error,
   *     raised before any work, unless it is this job's finished cache beside a leftover staging
   *     directory: see the class comment)
   * @param restart discard a staging directory made for a different job instead of refusing
   */
  public EmbedImagesResult run(ImageCollection images, OnnxClipImageEncoder encoder, Path out, boolean replace, boolean restart,
      ProgressListener progress) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<ImageItem> items = images.items();
    int n = items.size();
    int dim = encoder.dim();
    int b = config.batchSize();
    int batches = (n + b - 1) / b;
    Path stagingDir = EmbeddingStaging.dirFor(out);
    Map<String, Object> state = null;
    if (Files.exists(out) && !replace) {
      if (Files.isDirectory(stagingDir)) {
        state = state(images, encoder, n, dim, batches);
        String key = (String) state.get("key");
        if (key.equals(EmbeddingStaging.keyOf(stagingDir)) && key.equals(jobKey(out))) {
          // Killed after the final rename, before the staging directory was removed.
          EmbedImagesResult done = alreadyComplete(images, encoder, out, t0);
          AtomicFiles.deleteTree(stagingDir);
          return done;
        }
      }
      throw new java.nio.file.FileAlreadyExistsException(out.toAbsolutePath().toString(), null, "already exists");
    }
    if (state == null) {
      state = state(images, encoder, n, dim, batches);
    }
    Run run;
    try (EmbeddingStaging staging = EmbeddingStaging.open(stagingDir, state, restart)) {
      List<Integer> pending = new ArrayList<>();
      int resumed = 0;
      for (int k = 0; k < batches; k++) {
        if (staging.isDone(k)) {
          resumed += Math.min(b, n - k * b);
        } else {
          pending.add(k);
        }
      }
      progress.progress("embed images", resumed, n);
      run = new Run(images, encoder, staging, pending, resumed, progress);
      if (!pending.isEmpty()) {
        run.execute();
      }
      EmbedImagesResult r = finish(images, encoder, staging, out, replace, run, t0);
      staging.close();
      AtomicFiles.deleteTree(stagingDir);
      return r;
    }
  }

  private Map<String, Object> state(ImageCollection images, OnnxClipImageEncoder encoder, int n, int dim, int batches)
      throws IOException {
    ImageDecoderConfig dc = encoder.pipeline().decoder().config();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("format", EmbeddingStaging.FORMAT);
    s.put("formatVersion", EmbeddingStaging.FORMAT_VERSION);
    s.put("source", images.source().toString());
    s.put("inputs", images.fingerprint());
    Map<String, Object> enc = new LinkedHashMap<>();
    enc.put("name", encoder.identity().name());
    enc.put("sha256", encoder.identity().sha256());
    enc.put("preprocess", encoder.preprocessor().config().toString());
    s.put("encoder", enc);
    s.put("decoder", "maxPixels=" + dc.maxPixels() + ", maxFileBytes=" + dc.maxFileBytes() + ", exif=" + dc.applyExifOrientation());
    s.put("batchSize", config.batchSize());
    s.put("items", n);
    s.put("dim", dim);
    s.put("batches", batches);
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("key", Hashing.hex(md.digest()));
    keyed.putAll(s);
    return keyed;
  }

  /** The job key a finished cache was written by (its metadata's "job"), or null. */
  private static String jobKey(Path out) {
    Path meta = out.resolve(DatasetStore.META);
    try {
      String key = Json.read(meta).path("metadata").path(JOB).asText(null);
      return key == null || key.isEmpty() ? null : key;
    } catch (IOException | RuntimeException e) {
      // Not a dataset this job wrote (or not one at all): the caller refuses to touch it.
      return null;
    }
  }

  /** What the finished cache {@code out} holds, reported as this run's result. */
  private static EmbedImagesResult alreadyComplete(ImageCollection images, OnnxClipImageEncoder encoder, Path out, long t0)
      throws IOException {
    List<ImageItem> items = images.items();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      index.put(items.get(i).id(), i);
    }
    List<SkippedImage> report = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(SKIPPED), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      var s = Json.MAPPER.readTree(line);
      String id = s.path("id").asText();
      Integer i = index.get(id);
      if (i == null) {
        throw new IllegalStateException(out.resolve(SKIPPED) + " names the image '" + id + "', which is not in " + images.source()
            + "; the cache does not match its job key, remove " + out + " or pass --force");
      }
      report.add(new SkippedImage(i, id, s.path("path").asText(), Reason.valueOf(s.path("reason").asText()), s.path("message").asText()));
    }
    int embedded = Json.read(out.resolve(DatasetStore.META)).path("items").asInt();
    List<String> lost = new ArrayList<>(images.classes());
    lost.removeAll(Files.readAllLines(out.resolve(DatasetStore.CLASSES), StandardCharsets.UTF_8));
    return new EmbedImagesResult(out, encoder.identity(), items.size(), embedded, report, items.size(), 0, 0, lost,
        System.nanoTime() - t0, 0, 0, true);
  }

  private EmbedImagesResult finish(ImageCollection images, OnnxClipImageEncoder encoder, EmbeddingStaging staging, Path out,
      boolean replace, Run run, long t0) throws IOException {
    List<ImageItem> items = images.items();
    int n = items.size();
    List<EmbeddingStaging.Skip> skips = new ArrayList<>(staging.skips());
    skips.sort(Comparator.comparingInt(EmbeddingStaging.Skip::index));
    boolean[] skipped = new boolean[n];
    List<SkippedImage> report = new ArrayList<>();
    for (EmbeddingStaging.Skip s : skips) {
      skipped[s.index()] = true;
      ImageItem it = items.get(s.index());
      report.add(new SkippedImage(s.index(), it.id(), it.file().toString(), s.reason(), s.message()));
    }
    int[] kept = new int[n - skips.size()];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!skipped[i]) {
        kept[k++] = i;
      }
    }
    if (kept.length == 0) {
      Map<Reason, Integer> by = new LinkedHashMap<>();
      report.forEach(s -> by.merge(s.reason(), 1, Integer::sum));
      throw new IllegalArgumentException("none of the " + n + " images of " + images.source() + " could be embedded (" + by
          + "); the first: " + report.get(0).message());
    }
    TreeSet<String> present = new TreeSet<>();
    for (int i : kept) {
      present.add(items.get(i).label());
    }
    List<String> classes = new ArrayList<>(present);
    List<String> lost = new ArrayList<>(images.classes());
    lost.removeAll(present);
    Map<String, Integer> classIndex = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
    }
    List<String> ids = new ArrayList<>(kept.length);
    int[] labels = new int[kept.length];
    Split[] splits = new Split[kept.length];
    for (int j = 0; j < kept.length; j++) {
      ImageItem it = items.get(kept[j]);
      ids.add(it.id());
      labels[j] = classIndex.get(it.label());
      splits[j] = it.split();
    }
    String splitNote;
    if (!images.splitsGiven()) {
      splits = Splits.stratified(labels, classes.size(), config.valFraction(), config.testFraction(), config.seed());
      splitNote = "stratified: val " + config.valFraction() + ", test " + config.testFraction() + ", seed " + config.seed();
    } else {
      splitNote = "given by the manifest";
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source", images.source().toString());
    meta.put("images", Integer.toString(n));
    meta.put("skipped", Integer.toString(report.size()));
    meta.put("splits", splitNote);
    meta.put("preprocess", encoder.preprocessor().config().toString());
    meta.put(JOB, staging.key());
    Dataset d = new Dataset(images.name(), classes, ids, labels, splits, new KeptRows(staging.rows(), kept), null, meta);
    byte[] skippedJsonl = skippedReport(report);
    DatasetStore.write(out, d, null, null, encoder.identity(), replace, tmp -> AtomicFiles.write(tmp.resolve(SKIPPED), skippedJsonl));
    return new EmbedImagesResult(out, encoder.identity(), n, kept.length, report, run.resumed, run.embedded, run.batchesRun, lost,
        System.nanoTime() - t0, run.sessionNanos, run.decodeNanos.sum(), false);
  }

  private static byte[] skippedReport(List<SkippedImage> report) {
    StringBuilder sb = new StringBuilder();
    var writer = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    for (SkippedImage s : report) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("path", s.path());
      m.put("reason", s.reason().name());
      m.put("message", s.message());
      try {
        sb.append(writer.writeValueAsString(m)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The staging rows of the kept items, as the dataset's embeddings. */
  private record KeptRows(NpyRowFile source, int[] kept) implements RowSource {
    @Override
    public int rows() {
      return kept.length;
    }

    @Override
    public int cols() {
      return source.cols();
    }

    @Override
    public void readRows(int start, int count, float[] dst, int dstOffset) {
      int d = source.cols();
      int i = 0;
      while (i < count) {
        // Runs of consecutive source rows are read in one call.
        int j = i + 1;
        while (j < count && kept[start + j] == kept[start + j - 1] + 1) {
          j++;
        }
        source.readRows(kept[start + i], j - i, dst, dstOffset + i * d);
        i = j;
      }
    }
  }

  /** One batch buffer moving between the feeder, the decode threads and the inference thread. */
  private static final class Batch {
    final FloatBuffer pixels;
    final Reason[] reasons;
    final String[] messages;
    final AtomicInteger remaining = new AtomicInteger();
    int index;
    int start;
    int count;

    Batch(int capacity, int len) {
      pixels = ByteBuffer.allocateDirect(capacity * len * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      reasons = new Reason[capacity];
      messages = new String[capacity];
    }
  }

  /** The state of one invocation's batch loop. */
  private final class Run {
    private final ImageCollection images;
    private final OnnxClipImageEncoder encoder;
    private final EmbeddingStaging staging;
    private final List<Integer> pending;
    private final ProgressListener progress;
    private final int resumed;
    private final LongAdder decodeNanos = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Batch poison = new Batch(0, 0);
    private int embedded;
    private int batchesRun;
    private long sessionNanos;

    Run(ImageCollection images, OnnxClipImageEncoder encoder, EmbeddingStaging staging, List<Integer> pending, int resumed,
        ProgressListener progress) {
      this.images = images;
      this.encoder = encoder;
      this.staging = staging;
      this.pending = pending;
      this.resumed = resumed;
      this.progress = progress;
    }

    void execute() throws IOException, InterruptedException {
      int len = encoder.preprocessor().tensorLength();
      int dim = encoder.dim();
      int bs = config.batchSize();
      int unit = encoder.fixedBatch() ? encoder.batchSize() : 1;
      int capacity = (bs + unit - 1) / unit * unit;
      int buffers = Math.min(config.prefetchBatches() + 1, pending.size());
      BlockingQueue<Batch> free = new ArrayBlockingQueue<>(buffers);
      for (int i = 0; i < buffers; i++) {
        free.add(new Batch(capacity, len));
      }
      BlockingQueue<Batch> ready = new LinkedBlockingQueue<>();
      ImagePipeline pipeline = encoder.pipeline();
      // One workspace per decode thread: buffers and filter taps are reused from image to image.
      ThreadLocal<ImageWorkspace> workspaces = ThreadLocal.withInitial(ImageWorkspace::new);
      ExecutorService pool = Executors.newFixedThreadPool(config.decodeThreads(), daemons("glassbox-decode"));
      Thread feeder = daemons("glassbox-embed-feeder").newThread(() -> {
        try {
          for (int bi : pending) {
            Batch batch = free.take();
            batch.index = bi;
            batch.start = bi * bs;
            batch.count = Math.min(bs, images.items().size() - batch.start);
            batch.remaining.set(batch.count);
            for (int slot = 0; slot < batch.count; slot++) {
              int s = slot;
              pool.execute(() -> decode(batch, s, pipeline, workspaces.get(), len, ready));
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable t) {
          fail(t, ready);
        }
      });
      feeder.start();
      float[] out = new float[capacity * dim];
      int done = resumed;
      try {
        for (int k = 0; k < pending.size(); k++) {
          Batch batch = ready.take();
          if (batch == poison) {
            Throwable t = failure.get();
            if (t instanceof Error e) {
              throw e;
            }
            throw new IllegalStateException("decoding failed: " + t.getMessage(), t);
          }
          infer(batch, len, dim, out);
          done += batch.count;
          progress.progress("embed images", done, images.items().size());
          free.put(batch);
        }
      } finally {
        feeder.interrupt();
        pool.shutdownNow();
        feeder.join();
      }
    }

    private void decode(Batch batch, int slot, ImagePipeline pipeline, ImageWorkspace ws, int len, BlockingQueue<Batch> ready) {
      ImageItem item = images.items().get(batch.start + slot);
      batch.reasons[slot] = null;
      batch.messages[slot] = null;
      try {
        long s = System.nanoTime();
        try {
          pipeline.load(item.file(), ws, batch.pixels, slot * len);
        } catch (ImageDecodeException e) {
          batch.reasons[slot] = e.reason();
          batch.messages[slot] = e.getMessage();
        } catch (RuntimeException e) {
          // A decoder bug on one strange file must not stop the run; the file is reported.
          batch.reasons[slot] = Reason.CORRUPT;
          batch.messages[slot] = item.file() + ": the decoder failed (" + e + ")";
        }
        decodeNanos.add(System.nanoTime() - s);
      } catch (Throwable t) {
        fail(t, ready);
        return;
      }
      if (batch.remaining.decrementAndGet() == 0) {
        ready.add(batch);
      }
    }

    private void fail(Throwable t, BlockingQueue<Batch> ready) {
      if (failure.compareAndSet(null, t)) {
        ready.add(poison);
      }
    }

    private void infer(Batch batch, int len, int dim, float[] out) throws IOException {
      List<EmbeddingStaging.Skip> skips = new ArrayList<>();
      int[] keptIndex = new int[batch.count];
      int kept = 0;
      for (int slot = 0; slot < batch.count; slot++) {
        if (batch.reasons[slot] != null) {
          skips.add(new EmbeddingStaging.Skip(batch.start + slot, batch.reasons[slot], batch.messages[slot]));
          continue;
        }
        if (kept != slot) {
          FloatBuffer src = batch.pixels.duplicate();
          src.limit((slot + 1) * len).position(slot * len);
          FloatBuffer dst = batch.pixels.duplicate();
          dst.position(kept * len);
          dst.put(src);
        }
        keptIndex[kept++] = batch.start + slot;
      }
      if (kept > 0) {
        sessionNanos += encoder.embedBatch(batch.pixels, kept, out, 0);
        NpyRowFile rows = staging.rows();
        int i = 0;
        while (i < kept) {
          int j = i + 1;
          while (j < kept && keptIndex[j] == keptIndex[j - 1] + 1) {
            j++;
          }
          rows.writeRows(keptIndex[i], out, i * dim, j - i);
          i = j;
        }
      }
      staging.commit(batch.index, skips);
      embedded += kept;
      batchesRun++;
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
