package dev.glassbox.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.testing.Rand;
import org.junit.jupiter.api.Test;

class SoftmaxKernelsTest {
  @Test
  void vectorisedCrossEntropyGradientMatchesReference() {
    for (int trial = 0; trial < 6; trial++) {
      int rows = trial < 3 ? 37 : 3000;
      int cols = 3 + trial * 7;
      FloatMatrix logits = Rand.gaussian(rows, cols, trial);
      for (int i = 0; i < logits.data().length; i++) {
        logits.data()[i] *= 6;
      }
      int[] y = Rand.labels(rows, cols, trial + 100);
      float[] a = logits.data().clone();
      float[] b = logits.data().clone();
      var fa = SoftmaxKernels.crossEntropyGradient(a, rows, cols, y, 0.5f);
      var fb = SoftmaxKernels.crossEntropyGradientReference(b, rows, cols, y, 0.5f);
      assertThat(fa.hits()).isEqualTo(fb.hits());
      assertThat(fa.loss()).isCloseTo(fb.loss(), offset(1e-4 * rows));
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).isCloseTo(b[i], offset(2e-6f));
      }
    }
  }

  @Test
  void classMajorPassMatchesTheRowMajorReference() {
    for (int trial = 0; trial < 5; trial++) {
      int items = trial < 2 ? 19 : 2600 + trial;
      int classes = 2 + trial * 9;
      FloatMatrix logits = Rand.gaussian(items, classes, 40 + trial);
      for (int i = 0; i < logits.data().length; i++) {
        logits.data()[i] *= 8;
      }
      int[] y = Rand.labels(items, classes, trial + 7);
      float[] ref = logits.data().clone();
      var fr = SoftmaxKernels.crossEntropyGradientReference(ref, items, classes, y, 0.25f);
      float[] cm = logits.transpose().data();
      double lossOnly = SoftmaxKernels.crossEntropyLossClassMajor(cm, classes, items, y);
      assertThat(cm).containsExactly(logits.transpose().data());
      var fc = SoftmaxKernels.crossEntropyGradientClassMajor(cm, classes, items, y, 0.25f);
      assertThat(fc.hits()).isEqualTo(fr.hits());
      assertThat(fc.loss()).isCloseTo(fr.loss(), offset(1e-4 * items));
      assertThat(lossOnly).isCloseTo(fr.loss(), offset(1e-4 * items));
      float[] noHits = logits.transpose().data();
      double gradLoss = SoftmaxKernels.crossEntropyGradientClassMajorLoss(noHits, classes, items, y, 0.25f);
      assertThat(gradLoss).isEqualTo(fc.loss());
      assertThat(noHits).containsExactly(cm);
      float[] back = FloatMatrix.wrap(classes, items, cm).transpose().data();
      for (int i = 0; i < back.length; i++) {
        assertThat(back[i]).isCloseTo(ref[i], offset(2e-6f));
      }
    }
  }

  @Test
  void gradientRowsSumToZero() {
    FloatMatrix logits = Rand.gaussian(50, 9, 3);
    int[] y = Rand.labels(50, 9, 4);
    float[] g = logits.data().clone();
    SoftmaxKernels.crossEntropyGradient(g, 50, 9, y, 1f);
    for (int r = 0; r < 50; r++) {
      double s = 0;
      for (int j = 0; j < 9; j++) {
        s += g[r * 9 + j];
      }
      assertThat(s).isCloseTo(0, offset(1e-5));
    }
  }

  @Test
  void extremeLogitsStayFinite() {
    float[] g = {1e30f, -1e30f, 0f, 88f, 89f, -200f};
    var r = SoftmaxKernels.crossEntropyGradient(g, 2, 3, new int[] {1, 2}, 1f);
    assertThat(Double.isFinite(r.loss())).isTrue();
    for (float v : g) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }
}
