package dev.glassbox.methods.pcbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.math.FloatMatrix;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearSvmTest {
  /** One case of svc_reference.txt (scikit-learn's SVC on seeded data; see svc_reference.py beside it). */
  record Reference(String name, FloatMatrix x, boolean[] y, double c, double[] w, double b, double margin) {}

  static List<Reference> references() throws Exception {
    List<Reference> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        LinearSvmTest.class.getResourceAsStream("svc_reference.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("case ")) {
          continue;
        }
        String[] h = line.split(" ");
        int n = Integer.parseInt(h[2]);
        int d = Integer.parseInt(h[3]);
        double c = Double.parseDouble(h[4]);
        float[] x = new float[n * d];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
          String[] f = r.readLine().split(" ");
          y[i] = f[0].equals("1");
          for (int p = 0; p < d; p++) {
            x[i * d + p] = Float.parseFloat(f[p + 1]);
          }
        }
        String[] wl = r.readLine().split(" ");
        double[] w = new double[d];
        for (int p = 0; p < d; p++) {
          w[p] = Double.parseDouble(wl[p + 1]);
        }
        double b = Double.parseDouble(r.readLine().split(" ")[1]);
        double margin = Double.parseDouble(r.readLine().split(" ")[1]);
        out.add(new Reference(h[1], FloatMatrix.wrap(n, d, x), y, c, w, b, margin));
      }
    }
    return out;
  }

  @Test
  void marginWeightsAndBiasMatchScikitLearnSvcWithin1e3() throws Exception {
    List<Reference> refs = references();
    assertThat(refs).hasSize(3);
    for (Reference ref : refs) {
      LinearSvm.Model m = LinearSvm.fit(ref.x(), ref.y(), ref.c(), 1e-8, 10_000_000L);
      System.out.printf("SVM vs scikit-learn SVC, case %s (C=%s): margin %.7f vs %.7f (|Δ| %.2e), bias %.6f vs %.6f, %d iterations%n",
          ref.name(), ref.c(), m.margin(), ref.margin(), Math.abs(m.margin() - ref.margin()), m.bias(), ref.b(), m.iterations());
      assertThat(m.converged()).isTrue();
      assertThat(m.margin()).as(ref.name()).isCloseTo(ref.margin(), offset(1e-3));
      for (int p = 0; p < ref.w().length; p++) {
        assertThat(m.weights()[p]).as("%s w[%d]", ref.name(), p).isCloseTo(ref.w()[p], offset(1e-3 * (1 + Math.abs(ref.w()[p]))));
      }
      assertThat(m.bias()).as(ref.name()).isCloseTo(ref.b(), offset(1e-3));
    }
  }

  @Test
  void hardMarginIsHalfTheDistanceBetweenTheConvexHullsIn2d() {
    SplittableRandom r = new SplittableRandom(17);
    for (int trial = 0; trial < 25; trial++) {
      double angle = r.nextDouble() * 2 * Math.PI;
      double ux = Math.cos(angle);
      double uy = Math.sin(angle);
      double gap = 0.2 + r.nextDouble();
      List<double[]> pos = new ArrayList<>();
      List<double[]> neg = new ArrayList<>();
      int want = 3 + r.nextInt(12);
      while (pos.size() < want || neg.size() < want) {
        double[] p = {r.nextDouble(-4, 4), r.nextDouble(-4, 4)};
        double s = p[0] * ux + p[1] * uy;
        if (s >= gap / 2 && pos.size() < want) {
          pos.add(p);
        } else if (s <= -gap / 2 && neg.size() < want) {
          neg.add(p);
        }
      }
      float[] x = new float[4 * want];
      boolean[] y = new boolean[2 * want];
      for (int i = 0; i < want; i++) {
        x[2 * i] = (float) pos.get(i)[0];
        x[2 * i + 1] = (float) pos.get(i)[1];
        y[i] = true;
        x[2 * (want + i)] = (float) neg.get(i)[0];
        x[2 * (want + i) + 1] = (float) neg.get(i)[1];
        // Re-read the rounded values so both solvers see the same points.
        pos.set(i, new double[] {x[2 * i], x[2 * i + 1]});
        neg.set(i, new double[] {x[2 * (want + i)], x[2 * (want + i) + 1]});
      }
      FloatMatrix xm = FloatMatrix.wrap(2 * want, 2, x);
      LinearSvm.Model m = LinearSvm.fit(xm, y, Double.POSITIVE_INFINITY, 1e-9, 10_000_000L);
      double expected = hullDistance(pos, neg) / 2;
      assertThat(m.converged()).isTrue();
      assertThat(m.margin()).as("trial %d", trial).isCloseTo(expected, offset(1e-3));
      for (int i = 0; i < 2 * want; i++) {
        assertThat((y[i] ? 1 : -1) * m.decision(xm, i)).isGreaterThan(1 - 1e-3);
      }
    }
  }

  /** The distance between two disjoint convex hulls in 2-d: the nearest points are a vertex of one and an edge of the other. */
  static double hullDistance(List<double[]> a, List<double[]> b) {
    double best = Double.POSITIVE_INFINITY;
    for (int pass = 0; pass < 2; pass++) {
      List<double[]> pts = pass == 0 ? a : b;
      List<double[]> other = pass == 0 ? b : a;
      for (double[] p : pts) {
        for (double[] q1 : other) {
          for (double[] q2 : other) {
            best = Math.min(best, pointSegment(p, q1, q2));
          }
        }
      }
    }
    return best;
  }

  static double pointSegment(double[] p, double[] a, double[] b) {
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    double ex = a[0] + t * dx - p[0];
    double ey = a[1] + t * dy - p[1];
    return Math.sqrt(ex * ex + ey * ey);
  }

  @Test
  void twoPointsGiveTheirBisector() {
    FloatMatrix x = FloatMatrix.of(new float[][] {{3, 1}, {1, 1}});
    LinearSvm.Model m = LinearSvm.fit(x, new boolean[] {true, false}, 10, 1e-9, 1000);
    assertThat(m.weights()[0]).isCloseTo(1.0, offset(1e-9));
    assertThat(m.weights()[1]).isCloseTo(0.0, offset(1e-9));
    assertThat(m.bias()).isCloseTo(-2.0, offset(1e-9));
    assertThat(m.margin()).isCloseTo(1.0, offset(1e-9));
    assertThat(m.supportVectors()).isEqualTo(2);
  }

  @Test
  void computedKernelColumnsGiveTheSameAnswerAsTheGramMatrix() {
    // Above the Gram limit columns are computed per iteration; compare both paths on one problem.
    SplittableRandom r = new SplittableRandom(3);
    int n = 4100;
    int d = 3;
    float[] x = new float[n * d];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2 == 0;
      for (int p = 0; p < d; p++) {
        x[i * d + p] = (float) (r.nextGaussian() + (y[i] ? 0.8 : -0.8) * (p == 0 ? 1 : 0));
      }
    }
    LinearSvm.Model big = LinearSvm.fit(FloatMatrix.wrap(n, d, x), y, 0.05, 1e-3, 10_000_000L);
    FloatMatrix small = FloatMatrix.wrap(n, d, x).rowRange(0, 4000);
    LinearSvm.Model viaGram = LinearSvm.fit(small, java.util.Arrays.copyOf(y, 4000), 0.05, 1e-3, 10_000_000L);
    assertThat(big.converged()).isTrue();
    assertThat(viaGram.converged()).isTrue();
    // Nearly the same data, nearly the same hyperplane.
    assertThat(big.weights()[0] / big.norm()).isCloseTo(viaGram.weights()[0] / viaGram.norm(), offset(0.02));
  }

  @Test
  void stopsAtTheIterationLimitAndSaysSo() {
    FloatMatrix x = FloatMatrix.of(new float[][] {{1, 0}, {0.9f, 0.2f}, {-1, 0}, {-0.8f, 0.1f}, {0.1f, 0.05f}, {-0.1f, -0.02f}});
    LinearSvm.Model m = LinearSvm.fit(x, new boolean[] {true, true, false, false, false, true}, 100, 1e-12, 1);
    assertThat(m.converged()).isFalse();
    assertThat(m.iterations()).isEqualTo(1);
  }

  @Test
  void rejectsOneClassAndBadPenalty() {
    FloatMatrix x = FloatMatrix.of(new float[][] {{1, 0}, {2, 0}});
    assertThatThrownBy(() -> LinearSvm.fit(x, new boolean[] {true, true}, 1, 1e-3, 10))
        .hasMessage("SVM needs examples of both classes, got only positives");
    assertThatThrownBy(() -> LinearSvm.fit(x, new boolean[] {true, false}, 0, 1e-3, 10)).hasMessage("SVM C must be > 0, got 0.0");
  }
}
