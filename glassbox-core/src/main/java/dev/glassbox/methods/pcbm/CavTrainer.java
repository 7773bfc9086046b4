package dev.glassbox.methods.pcbm;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Learns a CAV concept bank (Post-hoc CBM, Yuksekgonul, Wang &amp; Zou, ICLR 2023): per concept, a
 * linear SVM ({@link LinearSvm}, SVC's objective) separating the concept's positive from its
 * negative example embeddings, with C chosen on held-out examples as {@link CavConfig} describes.
 * The concept's direction is the SVM's unit normal {@code w/‖w‖} and its intercept {@code b/‖w‖},
 * so that its score {@code (w·x + b)/‖w‖} is the signed distance to the boundary.
 *
 * <p>Each concept draws its examples from its own random stream, split from the seed in concept
 * order; concepts then train in parallel and the bank is the same whatever the thread count.
 * Configured and stateless.
 */
public final class CavTrainer {
  private final CavConfig config;

  public CavTrainer(CavConfig config) {
    this.config = config;
  }

  public CavConfig config() {
    return config;
  }

  /**
   * Trains one CAV per concept. A concept whose positive or negative side has fewer than
   * {@link CavConfig#minExamples()} distinct examples is refused: the error names every such concept.
   *
   * @param concepts the concept objects to put in the bank, by text; concepts not found are made with source "cav"
   */
  public ConceptBank fit(List<ConceptExamples> examples, Map<String, Concept> concepts, long seed, ProgressListener progress) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no concepts to learn CAVs for");
    }
    int d = examples.get(0).dim();
    Set<String> seen = new HashSet<>();
    List<String> short_ = new ArrayList<>();
    for (ConceptExamples e : examples) {
      if (!seen.add(e.concept())) {
        throw new IllegalArgumentException("concept \"" + e.concept() + "\" has two sets of examples; give each concept once");
      }
      if (e.dim() != d) {
        throw new IllegalArgumentException("concept \"" + e.concept() + "\" has " + e.dim() + "-d examples but \"" + examples.get(0).concept()
            + "\" has " + d + "-d; embed every example with the same encoder");
      }
      int p = distinct(e.positives());
      int n = distinct(e.negatives());
      if (p < config.minExamples() || n < config.minExamples()) {
        short_.add("\"" + e.concept() + "\" (" + p + " positive, " + n + " negative)");
      }
    }
    if (!short_.isEmpty()) {
      int show = Math.min(10, short_.size());
      throw new IllegalArgumentException("CAV training needs at least " + config.minExamples() + " positive and " + config.minExamples()
          + " negative examples per concept, but " + short_.size() + " concept" + (short_.size() == 1 ? " has" : "s have") + " fewer: "
          + String.join(", ", short_.subList(0, show)) + (short_.size() > show ? ", …" : "")
          + "; add examples, leave those concepts out, or lower min-examples");
    }
    SplittableRandom root = new SplittableRandom(seed);
    long[] seeds = new long[examples.size()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = root.nextLong();
    }
    CavRecord[] records = new CavRecord[examples.size()];
    float[][] dirs = new float[examples.size()][];
    AtomicInteger done = new AtomicInteger();
    IntStream.range(0, examples.size()).parallel().forEach(i -> {
      Fitted f = fitOne(examples.get(i), new SplittableRandom(seeds[i]));
      records[i] = f.record();
      dirs[i] = f.direction();
      progress.progress("concept activation vectors", done.incrementAndGet(), examples.size());
    });
    FloatMatrix directions = FloatMatrix.zeros(examples.size(), d);
    float[] intercepts = new float[examples.size()];
    List<Concept> cs = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      System.arraycopy(dirs[i], 0, directions.data(), i * d, d);
      intercepts[i] = (float) records[i].intercept();
      Concept c = concepts.get(examples.get(i).concept());
      cs.add(c != null ? c : new Concept(examples.get(i).concept(), "cav", null, Map.of()));
    }
    return new ConceptBank("cav", new ConceptSet(cs), directions, intercepts, List.of(records));
  }

  private record Fitted(CavRecord record, float[] direction) {}

  private static int distinct(int[] rows) {
    return (int) java.util.Arrays.stream(rows).distinct().count();
  }

  /** Draws 2·n rows from {@code side}: without replacement when it has enough, else with. */
  private int[] draw(int[] side, SplittableRandom r) {
    int want = 2 * config.samplesPerSide();
    int[] out = new int[want];
    if (side.length >= want) {
      int[] a = side.clone();
      for (int i = 0; i < want; i++) {
        int j = i + r.nextInt(a.length - i);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        out[i] = a[i];
      }
    } else {
      for (int i = 0; i < want; i++) {
        out[i] = side[r.nextInt(side.length)];
      }
    }
    return out;
  }

  private Fitted fitOne(ConceptExamples e, SplittableRandom r) {
    int n = config.samplesPerSide();
    int[] pos = draw(e.positives(), r);
    int[] neg = draw(e.negatives(), r);
    FloatMatrix pool = e.pool();
    FloatMatrix train = rows(pool, pos, 0, neg, 0, n);
    FloatMatrix val = rows(pool, pos, n, neg, n, n);
    boolean[] labels = new boolean[2 * n];
    for (int i = 0; i < n; i++) {
      labels[i] = true;
    }
    LinearSvm.Model best = null;
    double bestC = Double.NaN;
    double bestVal = Double.NEGATIVE_INFINITY;
    List<Double> perC = new ArrayList<>();
    for (double c : config.cGrid()) {
      LinearSvm.Model m = LinearSvm.fit(train, labels, c, config.tolerance(), config.maxIterations());
      double acc = accuracy(m, val, labels);
      perC.add(acc);
      if (acc > bestVal) {
        bestVal = acc;
        best = m;
        bestC = c;
      }
    }
    double norm = best.norm();
    if (!(norm > 0)) {
      throw new IllegalArgumentException("the SVM for concept \"" + e.concept() + "\" has a zero normal vector: its positive and negative "
          + "examples cannot be told apart (identical embeddings?)");
    }
    float[] dir = new float[pool.cols()];
    for (int p = 0; p < dir.length; p++) {
      dir[p] = (float) (best.weights()[p] / norm);
    }
    double[] pm = new double[2 * n];
    double[] nm = new double[2 * n];
    for (int i = 0; i < n; i++) {
      pm[i] = best.decision(train, i) / norm;
      pm[n + i] = best.decision(val, i) / norm;
      nm[i] = best.decision(train, n + i) / norm;
      nm[n + i] = best.decision(val, n + i) / norm;
    }
    CavRecord rec = new CavRecord(e.concept(), bestC, accuracy(best, train, labels), bestVal, norm, best.bias() / norm,
        MarginStatistics.of(pm, nm), perC, best.iterations(), best.converged(), best.supportVectors());
    return new Fitted(rec, dir);
  }

  /** Positive rows {@code pos[pOff, pOff + n)} then negative rows {@code neg[nOff, nOff + n)}. */
  private static FloatMatrix rows(FloatMatrix pool, int[] pos, int pOff, int[] neg, int nOff, int n) {
    int d = pool.cols();
    float[] out = new float[2 * n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pool.data(), pos[pOff + i] * d, out, i * d, d);
      System.arraycopy(pool.data(), neg[nOff + i] * d, out, (n + i) * d, d);
    }
    return FloatMatrix.wrap(2 * n, d, out);
  }

  /** The share of rows whose decision sign matches the label (a zero decision counts as negative, as SVC predicts). */
  static double accuracy(LinearSvm.Model m, FloatMatrix x, boolean[] labels) {
    int hit = 0;
    for (int i = 0; i < x.rows(); i++) {
      if ((m.decision(x, i) > 0) == labels[i]) {
        hit++;
      }
    }
    return (double) hit / x.rows();
  }
}
