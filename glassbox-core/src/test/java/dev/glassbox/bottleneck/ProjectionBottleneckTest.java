package dev.glassbox.bottleneck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.testing.Rand;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionBottleneckTest {
  static final FloatMatrix DIRS = FloatMatrix.of(new float[][] {{1, 0, 0}, {0, 2, 0}});

  @Test
  void dotScoringIsTheRawProductPlusIntercept() {
    ProjectionBottleneck b = new ProjectionBottleneck(DIRS, new float[] {0.5f, -1f}, Scoring.DOT, null, null);
    assertThat(b.activate(new float[] {2, 3, 4})).containsExactly(2.5f, 5f);
  }

  @Test
  void cosineScoringIgnoresScale() {
    ProjectionBottleneck b = new ProjectionBottleneck(DIRS, null, Scoring.COSINE, null, null);
    float[] a = b.activate(new float[] {3, 4, 0});
    assertThat(a[0]).isCloseTo(0.6f, offset(1e-6f));
    assertThat(a[1]).isCloseTo(0.8f, offset(1e-6f));
    assertThat(b.activate(new float[] {30, 40, 0})[1]).isCloseTo(0.8f, offset(1e-6f));
    assertThat(b.activate(new float[] {0, 0, 0})).containsExactly(0f, 0f);
  }

  @Test
  void cosCubedCentresThenCubes() {
    ProjectionBottleneck b = new ProjectionBottleneck(DIRS, null, Scoring.COS_CUBED, new float[] {0.1f, 0.5f}, null);
    float[] a = b.activate(new float[] {3, 4, 0});
    assertThat(a[0]).isCloseTo((float) Math.pow(0.5, 3), offset(1e-6f));
    assertThat(a[1]).isCloseTo((float) Math.pow(0.3, 3), offset(1e-6f));
  }

  @Test
  void standardisationIsFittedOnTheTrainingInputsOnly() {
    FloatMatrix train = Rand.gaussian(500, 3, 1);
    FloatMatrix other = Rand.gaussian(50, 3, 2);
    for (int i = 0; i < other.data().length; i++) {
      other.data()[i] += 5;
    }
    ConceptEmbeddings ce = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a", "b")), DIRS, null);
    Bottlenecks.Fitted f = Bottlenecks.fit(ce, train, BottleneckConfig.defaults(), ProgressListener.NONE);
    FloatMatrix raw = Matrices.cosine(train, DIRS);
    double mean = 0;
    for (int i = 0; i < 500; i++) {
      mean += raw.get(i, 0);
    }
    mean /= 500;
    assertThat(f.bottleneck().standardization().mean()[0]).isCloseTo((float) mean, offset(1e-5f));
    // The training activations returned are the standardised ones: mean 0 per concept.
    double m0 = 0;
    for (int i = 0; i < 500; i++) {
      m0 += f.trainActivations().get(i, 1);
    }
    assertThat(m0 / 500).isCloseTo(0, offset(1e-5));
    // Other data is transformed with the training statistics, not its own.
    FloatMatrix oa = f.bottleneck().activate(other, ProgressListener.NONE);
    float expected = (Matrices.cosine(other, DIRS).get(0, 0) - f.bottleneck().standardization().mean()[0])
        / f.bottleneck().standardization().std()[0];
    assertThat(oa.get(0, 0)).isCloseTo(expected, offset(1e-5f));
  }

  @Test
  void selectingConceptsKeepsTheirActivations() {
    FloatMatrix dirs = Rand.gaussian(5, 4, 3);
    ProjectionBottleneck b = new ProjectionBottleneck(dirs, new float[] {1, 2, 3, 4, 5}, Scoring.COSINE, null, null);
    float[] x = {0.3f, -1f, 2f, 0.5f};
    float[] all = b.activate(x);
    float[] some = b.selectConcepts(new int[] {4, 1}).activate(x);
    assertThat(some).containsExactly(all[4], all[1]);
  }

  @Test
  void rejectsEmbeddingsOfAnotherDimension() {
    ConceptEmbeddings ce = new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a", "b")), DIRS, null);
    assertThatThrownBy(() -> Bottlenecks.fit(ce, FloatMatrix.zeros(4, 5), BottleneckConfig.defaults(), ProgressListener.NONE))
        .hasMessageContaining("concept embeddings are 3-d but image embeddings are 5-d");
  }

  @Test
  void restoresFromItsOwnTensors() {
    ProjectionBottleneck b = new ProjectionBottleneck(DIRS, new float[] {1, 2}, Scoring.COS_CUBED, new float[] {0.1f, 0.2f},
        new dev.glassbox.math.Standardization(new float[] {1, 2}, new float[] {3, 4}));
    Bottleneck r = Bottlenecks.restore(b.kind(), b.config(), b.tensors());
    float[] x = {0.5f, 0.25f, 1f};
    assertThat(r.activate(x)).containsExactly(b.activate(x));
  }
}
