package dev.glassbox.math;

import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused softmax–cross-entropy pass that multinomial training runs every iteration: turns a
 * block of logits into {@code (softmax − onehot) · scale} in place and returns the summed loss and
 * the number of correct predictions. The exponentials are {@link FastExp}'s, vectorised and
 * several times faster than {@link Math#exp}, and bit-identical in interpreted and compiled code,
 * so training results do not depend on the JIT's progress; {@link #crossEntropyGradientReference}
 * is the scalar twin.
 */
public final class SoftmaxKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int PARALLEL_MIN_ROWS = 2048;

  private SoftmaxKernels() {}

  /** Loss and accuracy of one pass. */
  public record LossAndHits(double loss, long hits) {}

  /**
   * For each row {@code i} of {@code logits} ({@code rows × cols}): replaces it by
   * {@code scale·(softmax(row) − e_{labels[i]})}; returns Σ_i CE_i and the count of rows whose
   * argmax equals the label. Rows run in parallel on the common pool when there are many.
   */
  public static LossAndHits crossEntropyGradient(float[] logits, int rows, int cols, int[] labels, float scale) {
    int chunk = 512;
    int chunks = (rows + chunk - 1) / chunk;
    double[] loss = new double[chunks];
    long[] hits = new long[chunks];
    IntStream range = IntStream.range(0, chunks);
    if (rows >= PARALLEL_MIN_ROWS) {
      range = range.parallel();
    }
    range.forEach(ch -> {
      int r0 = ch * chunk;
      int r1 = Math.min(rows, r0 + chunk);
      double l = 0;
      long h = 0;
      for (int r = r0; r < r1; r++) {
        int base = r * cols;
        int y = labels[r];
        int am = Matrices.argmax(logits, base, cols);
        float max = logits[base + am];
        float ly = logits[base + y];
        float sum = expShiftedInPlace(logits, base, cols, max);
        l += Math.log(sum) + max - ly;
        if (am == y) {
          h++;
        }
        float inv = scale / sum;
        scaleInPlace(logits, base, cols, inv);
        logits[base + y] -= scale;
      }
      loss[ch] = l;
      hits[ch] = h;
    });
    double tl = 0;
    long th = 0;
    for (int i = 0; i < chunks; i++) {
      tl += loss[i];
      th += hits[i];
    }
    return new LossAndHits(tl, th);
  }

  /**
   * Σ_i CE_i of the logits ({@code rows × cols}, left unchanged): the loss alone, for line searches.
   */
  public static double crossEntropyLoss(float[] logits, int rows, int cols, int[] labels) {
    int chunk = 512;
    int chunks = (rows + chunk - 1) / chunk;
    double[] loss = new double[chunks];
    IntStream range = IntStream.range(0, chunks);
    if (rows >= PARALLEL_MIN_ROWS) {
      range = range.parallel();
    }
    range.forEach(ch -> {
      int r0 = ch * chunk;
      int r1 = Math.min(rows, r0 + chunk);
      float[] scratch = new float[cols];
      double l = 0;
      for (int r = r0; r < r1; r++) {
        int base = r * cols;
        float max = logits[base + Matrices.argmax(logits, base, cols)];
        System.arraycopy(logits, base, scratch, 0, cols);
        float sum = expShiftedInPlace(scratch, 0, cols, max);
        l += Math.log(sum) + max - logits[base + labels[r]];
      }
      loss[ch] = l;
    });
    double t = 0;
    for (double v : loss) {
      t += v;
    }
    return t;
  }

  /**
   * The class-major twin of {@link #crossEntropyGradient}: {@code logitsT} is {@code [cols × rows]}
   * (one row per class, one column per item), which is the layout the head's matrix products
   * produce. Items are processed in blocks with the Vector API running across items, so every
   * operation is a contiguous vector operation. Replaces logits by {@code scale·(softmax − onehot)}.
   */
  public static LossAndHits crossEntropyGradientClassMajor(float[] logitsT, int classes, int items, int[] labels, float scale) {
    return classMajorPass(logitsT, classes, items, labels, scale, true, true);
  }

  /**
   * {@link #crossEntropyGradientClassMajor} without counting hits (the returned hit count is 0):
   * the solver's inner iterations need only the loss and gradient, and skipping the argmax saves
   * a blend per class and item.
   */
  public static double crossEntropyGradientClassMajorLoss(float[] logitsT, int classes, int items, int[] labels, float scale) {
    return classMajorPass(logitsT, classes, items, labels, scale, true, false).loss();
  }

  /** The loss alone of class-major logits (left unchanged). */
  public static double crossEntropyLossClassMajor(float[] logitsT, int classes, int items, int[] labels) {
    return classMajorPass(logitsT, classes, items, labels, 0f, false, false).loss();
  }

  private static final int ITEM_BLOCK = 256;

  private static LossAndHits classMajorPass(float[] l, int classes, int items, int[] labels, float scale, boolean writeGradient, boolean countHits) {
    int blocks = (items + ITEM_BLOCK - 1) / ITEM_BLOCK;
    double[] loss = new double[blocks];
    long[] hits = new long[blocks];
    IntStream range = IntStream.range(0, blocks);
    if (items >= PARALLEL_MIN_ROWS) {
      range = range.parallel();
    }
    range.forEach(b -> {
      int i0 = b * ITEM_BLOCK;
      int len = Math.min(ITEM_BLOCK, items - i0);
      float[] max = new float[len];
      float[] sum = new float[len];
      float[] arg = new float[len];
      float[] e = writeGradient ? null : new float[len];
      float[] labelLogit = new float[len];
      for (int i = 0; i < len; i++) {
        labelLogit[i] = l[labels[i0 + i] * items + i0 + i];
      }
      System.arraycopy(l, i0, max, 0, len);
      // Running max and argmax across classes (first maximum wins, as Matrices.argmax).
      for (int c = 1; c < classes && !countHits; c++) {
        int off = c * items + i0;
        int i = 0;
        int bound = S.loopBound(len);
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, l, off + i).max(FloatVector.fromArray(S, max, i)).intoArray(max, i);
        }
        for (; i < len; i++) {
          max[i] = Math.max(max[i], l[off + i]);
        }
      }
      for (int c = 1; c < classes && countHits; c++) {
        int off = c * items + i0;
        int i = 0;
        int bound = S.loopBound(len);
        FloatVector cv = FloatVector.broadcast(S, c);
        for (; i < bound; i += S.length()) {
          FloatVector v = FloatVector.fromArray(S, l, off + i);
          FloatVector m = FloatVector.fromArray(S, max, i);
          var gt = v.compare(VectorOperators.GT, m);
          m.blend(v, gt).intoArray(max, i);
          FloatVector.fromArray(S, arg, i).blend(cv, gt).intoArray(arg, i);
        }
        for (; i < len; i++) {
          if (l[off + i] > max[i]) {
            max[i] = l[off + i];
            arg[i] = c;
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        int off = c * items + i0;
        float[] dst = writeGradient ? l : e;
        int dOff = writeGradient ? off : 0;
        int i = 0;
        int bound = S.loopBound(len);
        for (; i < bound; i += S.length()) {
          FloatVector v = FastExp.exp(FloatVector.fromArray(S, l, off + i).sub(FloatVector.fromArray(S, max, i)));
          v.intoArray(dst, dOff + i);
          FloatVector.fromArray(S, sum, i).add(v).intoArray(sum, i);
        }
        for (; i < len; i++) {
          float v = FastExp.exp(l[off + i] - max[i]);
          dst[dOff + i] = v;
          sum[i] += v;
        }
      }
      double lsum = 0;
      long h = 0;
      for (int i = 0; i < len; i++) {
        lsum += Math.log(sum[i]) + max[i] - labelLogit[i];
        if (countHits && (int) arg[i] == labels[i0 + i]) {
          h++;
        }
      }
      if (writeGradient) {
        for (int i = 0; i < len; i++) {
          sum[i] = scale / sum[i];
        }
        for (int c = 0; c < classes; c++) {
          int off = c * items + i0;
          int i = 0;
          int bound = S.loopBound(len);
          for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, l, off + i).mul(FloatVector.fromArray(S, sum, i)).intoArray(l, off + i);
          }
          for (; i < len; i++) {
            l[off + i] *= sum[i];
          }
        }
        for (int i = 0; i < len; i++) {
          l[labels[i0 + i] * items + i0 + i] -= scale;
        }
      }
      loss[b] = lsum;
      hits[b] = h;
    });
    double tl = 0;
    long th = 0;
    for (int i = 0; i < blocks; i++) {
      tl += loss[i];
      th += hits[i];
    }
    return new LossAndHits(tl, th);
  }

  /** Scalar reference of {@link #crossEntropyGradient}, with {@link Math#exp} and double sums. */
  public static LossAndHits crossEntropyGradientReference(float[] logits, int rows, int cols, int[] labels, float scale) {
    double loss = 0;
    long hits = 0;
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int y = labels[r];
      int am = Matrices.argmax(logits, base, cols);
      double max = logits[base + am];
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        sum += Math.exp(logits[base + j] - max);
      }
      loss += Math.log(sum) + max - logits[base + y];
      if (am == y) {
        hits++;
      }
      for (int j = 0; j < cols; j++) {
        logits[base + j] = (float) (scale * Math.exp(logits[base + j] - max) / sum);
      }
      logits[base + y] -= scale;
    }
    return new LossAndHits(loss, hits);
  }

  /** {@code x[j] = exp(x[j] − shift)} over {@code n} values from {@code off}; returns their sum (see {@link FastExp}). */
  public static float expShiftedInPlace(float[] x, int off, int n, float shift) {
    return FastExp.expShiftedInPlace(x, off, n, shift);
  }

  /** {@code x[j] *= a} over {@code n} values from {@code off}. */
  public static void scaleInPlace(float[] x, int off, int n, float a) {
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, off + i).mul(a).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= a;
    }
  }
}
