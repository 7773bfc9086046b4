package dev.glassbox.concepts.filter;

import dev.glassbox.concepts.Concept;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops a concept proposed for a class when the class's own training images do not show it more
 * than the others do: the concept was meant to describe how that class looks, so if it is visible
 * at all its cosine activation must be higher, on average, on the class's images. Glassbox's own
 * test, in the spirit of LaBo's class–concept similarity; it catches what an image–text test
 * alone misses, a phrase that is generically "bird-like" in the text space ("sings at dawn",
 * "nests in reeds") but names nothing the images of its class share.
 *
 * <p><b>The statistic.</b> For concept {@code c} proposed by class {@code y}, with activations
 * {@code a_i = cos(x_i, t_c)} over the training images, the class lift is the standardised
 * difference of means
 *
 * <pre>  z = (mean_{i ∈ y} a_i − mean_i a_i) / std_i a_i</pre>
 *
 * and the concept is dropped when {@code z < minLift} for every class that proposed it
 * ({@link Concept#proposingClasses()}: a concept several classes proposed is kept once, and
 * describes each of them; it stays when any of them shows it). A concept naming no class, or only
 * classes without training images, is kept (the test does not apply). Like the grounding ratio, the lift
 * is unchanged by the encoder's cosine scale and offset.
 *
 * @param minLift the smallest class lift kept, in standard deviations. Default 0.5: the class's
 *     images must show the concept half a standard deviation above the average image (no anchor
 *     paper defines this test; the value is Glassbox's)
 */
public record ClassGroundingFilter(double minLift) implements ConceptFilter {
  public ClassGroundingFilter {
    if (!Double.isFinite(minLift)) {
      throw new IllegalArgumentException("class-grounding minLift must be finite, got " + minLift);
    }
  }

  public static ClassGroundingFilter defaults() {
    return new ClassGroundingFilter(0.5);
  }

  @Override
  public String name() {
    return "class-grounding";
  }

  @Override
  public FilterResult apply(ConceptEmbeddings candidates, FilterContext context) {
    Filters.requireCandidates(candidates, name());
    RowSource images = Filters.requireImages(candidates, context, name());
    int[] labels = context.trainingLabels();
    if (labels == null) {
      throw new IllegalArgumentException(
          "trainingLabels: the " + name() + " filter needs the class of every training image; give them with FilterContext.withTrainingImages(images, labels)");
    }
    Map<String, Integer> classIndex = new HashMap<>();
    for (int y = 0; y < context.classNames().size(); y++) {
      classIndex.putIfAbsent(context.classNames().get(y), y);
    }
    int n = images.rows();
    int k = candidates.concepts().size();
    FloatMatrix unit = Filters.unitRows(candidates, name());
    int classes = context.classNames().size();
    double[] sum = new double[k];
    double[] sumSq = new double[k];
    double[][] classSum = new double[classes][];
    int[] classCount = new int[classes];
    int block = Math.max(1, Math.min(n, 2048));
    float[] buf = new float[block * images.cols()];
    float[] act = new float[block * k];
    for (int s = 0; s < n; s += block) {
      int m = Math.min(block, n - s);
      images.readRows(s, m, buf, 0);
      Matrices.normalizeRowsInPlace(buf, m, images.cols());
      Kernels.gemm(false, true, m, k, images.cols(), 1f, buf, 0, images.cols(), unit.data(), 0, unit.cols(), 0f, act, 0, k);
      for (int r = 0; r < m; r++) {
        int y = labels[s + r];
        if (y < 0 || y >= classes) {
          throw new IllegalArgumentException("trainingLabels: image " + (s + r) + " has class " + y + " but there are " + classes + " class names");
        }
        if (classSum[y] == null) {
          classSum[y] = new double[k];
        }
        classCount[y]++;
        double[] cs = classSum[y];
        int base = r * k;
        for (int j = 0; j < k; j++) {
          double a = act[base + j];
          sum[j] += a;
          sumSq[j] += a * a;
          cs[j] += a;
        }
      }
    }
    boolean[] drop = new boolean[k];
    List<DroppedConcept> dropped = new ArrayList<>();
    // With fewer than two images there is no spread to measure a lift against: every concept stays.
    for (int j = 0; n >= 2 && j < k; j++) {
      Concept c = candidates.concepts().get(j);
      double mean = sum[j] / n;
      double sd = Math.sqrt(Math.max(0, sumSq[j] / n - mean * mean));
      // The best lift over the classes that proposed it and have training images.
      String best = null;
      double bestLift = Double.NEGATIVE_INFINITY;
      int tested = 0;
      for (String proposer : c.proposingClasses()) {
        Integer y = classIndex.get(proposer);
        if (y == null || classCount[y] == 0) {
          continue;
        }
        tested++;
        double lift = sd > 0 ? (classSum[y][j] / classCount[y] - mean) / sd : 0;
        if (lift > bestLift) {
          bestLift = lift;
          best = proposer;
        }
      }
      if (best != null && bestLift < minLift) {
        drop[j] = true;
        String which = tested == 1 ? "\"" + best + "\", which proposed it"
            : "each of the " + tested + " classes that proposed it (best: \"" + best + "\")";
        dropped.add(new DroppedConcept(c, name(), DropReason.NOT_SEEN_IN_CLASS, bestLift, minLift,
            "on the training images of " + which + ", its activation is " + Filters.fmt(bestLift)
                + " standard deviations from the average image, below " + Filters.fmt(minLift)));
      }
    }
    return Filters.result(name(), candidates, drop, dropped);
  }
}
