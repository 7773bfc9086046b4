package dev.glassbox.sources.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VocabularyConceptSourceTest {
  /** Each known text is one axis of the space; the encoder counts how many texts it encoded. */
  static final class AxisEncoder implements TextEncoder {
    final Map<String, Integer> axes = new HashMap<>();
    final int dim;
    int encoded;

    AxisEncoder(List<String> texts) {
      for (String t : texts) {
        axes.put(t, axes.size());
      }
      dim = axes.size();
    }

    @Override
    public EncoderIdentity identity() {
      return new EncoderIdentity("axis-test", "", dim);
    }

    @Override
    public FloatMatrix encode(List<String> texts) {
      float[] d = new float[texts.size() * dim];
      for (int i = 0; i < texts.size(); i++) {
        Integer a = axes.get(texts.get(i));
        if (a == null) {
          throw new IllegalArgumentException("unknown text " + texts.get(i));
        }
        d[i * dim + a] = 1;
      }
      encoded += texts.size();
      return FloatMatrix.wrap(texts.size(), dim, d);
    }
  }

  private static final List<String> TOKENS = List.of("red", "ladder", "wheels", "stripes", "mane", "water", "sky");

  private static Vocabulary vocabulary() {
    List<Vocabulary.Entry> es = new ArrayList<>();
    for (int i = 0; i < TOKENS.size(); i++) {
      es.add(new Vocabulary.Entry(TOKENS.get(i), Vocabulary.Kind.NOUN, i + 1));
    }
    return new Vocabulary("test-list", "CC0", es);
  }

  private static AxisEncoder encoder() {
    List<String> all = new ArrayList<>(TOKENS);
    all.add("fire engine");
    all.add("zebra");
    return new AxisEncoder(all);
  }

  /**
   * An unlabelled pool where the answer is known: fire-engine images lie near "fire engine" and show
   * red (always) and ladder or wheels; zebra images show stripes (always) and a mane; the rest are
   * water and sky.
   */
  private static FloatMatrix pool(AxisEncoder enc, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 60;
    float[] d = new float[n * enc.dim];
    for (int i = 0; i < n; i++) {
      float[] row = new float[enc.dim];
      int kind = i % 3;
      if (kind == 0) {
        row[enc.axes.get("fire engine")] = 2f;
        row[enc.axes.get("red")] = 1.5f;
        row[enc.axes.get(r.nextBoolean() ? "ladder" : "wheels")] = 1f;
      } else if (kind == 1) {
        row[enc.axes.get("zebra")] = 2f;
        row[enc.axes.get("stripes")] = 1.5f;
        row[enc.axes.get("mane")] = 1f;
      } else {
        row[enc.axes.get("water")] = 1f;
        row[enc.axes.get("sky")] = 0.8f;
      }
      for (int j = 0; j < enc.dim; j++) {
        row[j] += (float) (0.05 * r.nextDouble());
      }
      System.arraycopy(row, 0, d, i * enc.dim, enc.dim);
    }
    return FloatMatrix.wrap(n, enc.dim, d);
  }

  private static VocabularyConfig small() {
    return VocabularyConfig.defaults().withTopK(2).withImagesPerClass(20).withConceptsPerClass(3)
        .withClassTemplates(List.of("{}")).withBlockSize(7);
  }

  @Test
  void keepsTheTokensMostOftenNearestToClassNearestImages() {
    AxisEncoder enc = encoder();
    VocabularyConceptSource src = new VocabularyConceptSource(vocabulary(), enc, pool(enc, 1), small());
    List<Concept> cs = src.generate(List.of("fire engine", "zebra"));
    List<String> fire = cs.stream().filter(c -> c.proposedBy().equals("fire engine")).map(Concept::text).toList();
    List<String> zebra = cs.stream().filter(c -> c.proposedBy().equals("zebra")).map(Concept::text).toList();
    // Every fire-engine image has red among its top 2; ladder and wheels share the other slot.
    assertThat(fire.get(0)).isEqualTo("red");
    assertThat(fire).containsExactlyInAnyOrder("red", "ladder", "wheels");
    assertThat(zebra).containsExactly("stripes", "mane");
    Concept red = cs.get(0);
    assertThat(red.source()).isEqualTo("vocabulary");
    assertThat(red.metadata()).containsEntry("hits", "20").containsEntry("images", "20").containsEntry("rank", "1")
        .containsEntry("vocabulary", "test-list").containsEntry("licence", "CC0").containsEntry("kind", "noun")
        .containsEntry("encoder", "axis-test");
  }

  @Test
  void hitCountsMatchABruteForceCountOnRandomPools() {
    for (long seed = 0; seed < 5; seed++) {
      AxisEncoder enc = encoder();
      SplittableRandom r = new SplittableRandom(seed);
      int n = 40;
      float[] d = new float[n * enc.dim];
      for (int i = 0; i < d.length; i++) {
        d[i] = (float) r.nextDouble();
      }
      FloatMatrix images = FloatMatrix.wrap(n, enc.dim, d);
      VocabularyConfig cfg = small().withConceptsPerClass(TOKENS.size()).withImagesPerClass(10).withTopK(3);
      List<Concept> cs = new VocabularyConceptSource(vocabulary(), enc, images, cfg).generate(List.of("zebra"));
      // Brute force: cosine of every image with the class axis and with every token axis.
      int zebraAxis = enc.axes.get("zebra");
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(cos(images, b, zebraAxis), cos(images, a, zebraAxis)));
      Map<String, Integer> expected = new HashMap<>();
      for (int k = 0; k < 10; k++) {
        int img = order[k];
        Integer[] toks = new Integer[TOKENS.size()];
        for (int t = 0; t < toks.length; t++) {
          toks[t] = t;
        }
        java.util.Arrays.sort(toks, (a, b) -> Double.compare(images.get(img, b), images.get(img, a)));
        for (int t = 0; t < 3; t++) {
          expected.merge(TOKENS.get(toks[t]), 1, Integer::sum);
        }
      }
      Map<String, Integer> got = new HashMap<>();
      for (Concept c : cs) {
        got.put(c.text(), Integer.parseInt(c.metadata().get("hits")));
      }
      assertThat(got).as("seed %d", seed).isEqualTo(expected);
    }
  }

  private static double cos(FloatMatrix m, int row, int axis) {
    double n = 0;
    for (int j = 0; j < m.cols(); j++) {
      n += m.get(row, j) * m.get(row, j);
    }
    return m.get(row, axis) / Math.sqrt(n);
  }

  @Test
  void vocabularyIsEncodedOnceAcrossCalls() {
    AxisEncoder enc = encoder();
    VocabularyConceptSource src = new VocabularyConceptSource(vocabulary(), enc, pool(enc, 2), small());
    List<Concept> first = src.generate(List.of("zebra"));
    int afterFirst = enc.encoded;
    assertThat(src.generate(List.of("zebra"))).isEqualTo(first);
    assertThat(enc.encoded - afterFirst).isEqualTo(1);
  }

  @Test
  void mismatchedDimensionsAreNamed() {
    AxisEncoder enc = encoder();
    assertThatThrownBy(() -> new VocabularyConceptSource(vocabulary(), enc, FloatMatrix.zeros(3, 4), small()))
        .hasMessageContaining("4-d").hasMessageContaining("axis-test").hasMessageContaining(enc.dim + "-d");
  }

  @Test
  void emptyPoolAndBadConfigAreRejected() {
    AxisEncoder enc = encoder();
    assertThatThrownBy(() -> new VocabularyConceptSource(vocabulary(), enc, FloatMatrix.zeros(0, enc.dim), small()))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> VocabularyConfig.defaults().withTopK(0)).hasMessageContaining("topK");
    assertThatThrownBy(() -> VocabularyConfig.defaults().withClassTemplates(List.of("a photo"))).hasMessageContaining("{}");
  }

  @Test
  void badClassListsAreRejected() {
    AxisEncoder enc = encoder();
    VocabularyConceptSource src = new VocabularyConceptSource(vocabulary(), enc, pool(enc, 3), small());
    assertThatThrownBy(() -> src.generate(List.of("zebra", "zebra"))).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> src.generate(List.of())).hasMessageContaining("at least one class");
  }
}
