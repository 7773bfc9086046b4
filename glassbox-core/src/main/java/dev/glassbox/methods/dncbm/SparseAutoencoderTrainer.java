package dev.glassbox.methods.dncbm;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.methods.TrainingCurve;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains Discover-then-Name's sparse autoencoder on image embeddings (the "discover" step of
 * Rao et al., ECCV 2024): the model and loss of {@link SaeTrainingStep}, shuffled mini-batches
 * (the last one short, as PyTorch's {@code DataLoader} without {@code drop_last}), Adam, and dead-
 * atom resampling as the reference pipeline schedules it: firing counts are collected every epoch,
 * and every {@link SaeConfig#resampleEvery()} epochs the atoms that fired on at most
 * {@link SaeConfig#deadThreshold()} of the rows seen are re-seeded from inputs drawn (without
 * replacement) with probability proportional to the square of their loss, with their optimiser
 * state reset; resampling stops once fewer than {@code resampleEvery} epochs remain.
 *
 * <p>Random streams are split from the seed in a fixed order (initial weights, shuffling,
 * resampling), so the same data, config and seed give bit-identical weights on one platform.
 * Configured and stateless.
 */
public final class SparseAutoencoderTrainer {
  private final SaeConfig config;

  public SparseAutoencoderTrainer(SaeConfig config) {
    this.config = config;
  }

  public SaeConfig config() {
    return config;
  }

  /**
   * How a fit went.
   *
   * @param bottleneck the trained autoencoder
   * @param curve mean loss per epoch and the plateau test
   * @param steps optimiser steps taken
   * @param resampled atoms re-seeded at each resampling, in order
   */
  public record SaeFit(SparseAutoencoderBottleneck bottleneck, TrainingCurve curve, long steps, List<Integer> resampled) {
    public SaeFit {
      resampled = List.copyOf(resampled);
    }

    public int totalResampled() {
      return resampled.stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Trains on the rows of {@code x} ({@code [n × dim]}). */
  public SaeFit fit(FloatMatrix x, long seed, ProgressListener progress) {
    int n = x.rows();
    int d = x.cols();
    if (n == 0) {
      throw new IllegalArgumentException("the sparse autoencoder has no training embeddings");
    }
    long bad = x.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException("training embedding " + bad / d + " holds a non-finite value at dimension " + bad % d);
    }
    long atomsL = (long) config.expansion() * d;
    if (atomsL > 1 << 20) {
      throw new IllegalArgumentException("expansion " + config.expansion() + " × " + d + " dimensions gives " + atomsL + " atoms; at most 1,048,576");
    }
    int atoms = (int) atomsL;
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rInit = root.split();
    SplittableRandom rShuffle = root.split();
    SplittableRandom rResample = root.split();
    int batch = Math.min(config.batchSize(), n);
    AdamUpdate adam = new AdamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.epsilon());
    SaeTrainingStep st = new SaeTrainingStep(d, atoms, batch, config.l1(), adam, rInit);

    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int epochs = config.epochs();
    double[] losses = new double[epochs];
    double[] collated = new double[atoms];
    long rowsCollated = 0;
    int sinceResample = 0;
    List<Integer> resampled = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      shuffle(order, rShuffle);
      st.resetFired();
      double sum = 0;
      for (int s = 0; s < n; s += batch) {
        int b = Math.min(batch, n - s);
        sum += st.step(x, order, s, b) * b;
      }
      losses[e] = sum / n;
      // The reference steps its resampler only while epoch + interval < epochs − 1.
      if (config.resample() && e + config.resampleEvery() < epochs - 1) {
        for (int j = 0; j < atoms; j++) {
          collated[j] += st.fired[j];
        }
        rowsCollated += n;
        sinceResample++;
        if (sinceResample >= config.resampleEvery()) {
          resampled.add(resample(st, x, collated, rowsCollated, rResample));
          java.util.Arrays.fill(collated, 0);
          rowsCollated = 0;
          sinceResample = 0;
        }
      }
      progress.progress("sparse autoencoder", e + 1, epochs);
    }
    TrainingCurve curve = TrainingCurve.of(losses, epochs, config.plateauTolerance());
    return new SaeFit(st.bottleneck(), curve, st.steps(), resampled);
  }

  /** Re-seeds the dead atoms; returns how many there were. */
  int resample(SaeTrainingStep st, FloatMatrix x, double[] collated, long rowsCollated, SplittableRandom r) {
    long limit = (long) Math.floor(rowsCollated * config.deadThreshold());
    List<Integer> dead = new ArrayList<>();
    double aliveNorm = 0;
    int alive = 0;
    for (int j = 0; j < st.atoms; j++) {
      if (collated[j] <= limit) {
        dead.add(j);
      }
      if (collated[j] > 0) {
        aliveNorm += st.encoderNorm(j);
        alive++;
      }
    }
    if (dead.isEmpty()) {
      return 0;
    }
    if (alive == 0) {
      // No atom fired at all: scale by the mean norm of every encoder row instead.
      for (int j = 0; j < st.atoms; j++) {
        aliveNorm += st.encoderNorm(j);
      }
      alive = st.atoms;
    }
    float encoderNorm = (float) (0.2 * aliveNorm / alive);

    // Loss on a random subset of the inputs (the reference draws resampleSize shuffled rows).
    int n = x.rows();
    int d = x.cols();
    int size = Math.min(config.resampleSize(), n);
    int[] pick = sampleWithoutReplacement(n, size, r);
    double[] loss = new double[size];
    float[] buf = new float[st.maxBatch * d];
    for (int s = 0; s < size; s += st.maxBatch) {
      int b = Math.min(st.maxBatch, size - s);
      for (int i = 0; i < b; i++) {
        System.arraycopy(x.data(), pick[s + i] * d, buf, i * d, d);
      }
      st.itemLosses(buf, 0, b, loss, s);
    }
    // Probability ∝ loss²: Efraimidis–Spirakis keys log(u)/w, the largest k win, draw without replacement.
    int k = Math.min(dead.size(), size);
    double[] keys = new double[size];
    for (int i = 0; i < size; i++) {
      double w = loss[i] * loss[i];
      double u = r.nextDouble();
      keys[i] = w > 0 ? Math.log(1 - u) / w : Double.NEGATIVE_INFINITY;
    }
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(keys[b], keys[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] atomIdx = new int[k];
    float[][] inputs = new float[k][];
    for (int i = 0; i < k; i++) {
      atomIdx[i] = dead.get(i);
      inputs[i] = x.row(pick[idx[i]]);
    }
    st.reinitialise(atomIdx, inputs, encoderNorm);
    return k;
  }

  static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** {@code k} distinct indices from [0, n), in random order. */
  static int[] sampleWithoutReplacement(int n, int k, SplittableRandom r) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return java.util.Arrays.copyOf(a, k);
  }
}
