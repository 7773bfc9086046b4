package dev.glassbox.concepts.select;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random selection worlds: CLIP-like embeddings where every image and concept shares a
 * common offset (so raw dot products are positive), classes are prototype directions, and each
 * class's candidates mix its prototype, a few shared "attribute" directions and noise.
 */
final class SelectionFixtures {
  private SelectionFixtures() {}

  static SelectionInput world(long seed, int classes, int perClass, int dim, int imagesPerClass) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] offset = gaussianUnit(r, dim, 1.0);
    float[][] proto = new float[classes][];
    for (int y = 0; y < classes; y++) {
      proto[y] = gaussianUnit(r, dim, 0.6);
    }
    int attrs = Math.max(2, classes / 2);
    float[][] attr = new float[attrs][];
    for (int a = 0; a < attrs; a++) {
      attr[a] = gaussianUnit(r, dim, 0.5);
    }
    int k = classes * perClass;
    float[] t = new float[k * dim];
    List<Concept> concepts = new ArrayList<>();
    for (int y = 0; y < classes; y++) {
      for (int j = 0; j < perClass; j++) {
        int c = y * perClass + j;
        double own = r.nextDouble();
        int a = r.nextInt(attrs);
        float[] noise = gaussianUnit(r, dim, 0.3);
        for (int p = 0; p < dim; p++) {
          t[c * dim + p] = (float) (offset[p] + own * proto[y][p] + attr[a][p] + noise[p]);
        }
        concepts.add(new Concept("class" + y + " concept " + j, "test", "class" + y, Map.of()));
      }
    }
    int n = classes * imagesPerClass;
    float[] x = new float[n * dim];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int y = i % classes;
      labels[i] = y;
      int a = (y + r.nextInt(2)) % attrs;
      float[] noise = gaussianUnit(r, dim, 0.4);
      for (int p = 0; p < dim; p++) {
        x[i * dim + p] = offset[p] + proto[y][p] + 0.5f * attr[a][p] + noise[p];
      }
    }
    List<String> names = new ArrayList<>();
    for (int y = 0; y < classes; y++) {
      names.add("class" + y);
    }
    ConceptEmbeddings ce = new ConceptEmbeddings(new ConceptSet(concepts), FloatMatrix.wrap(k, dim, t), new EncoderIdentity("test", "", dim));
    return SelectionInput.of(ce, names, FloatMatrix.wrap(n, dim, x), labels);
  }

  static float[] gaussianUnit(SplittableRandom r, int dim, double norm) {
    float[] v = new float[dim];
    double ss = 0;
    for (int p = 0; p < dim; p++) {
      double g = gaussian(r);
      v[p] = (float) g;
      ss += g * g;
    }
    float s = (float) (norm / Math.sqrt(ss));
    for (int p = 0; p < dim; p++) {
      v[p] *= s;
    }
    return v;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /**
   * A random facility-location instance whose benefits and modular weights take only a few levels,
   * so that ties between gains are common and tie-breaking is exercised.
   */
  static FacilityLocation randomFacilityLocation(SplittableRandom r, int n, int customers, boolean ties) {
    float[] b = new float[n * customers];
    for (int i = 0; i < b.length; i++) {
      b[i] = ties ? (r.nextInt(5) - 1) * 0.25f : (float) (r.nextDouble() * 2 - 0.5);
    }
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = ties ? r.nextInt(3) * 0.5 : r.nextDouble();
    }
    double beta = ties ? 1.0 : r.nextDouble() * 2;
    return new FacilityLocation(b, n, customers, w, beta);
  }
}
