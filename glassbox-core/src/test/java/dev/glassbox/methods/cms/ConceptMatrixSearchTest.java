package dev.glassbox.methods.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.bottleneck.ConceptMatrixBottleneck;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.explain.Explainer;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Provenance;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptMatrixSearchTest {
  /** Concepts e0, e1, e2 of R⁴; class A's name embeds as e0 + e1, class B's as e1 + 2·e2. */
  static final FloatMatrix CONCEPTS = FloatMatrix.of(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}});
  static final FloatMatrix CLASSES = FloatMatrix.of(new float[][] {{1, 1, 0, 0}, {0, 1, 2, 0}});

  static ConceptBottleneckModel model(ConceptMatrixSearch.Variant v) {
    FloatMatrix t = ConceptMatrixSearch.classConceptMatrix(CLASSES, CONCEPTS);
    return new ConceptBottleneckModel(List.of("A", "B"), ConceptSet.ofTexts(List.of("c0", "c1", "c2")),
        ConceptMatrixSearch.bottleneck(CONCEPTS, v), ConceptMatrixSearch.head(t, v),
        Provenance.now("cms", Map.of(), 0, "", "", null, Map.of()));
  }

  @Test
  void classConceptRowsAreCosinesSummingToOne() {
    FloatMatrix t = ConceptMatrixSearch.classConceptMatrix(CLASSES, CONCEPTS);
    assertThat(t.row(0)).containsExactly(new float[] {0.5f, 0.5f, 0f}, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(t.row(1)).containsExactly(new float[] {0f, 1f / 3, 2f / 3}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void bothVariantsFollowTheirRuleOnHandComputedImages() {
    ConceptBottleneckModel sim = model(ConceptMatrixSearch.Variant.SIMILARITY);
    ConceptBottleneckModel max = model(ConceptMatrixSearch.Variant.MAX_SCORE);
    // Mostly concept 0 with some 1: both rules say A.
    float[] a = {0.9f, 0.5f, 0.1f, 0.3f};
    assertThat(sim.predict(a).predicted()).isZero();
    assertThat(max.predict(a).predicted()).isZero();
    // Concepts 1 (top) and 2: V ∝ (0, .8, .7). cos(V, T_A) = 0.4/(‖V‖·0.707) < cos(V, T_B) = 0.733/(‖V‖·0.745),
    // so the similarity rule says B; the top concept is 1, where T_A = 1/2 > T_B = 1/3, so max-score says A.
    float[] b = {0f, 0.8f, 0.7f, 0.2f};
    assertThat(sim.predict(b).predicted()).isEqualTo(1);
    assertThat(max.predict(b).predicted()).isZero();
    assertThat(max.predict(b).logits()).containsExactly(new float[] {0.5f, 1f / 3}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void similarityLogitsAreTheCosineOfTheRowsTimesTheImageRowNorm() {
    ConceptBottleneckModel sim = model(ConceptMatrixSearch.Variant.SIMILARITY);
    float[] x = {0.3f, 0.6f, 0.2f, -0.4f};
    var p = sim.predict(x);
    float[] v = p.activations();
    double vn = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    FloatMatrix t = ConceptMatrixSearch.classConceptMatrix(CLASSES, CONCEPTS);
    for (int j = 0; j < 2; j++) {
      float[] tj = t.row(j);
      double dot = v[0] * tj[0] + v[1] * tj[1] + v[2] * tj[2];
      double tn = Math.sqrt(tj[0] * tj[0] + tj[1] * tj[1] + tj[2] * tj[2]);
      assertThat((double) p.logits()[j]).isCloseTo(vn * dot / (vn * tn), org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(v[0] + v[1] + v[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void bottleneckRowsSumToOneKeepTheirDirectionAndOneHotPicksTheTopConcept() {
    ConceptMatrixBottleneck n = new ConceptMatrixBottleneck(CONCEPTS, ConceptMatrixBottleneck.Mode.NORMALIZED);
    float[] pos = n.activate(new float[] {2, 1, 1, 0});
    assertThat(pos[0] + pos[1] + pos[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(pos[0] / pos[1]).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-5f));
    float[] neg = n.activate(new float[] {-2, -1, -1, 0});
    assertThat(neg[0] + neg[1] + neg[2]).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(neg[0]).isNegative();
    assertThat(n.activate(new float[] {0, 0, 0, 1})).containsOnly(0f);
    ConceptMatrixBottleneck one = new ConceptMatrixBottleneck(CONCEPTS, ConceptMatrixBottleneck.Mode.ONE_HOT);
    assertThat(one.activate(new float[] {0.1f, 0.3f, 0.2f, 5})).containsExactly(0f, 1f, 0f);
    assertThat(one.selectConcepts(new int[] {0, 2}).activate(new float[] {0.1f, 0.3f, 0.2f, 5})).containsExactly(0f, 1f);
  }

  @Test
  void explanationsShowTheDecidingConcept() {
    ConceptBottleneckModel max = model(ConceptMatrixSearch.Variant.MAX_SCORE);
    var e = Explainer.explain(max, new float[] {0f, 0.8f, 0.7f, 0.2f}, 5, -1);
    assertThat(e.contributions()).extracting(c -> c.text()).first().isEqualTo("c1");
    assertThat(e.contributions().get(0).activation()).isEqualTo(1f);
  }

  @Test
  void onSynthDataItClassifiesWellWithoutTraining() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(10, 100, 1000, 64, 3));
    for (String variant : new String[] {"similarity", "max-score"}) {
      TrainResult r = CbmMethods.train("cms", new TrainingInput(sd.dataset(), sd.concepts(), 0, sd.classEmbeddings()),
          Map.of("variant", variant), ProgressListener.NONE);
      assertThat((Double) r.metrics().get("test_accuracy")).as(variant).isGreaterThan(variant.equals("similarity") ? 0.9 : 0.5);
      assertThat(r.model().provenance().config().get("variant")).isEqualTo(variant);
      assertThat(r.fit().converged()).isTrue();
      assertThat(r.model().bottleneck().kind()).isEqualTo(ConceptMatrixBottleneck.KIND);
    }
    // Training-free: no labels are read, so the training split does not matter.
    Dataset d = sd.dataset();
    TrainResult all = CbmMethods.train("cms", new TrainingInput(d, sd.concepts(), 0, sd.classEmbeddings()), Map.of(), ProgressListener.NONE);
    Dataset few = d.subset(java.util.stream.IntStream.range(0, d.size()).filter(i -> d.splits()[i] != Split.TRAIN || i < 20).toArray(), "few");
    TrainResult less = CbmMethods.train("cms", new TrainingInput(few, sd.concepts(), 0, sd.classEmbeddings()), Map.of(), ProgressListener.NONE);
    assertThat(less.model().head().weight().data()).containsExactly(all.model().head().weight().data());
    assertThat(less.metrics().get("test_accuracy")).isEqualTo(all.metrics().get("test_accuracy"));
  }

  @Test
  void missingOrMisshapenClassEmbeddingsAreExplained() {
    SynthData sd = SynthGenerator.generate(SynthConfig.of(3, 10, 90, 8, 3));
    assertThatThrownBy(() -> CbmMethods.train("cms", new TrainingInput(sd.dataset(), sd.concepts(), 0), Map.of(), ProgressListener.NONE))
        .hasMessageContaining("method 'cms' needs the class names' text embeddings (class_embeddings.npy");
    assertThatThrownBy(() -> new TrainingInput(sd.dataset(), sd.concepts(), 0, FloatMatrix.zeros(2, 8)))
        .hasMessage("class embeddings have 2 rows but dataset 'synth' has 3 classes; give one embedding per class, in class order");
    assertThatThrownBy(() -> new TrainingInput(sd.dataset(), sd.concepts(), 0, FloatMatrix.zeros(3, 5)))
        .hasMessageContaining("class embeddings are 5-d but the dataset's embeddings are 8-d");
    ConceptEmbeddings none = null;
    assertThatThrownBy(() -> CbmMethods.train("cms", new TrainingInput(sd.dataset(), none, 0, sd.classEmbeddings()), Map.of(), ProgressListener.NONE))
        .hasMessageContaining("method 'cms' needs a concept set");
  }
}
