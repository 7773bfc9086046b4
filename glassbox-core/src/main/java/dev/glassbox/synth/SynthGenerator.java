package dev.glassbox.synth;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.data.Splits;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates {@link SynthData}. Deterministic: the root seed is split, in a fixed order, into
 * streams for the directions, the text side, the classes, the items and the splits.
 *
 * <p>Concept {@code k} is a random unit direction {@code u_k}. Class {@code c} owns a random set of
 * 3–5 true concepts (sets are distinct between classes; concepts may be shared). An item of class
 * {@code c} is {@code Σ a_k u_k + ξ + g_img}, summing over the true concepts it shows (each with
 * probability {@code presence}, at least one) and over rare distractor concepts, with amplitudes
 * drawn from U(0.6, 1.4) (distractors U(0.3, 1.0)), Gaussian noise {@code ξ} of norm about
 * {@code noise}, and the image side's gap offset. A concept's text embedding is
 * {@code normalise(u_k + ν) + g_txt}: the same direction, a little noise, and the text side's offset.
 */
public final class SynthGenerator {
  private SynthGenerator() {}

  public static SynthData generate(SynthConfig cfg) {
    SplittableRandom root = new SplittableRandom(cfg.seed());
    SplittableRandom rDir = root.split();
    SplittableRandom rText = root.split();
    SplittableRandom rClass = root.split();
    SplittableRandom rItem = root.split();
    long splitSeed = root.split().nextLong();
    int d = cfg.dim();
    int k = cfg.concepts();
    int c = cfg.classes();

    FloatMatrix dirs = FloatMatrix.zeros(k, d);
    for (int i = 0; i < k * d; i++) {
      dirs.data()[i] = (float) gaussian(rDir);
    }
    dirs = Matrices.normalizeRows(dirs);
    float[] gapImg = randomUnit(rDir, d, cfg.modalityGap() / Math.sqrt(2));
    float[] gapTxt = randomUnit(rDir, d, cfg.modalityGap() / Math.sqrt(2));

    FloatMatrix text = FloatMatrix.zeros(k, d);
    for (int j = 0; j < k; j++) {
      float[] nu = randomUnit(rText, d, cfg.textNoise());
      double ss = 0;
      for (int p = 0; p < d; p++) {
        float v = dirs.get(j, p) + nu[p];
        text.set(j, p, v);
        ss += (double) v * v;
      }
      float inv = (float) (1 / Math.sqrt(ss));
      for (int p = 0; p < d; p++) {
        text.set(j, p, text.get(j, p) * inv + gapTxt[p]);
      }
    }

    List<int[]> truth = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int cl = 0; cl < c; cl++) {
      int[] set;
      int attempts = 0;
      do {
        int m = cfg.minTruePerClass() + rClass.nextInt(cfg.maxTruePerClass() - cfg.minTruePerClass() + 1);
        set = sample(rClass, k, m);
        attempts++;
      } while (!used.add(java.util.Arrays.toString(set)) && attempts < 1000);
      truth.add(set);
    }

    int n = cfg.items();
    int[] labels = new int[n];
    FloatMatrix x = FloatMatrix.zeros(n, d);
    FloatMatrix presence = (long) n * k <= 20_000_000L ? FloatMatrix.zeros(n, k) : null;
    double sigma = cfg.noise() / Math.sqrt(d);
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      int cl = i % c;
      labels[i] = cl;
      java.util.Arrays.fill(row, 0f);
      int[] tc = truth.get(cl);
      int shown = 0;
      int forced = rItem.nextInt(tc.length);
      for (int t = 0; t < tc.length; t++) {
        boolean on = t == forced || rItem.nextDouble() < cfg.presence();
        double amp = 0.6 + 0.8 * rItem.nextDouble();
        if (on) {
          addScaled(row, dirs, tc[t], amp);
          mark(presence, i, tc[t]);
          shown++;
        }
      }
      if (cfg.distractorRate() > 0) {
        // Geometric skipping draws the rare distractors in O(expected count) rather than O(k).
        double logq = Math.log(1 - cfg.distractorRate());
        int j = -1;
        while (true) {
          j += 1 + (int) Math.floor(Math.log(1 - rItem.nextDouble()) / logq);
          if (j >= k) {
            break;
          }
          if (java.util.Arrays.binarySearch(tc, j) < 0) {
            addScaled(row, dirs, j, 0.3 + 0.7 * rItem.nextDouble());
            mark(presence, i, j);
          }
        }
      }
      for (int p = 0; p < d; p++) {
        x.data()[i * d + p] = (float) (row[p] + sigma * gaussian(rItem) + gapImg[p]);
      }
      assert shown > 0;
    }
    Split[] splits = Splits.stratified(labels, c, cfg.valFraction(), cfg.testFraction(), splitSeed);

    List<String> classNames = new ArrayList<>();
    for (int cl = 0; cl < c; cl++) {
      classNames.add(String.format("class_%0" + digits(c) + "d", cl));
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(String.format("item_%0" + digits(n) + "d", i));
    }
    List<Concept> concepts = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      concepts.add(new Concept(String.format("concept_%0" + digits(k) + "d", j), "synth", null, Map.of()));
    }
    GroundTruth gt = new GroundTruth(truth, presence, null);
    String encoderName = "synth(seed=" + cfg.seed() + ")";
    Dataset ds = new Dataset("synth", classNames, ids, labels, splits, x, gt,
        Map.of("generator", "glassbox synth", "seed", Long.toString(cfg.seed()), "encoder", encoderName));
    ConceptEmbeddings ce = new ConceptEmbeddings(new ConceptSet(concepts), text, new EncoderIdentity(encoderName, "", d));
    return new SynthData(ds, ce, dirs);
  }

  private static int digits(int n) {
    return Math.max(1, Integer.toString(Math.max(0, n - 1)).length());
  }

  private static void mark(FloatMatrix presence, int i, int j) {
    if (presence != null) {
      presence.set(i, j, 1f);
    }
  }

  private static void addScaled(float[] row, FloatMatrix dirs, int j, double amp) {
    int d = row.length;
    for (int p = 0; p < d; p++) {
      row[p] += (float) (amp * dirs.get(j, p));
    }
  }

  /** {@code m} distinct values from [0, k), ascending (partial Fisher–Yates on a lazily built range). */
  private static int[] sample(SplittableRandom r, int k, int m) {
    java.util.Map<Integer, Integer> swapped = new java.util.HashMap<>();
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(k - i);
      int vj = swapped.getOrDefault(j, j);
      int vi = swapped.getOrDefault(i, i);
      swapped.put(j, vi);
      out[i] = vj;
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static float[] randomUnit(SplittableRandom r, int d, double norm) {
    float[] v = new float[d];
    double ss = 0;
    for (int p = 0; p < d; p++) {
      double g = gaussian(r);
      v[p] = (float) g;
      ss += g * g;
    }
    float s = (float) (norm / Math.sqrt(ss));
    for (int p = 0; p < d; p++) {
      v[p] *= s;
    }
    return v;
  }

  /** A standard normal draw by the Box–Muller transform (one of the pair; deterministic per stream). */
  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
