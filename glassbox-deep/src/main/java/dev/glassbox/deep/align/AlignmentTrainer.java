package dev.glassbox.deep.align;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.util.Hashing;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains an image tower into a frozen text tower's embedding space with the contrastive loss of
 * CLIP (Radford et al., "Learning transferable visual models from natural language supervision",
 * 2021) in the locked-text setting of LiT (Zhai et al., "LiT: zero-shot transfer with locked-image
 * text tuning", 2022, here with the text side locked): caption embeddings are computed once by
 * the frozen text tower, and only the image tower (a {@link ConvNetSpec} network) and the
 * temperature learn.
 *
 * <p>Each step takes {@code batchSize} images, draws one caption per image, and minimises the
 * symmetric cross-entropy over the similarity matrix {@code S = (1/τ)·I·Tᵀ} of the L2-normalised
 * image and caption embeddings: rows classify captions for each image, columns images for each
 * caption. A batch's caption counts as a positive for every image of the batch that it describes
 * (that lists its id), not only for the image it was drawn for: each row's target mass is split
 * evenly over the captions that describe its image, and each column's over the images its caption
 * describes, as in UniCL (Yang et al., "Unified contrastive learning in image-text-label space",
 * 2022). Short captions ("yellow crown") describe many images, and would otherwise be taught as
 * negatives for most of them.
 *
 * <p>Optimiser: AdamW with a linear warm-up and a cosine decay (CLIP's schedule); the log of the
 * logit scale {@code 1/τ} is learned and clamped at {@code maxLogitScale}, as in CLIP. A trainer is
 * configured once and holds no state: {@link #fit} returns an immutable {@link AlignmentModel}.
 * Training runs on DJL's PyTorch engine (CPU); the result runs without it.
 */
public final class AlignmentTrainer {
  /** The engine allows one gradient collector per JVM at a time; fits in one JVM take turns. */
  private static final Object ENGINE_LOCK = new Object();

  private final AlignmentConfig config;

  public AlignmentTrainer(AlignmentConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public AlignmentConfig config() {
    return config;
  }

  /**
   * Trains a network of architecture {@code spec} on {@code train}, measuring each epoch on
   * {@code heldOut} (which may be null: then retrieval metrics are NaN).
   *
   * @throws IllegalArgumentException when the data do not fit the spec (image size, text
   *     dimension) or there are fewer images than one batch
   */
  public AlignmentModel fit(ConvNetSpec spec, AlignmentData train, AlignmentData heldOut, AlignmentMonitor monitor) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(train, "train");
    monitor = monitor == null ? AlignmentMonitor.NONE : monitor;
    check(spec, train, "training");
    if (heldOut != null) {
      check(spec, heldOut, "held-out");
      if (heldOut.numImages() < 2) {
        throw new IllegalArgumentException("held-out data need at least 2 images for retrieval, got " + heldOut.numImages());
      }
    }
    if (train.numImages() < config.batchSize()) {
      throw new IllegalArgumentException("the training data have " + train.numImages() + " images, fewer than one batch of "
          + config.batchSize() + "; lower batchSize or add images");
    }
    synchronized (ENGINE_LOCK) {
      return new Run(spec, train, heldOut, monitor).fit();
    }
  }

  private static void check(ConvNetSpec spec, AlignmentData d, String what) {
    if (d.size() != spec.inputSize()) {
      throw new IllegalArgumentException("the " + what + " images are " + d.size() + " × " + d.size() + " but the network takes "
          + spec.inputSize() + " × " + spec.inputSize() + "; render or resize them to the network's input size");
    }
    if (d.textDim() != spec.embeddingDim()) {
      throw new IllegalArgumentException("the " + what + " caption embeddings are " + d.textDim() + "-d but the network gives "
          + spec.embeddingDim() + "-d; set the network's embeddingDim to the text tower's dimension");
    }
  }

  /** L2-normalised copy of the caption table (a frozen tower's rows should already be unit length). */
  private static float[] normalizedRows(FloatMatrix m) {
    float[] out = m.data().clone();
    int d = m.cols();
    for (int r = 0; r < m.rows(); r++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (double) out[r * d + j] * out[r * d + j];
      }
      float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
      for (int j = 0; j < d; j++) {
        out[r * d + j] *= inv;
      }
    }
    return out;
  }

  static String fingerprint(AlignmentData d) {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, d.numImages());
    Hashing.update(md, d.size());
    for (int i = 0; i < d.numImages(); i++) {
      md.update(d.images().get(i));
      Hashing.update(md, d.captions()[i].length);
      for (int c : d.captions()[i]) {
        Hashing.update(md, c);
      }
    }
    FloatMatrix t = d.captionEmbeddings();
    Hashing.update(md, t.rows());
    Hashing.update(md, t.cols());
    Hashing.update(md, t.data(), 0, t.data().length);
    return Hashing.hex(md.digest());
  }

  /** A batch ready for the engine: input, caption embeddings, row- and column-normalised targets. */
  private record Batch(float[] input, float[] text, float[] rowTargets, float[] colTargets) {}

  /** One fit: all mutable state of a training run. */
  private final class Run {
    final ConvNetSpec spec;
    final AlignmentData train;
    final AlignmentData heldOut;
    final AlignmentMonitor monitor;
    final int batch = config.batchSize();
    final int dim;
    final int inputLen;
    final float[] captionTable;
    final int[][] trainSorted;
    final int[][] heldOutSorted;

    Run(ConvNetSpec spec, AlignmentData train, AlignmentData heldOut, AlignmentMonitor monitor) {
      this.spec = spec;
      this.train = train;
      this.heldOut = heldOut;
      this.monitor = monitor;
      this.dim = spec.embeddingDim();
      this.inputLen = 3 * spec.inputSize() * spec.inputSize();
      this.captionTable = normalizedRows(train.captionEmbeddings());
      this.trainSorted = sorted(train.captions());
      this.heldOutSorted = heldOut == null ? null : sorted(heldOut.captions());
    }

    AlignmentModel fit() {
      long t0 = System.nanoTime();
      String fingerprint = fingerprint(train);
      SplittableRandom root = new SplittableRandom(config.seed());
      SplittableRandom initRnd = root.split();
      int n = train.numImages();
      int stepsPerEpoch = n / batch;
      int totalSteps = stepsPerEpoch * config.epochs();
      int warmup = (int) Math.round(config.warmupFraction() * totalSteps);
      List<EpochReport> log = new ArrayList<>();
      Engine engine = Engine.getInstance();
      ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-align-batches");
        t.setDaemon(true);
        return t;
      });
      try (NDManager manager = engine.newBaseManager();
          TrainableConvNet net = new TrainableConvNet(manager, spec, initRnd, config.batchNormMomentum(), config.batchNormEpsilon())) {
        NDArray logScale = manager.create(new float[] {(float) Math.log(1 / config.initialTemperature())});
        float maxLog = (float) Math.log(config.maxLogitScale());
        AdamW opt = new AdamW(config.beta1(), config.beta2(), config.adamEpsilon(), config.weightDecay());
        opt.add(net.decayed(), true);
        opt.add(net.notDecayed(), false);
        if (config.learnTemperature()) {
          logScale.setRequiresGradient(true);
          opt.add(List.of(logScale), false);
        }
        int step = 0;
        double lr = 0;
        try {
          for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long e0 = System.nanoTime();
            SplittableRandom epochRnd = root.split();
            int[] order = permutation(n, epochRnd);
            int[] drawn = new int[n];
            for (int i = 0; i < n; i++) {
              int[] caps = train.captions()[order[i]];
              drawn[i] = caps[epochRnd.nextInt(caps.length)];
            }
            long[] augSeeds = new long[stepsPerEpoch];
            for (int b = 0; b < stepsPerEpoch; b++) {
              augSeeds[b] = epochRnd.nextLong();
            }
            double lossSum = 0;
            Future<Batch> next = prefetch.submit(() -> build(order, drawn, 0, augSeeds[0]));
            for (int b = 0; b < stepsPerEpoch; b++) {
              Batch cur = next.get();
              if (b + 1 < stepsPerEpoch) {
                int nb = b + 1;
                next = prefetch.submit(() -> build(order, drawn, nb * batch, augSeeds[nb]));
              }
              lr = learningRate(step, warmup, totalSteps);
              double loss = step(manager, net, opt, logScale, maxLog, cur, lr);
              if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the contrastive loss became " + loss + " at epoch " + epoch + ", step " + (b + 1)
                    + "; lower the learning rate (now " + config.learningRate() + ")");
              }
              lossSum += loss;
              step++;
              monitor.step(epoch, b + 1, stepsPerEpoch, loss);
            }
            double scale = Math.exp(logScale.getFloat());
            EpochReport r = evaluate(net, epoch, lossSum / stepsPerEpoch, scale, lr, e0);
            log.add(r);
            monitor.epochEnd(r);
          }
          ConvNet folded = net.fold();
          return new AlignmentModel(folded, config, log, Math.exp(logScale.getFloat()), n,
              heldOut == null ? 0 : heldOut.numImages(), train.captionEmbeddings().rows(), fingerprint,
              (System.nanoTime() - t0) / 1e9);
        } finally {
          opt.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("alignment training was interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("preparing a training batch failed: " + c, c);
      } finally {
        prefetch.shutdownNow();
      }
    }

    double learningRate(int step, int warmup, int total) {
      if (step < warmup) {
        return config.learningRate() * (step + 1) / warmup;
      }
      double progress = (step - warmup) / (double) Math.max(1, total - warmup);
      return config.learningRate() * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    Batch build(int[] order, int[] drawn, int start, long seed) {
      float[] input = new float[batch * inputLen];
      float[] text = new float[batch * dim];
      BatchBuilder builder = new BatchBuilder(spec, config);
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int b = 0; b < batch; b++) {
        builder.put(train.images().get(order[start + b]), rnd.nextLong(), input, b * inputLen);
        System.arraycopy(captionTable, drawn[start + b] * dim, text, b * dim, dim);
      }
      int[] images = java.util.Arrays.copyOfRange(order, start, start + batch);
      int[] caps = java.util.Arrays.copyOfRange(drawn, start, start + batch);
      float[][] y = targets(trainSorted, images, caps);
      return new Batch(input, text, y[0], y[1]);
    }

    double step(NDManager manager, TrainableConvNet net, AdamW opt, NDArray logScale, float maxLog, Batch cur, double lr) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = manager.create(cur.input(), new Shape(batch, 3, spec.inputSize(), spec.inputSize()));
        NDArray t = manager.create(cur.text(), new Shape(batch, dim));
        NDArray yr = manager.create(cur.rowTargets(), new Shape(batch, batch));
        NDArray yc = manager.create(cur.colTargets(), new Shape(batch, batch));
        NDArray loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray e = net.forward(x, true);
          NDArray s = e.matMul(t.transpose()).mul(logScale.exp());
          loss = s.logSoftmax(1).mul(yr).sum().add(s.logSoftmax(0).mul(yc).sum()).div(-2f * batch);
          gc.backward(loss);
        }
        opt.step(lr);
        if (config.learnTemperature()) {
          // CLIP's clamp of the logit scale to [1, maxLogitScale], on its logarithm, in place.
          float v = logScale.getFloat();
          if (v > maxLog) {
            logScale.subi(v - maxLog);
          } else if (v < 0) {
            logScale.subi(v);
          }
        }
        return loss.getFloat();
      }
    }

    EpochReport evaluate(TrainableConvNet net, int epoch, double trainLoss, double scale, double lr, long e0) {
      if (heldOut == null) {
        return new EpochReport(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, scale, lr, (System.nanoTime() - e0) / 1e9, null);
      }
      FloatMatrix emb = embed(net, heldOut);
      int m = heldOut.numImages();
      float[] heldTable = normalizedRows(heldOut.captionEmbeddings());
      int[] cap = new int[m];
      FloatMatrix text = FloatMatrix.zeros(m, dim);
      for (int i = 0; i < m; i++) {
        cap[i] = heldOut.captions()[i][0];
        System.arraycopy(heldTable, cap[i] * dim, text.data(), i * dim, dim);
      }
      FloatMatrix sim = Kernels.multiplyTransposed(emb, text);
      int[] all = new int[m];
      for (int i = 0; i < m; i++) {
        all[i] = i;
      }
      float[][] y = targets(heldOutSorted, all, cap);
      double rowLoss = 0;
      double colLoss = 0;
      int i2t = 0;
      int t2i = 0;
      double[] v = new double[m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          v[j] = scale * sim.get(i, j);
        }
        int arg = argmax(v);
        double lse = logSumExp(v, v[arg]);
        for (int j = 0; j < m; j++) {
          rowLoss -= y[0][i * m + j] * (v[j] - lse);
        }
        if (y[0][i * m + arg] > 0) {
          i2t++;
        }
      }
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < m; i++) {
          v[i] = scale * sim.get(i, j);
        }
        int arg = argmax(v);
        double lse = logSumExp(v, v[arg]);
        for (int i = 0; i < m; i++) {
          colLoss -= y[1][i * m + j] * (v[i] - lse);
        }
        if (y[1][arg * m + j] > 0) {
          t2i++;
        }
      }
      var metrics = monitor.metrics(epoch, emb);
      return new EpochReport(epoch, trainLoss, (rowLoss + colLoss) / (2.0 * m), i2t / (double) m, t2i / (double) m, scale, lr,
          (System.nanoTime() - e0) / 1e9, metrics);
    }

    FloatMatrix embed(TrainableConvNet net, AlignmentData d) {
      int m = d.numImages();
      float[] out = new float[m * dim];
      int chunk = Math.max(1, Math.min(batch, 256));
      for (int start = 0; start < m; start += chunk) {
        int k = Math.min(chunk, m - start);
        float[] input = new float[k * inputLen];
        for (int i = 0; i < k; i++) {
          ConvNet.normalize(d.images().get(start + i), 0, spec, input, i * inputLen);
        }
        System.arraycopy(net.embed(input, k, k), 0, out, start * dim, k * dim);
      }
      return FloatMatrix.wrap(m, dim, out);
    }
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static int[][] sorted(int[][] captions) {
    int[][] out = new int[captions.length][];
    for (int i = 0; i < captions.length; i++) {
      out[i] = captions[i].clone();
      java.util.Arrays.sort(out[i]);
    }
    return out;
  }

  /**
   * Targets of a batch of pairs (image {@code images[i]}, caption {@code caps[i]}):
   * {@code D[i][j] = 1} when caption {@code caps[j]} describes image {@code images[i]} (is among
   * its sorted caption ids {@code captions[images[i]]}); returns {@code D} normalised to unit row
   * sums (targets of the image → caption softmax) and to unit column sums (caption → image), each
   * {@code [k × k]} row-major. The diagonal is always 1, so no sum is zero.
   */
  static float[][] targets(int[][] captions, int[] images, int[] caps) {
    int k = images.length;
    float[] rows = new float[k * k];
    float[] cols = new float[k * k];
    int[] colCount = new int[k];
    for (int i = 0; i < k; i++) {
      int[] own = captions[images[i]];
      int count = 0;
      for (int j = 0; j < k; j++) {
        if (j == i || java.util.Arrays.binarySearch(own, caps[j]) >= 0) {
          rows[i * k + j] = 1f;
          count++;
          colCount[j]++;
        }
      }
      float w = 1f / count;
      for (int j = 0; j < k; j++) {
        if (rows[i * k + j] != 0f) {
          rows[i * k + j] = w;
        }
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (rows[i * k + j] != 0f) {
          cols[i * k + j] = 1f / colCount[j];
        }
      }
    }
    return new float[][] {rows, cols};
  }

  private static int argmax(double[] v) {
    int arg = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[arg]) {
        arg = i;
      }
    }
    return arg;
  }

  private static double logSumExp(double[] v, double max) {
    double z = 0;
    for (double x : v) {
      z += Math.exp(x - max);
    }
    return max + Math.log(z);
  }
}
