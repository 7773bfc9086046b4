package dev.glassbox.bench;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded LaBo-sized selection instance with CLIP-like clustered embeddings.
 *
 * <p>Everything shares one offset direction (CLIP's embeddings all sit in a narrow cone, which keeps
 * raw image–text dot products positive). There is a vocabulary of attribute directions ("striped
 * wings", "red crown"); each class has its own prototype and a handful of characteristic
 * attributes. A class's candidates are paraphrases: mostly one of the class's attributes, sometimes
 * any attribute, plus a little of the class prototype and paraphrase noise, so candidates come in
 * tight clusters, as LLM-generated concepts do. An image shows its class prototype and each of its
 * class's attributes with probability one half.
 */
public final class SelectionWorkload {
  private SelectionWorkload() {}

  /**
   * @param classes the number of classes
   * @param perClass candidates generated per class
   * @param dim embedding dimension
   * @param imagesPerClass training images per class
   * @param seed the root seed
   */
  public static SelectionInput generate(int classes, int perClass, int dim, int imagesPerClass, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rDir = root.split();
    SplittableRandom rText = root.split();
    SplittableRandom rImg = root.split();
    int vocabulary = Math.max(8, 5 * classes);
    int attrsPerClass = 25;
    float[] offset = unit(rDir, dim, 1.5);
    float[][] attr = new float[vocabulary][];
    for (int a = 0; a < vocabulary; a++) {
      attr[a] = unit(rDir, dim, 1.0);
    }
    float[][] proto = new float[classes][];
    int[][] classAttrs = new int[classes][attrsPerClass];
    for (int y = 0; y < classes; y++) {
      proto[y] = unit(rDir, dim, 0.6);
      for (int j = 0; j < attrsPerClass; j++) {
        classAttrs[y][j] = rDir.nextInt(vocabulary);
      }
    }
    int k = classes * perClass;
    float[] t = new float[k * dim];
    List<Concept> concepts = new ArrayList<>(k);
    for (int y = 0; y < classes; y++) {
      for (int j = 0; j < perClass; j++) {
        int c = y * perClass + j;
        int a = rText.nextDouble() < 0.8 ? classAttrs[y][rText.nextInt(attrsPerClass)] : rText.nextInt(vocabulary);
        float[] noise = unit(rText, dim, 0.25 + 0.25 * rText.nextDouble());
        float own = (float) (0.5 * rText.nextDouble());
        for (int p = 0; p < dim; p++) {
          t[c * dim + p] = offset[p] + 0.8f * attr[a][p] + own * proto[y][p] + noise[p];
        }
        concepts.add(new Concept("class" + y + " concept " + j, "bench", "class" + y, Map.of()));
      }
    }
    int n = classes * imagesPerClass;
    float[] x = new float[n * dim];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int y = i / imagesPerClass;
      labels[i] = y;
      float[] noise = unit(rImg, dim, 0.4);
      for (int p = 0; p < dim; p++) {
        x[i * dim + p] = offset[p] + proto[y][p] + noise[p];
      }
      for (int j = 0; j < attrsPerClass; j++) {
        if (rImg.nextBoolean()) {
          float[] v = attr[classAttrs[y][j]];
          for (int p = 0; p < dim; p++) {
            x[i * dim + p] += 0.3f * v[p];
          }
        }
      }
    }
    List<String> names = new ArrayList<>(classes);
    for (int y = 0; y < classes; y++) {
      names.add("class" + y);
    }
    ConceptEmbeddings ce = new ConceptEmbeddings(new ConceptSet(concepts), FloatMatrix.wrap(k, dim, t),
        new EncoderIdentity("bench-clustered(seed=" + seed + ")", "", dim));
    return SelectionInput.of(ce, names, FloatMatrix.wrap(n, dim, x), labels);
  }

  private static float[] unit(SplittableRandom r, int dim, double norm) {
    float[] v = new float[dim];
    double ss = 0;
    for (int p = 0; p < dim; p++) {
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      v[p] = (float) g;
      ss += g * g;
    }
    float s = (float) (norm / Math.sqrt(ss));
    for (int p = 0; p < dim; p++) {
      v[p] *= s;
    }
    return v;
  }
}
