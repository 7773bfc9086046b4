package dev.glassbox.methods.labo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.compare.FewShotProtocol;
import dev.glassbox.compare.FewShotSplit;
import dev.glassbox.compare.Shots;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LaBo end to end on synthetic data whose concepts are proposed by their true classes: 20 classes,
 * 200 concepts, heavy per-item noise (2.5), so that one training image per class is not enough for
 * a linear probe but the language prior already points at the right concepts.
 */
class LaboMethodTest {
  static SynthData data;
  static Dataset oneShot;

  @BeforeAll
  static void generate() {
    data = SynthGenerator.generate(SynthConfig.of(20, 200, 2000, 128, 7).withNoise(2.5));
    FewShotSplit split = FewShotProtocol.splits(data.dataset(), List.of(new Shots(1)), 1, 0).get(0);
    oneShot = FewShotProtocol.apply(data.dataset(), split);
  }

  static TrainResult train(Dataset d, ConceptEmbeddings ce, Map<String, String> opts) {
    return CbmMethods.train("labo", new TrainingInput(d, ce, 0), opts, ProgressListener.NONE);
  }

  @Test
  void oneConceptIsRefusedSinceEveryClassWouldTie() {
    ConceptEmbeddings one = new ConceptEmbeddings(data.concepts().concepts().select(new int[] {0}),
        data.concepts().embeddings().selectRows(new int[] {0}), data.concepts().encoder());
    assertThatThrownBy(() -> train(data.dataset(), one, Map.of("prior", "none", "epochs", "5")))
        .hasMessageContaining("LaBo needs at least 2 concepts").hasMessageContaining("got 1");
  }

  @Test
  void learnsFromNoPriorToFarAboveChance() {
    TrainResult r = train(data.dataset(), data.concepts(), Map.of("prior", "none", "epochs", "300", "learning-rate", "1e-3"));
    assertThat((Double) r.metrics().get("prior_val_accuracy")).isEqualTo(1.0 / 20);
    assertThat((Double) r.metrics().get("val_accuracy")).isGreaterThan(0.9);
    assertThat((Double) r.metrics().get("test_accuracy")).isGreaterThan(0.9);
  }

  @Test
  void beatsTheLinearProbeAtOneShotWhenThePriorIsInformative() {
    TrainResult labo = train(oneShot, data.concepts(), Map.of("epochs", "200"));
    TrainResult probe = CbmMethods.train("probe", new TrainingInput(oneShot, null, 0), Map.of(), ProgressListener.NONE);
    assertThat(labo.metrics().get("prior")).isEqualTo("ground-truth");
    double l = (Double) labo.metrics().get("test_accuracy");
    double p = (Double) probe.metrics().get("test_accuracy");
    assertThat(l).isGreaterThan(0.9);
    assertThat(l - p).isGreaterThan(0.15);
  }

  @Test
  void modelIsADotProductBottleneckWithScaledSoftmaxWeights() {
    TrainResult r = train(oneShot, data.concepts(), Map.of("epochs", "50"));
    ProjectionBottleneck b = (ProjectionBottleneck) r.model().bottleneck();
    assertThat(b.scoring()).isEqualTo(Scoring.DOT);
    assertThat(b.standardization()).isNull();
    assertThat(b.directions().data()).containsExactly(data.concepts().embeddings().data());
    FloatMatrix w = r.model().head().weight();
    for (int y = 0; y < w.rows(); y++) {
      double sum = 0;
      for (int j = 0; j < w.cols(); j++) {
        assertThat(w.get(y, j)).isPositive();
        sum += w.get(y, j);
      }
      assertThat(sum).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-3));
    }
    assertThat(r.model().head().bias()).containsOnly(0f);
    assertThat(r.model().provenance().config()).containsKeys("head", "prior", "image_norm", "text_norm");
  }

  @Test
  void normalisationOptionsGiveTheLogitsLaboTrainsOn() {
    FloatMatrix x = oneShot.embeddingsOf(oneShot.indices(Split.TEST));
    FloatMatrix t = data.concepts().embeddings();
    for (boolean img : new boolean[] {false, true}) {
      for (boolean txt : new boolean[] {false, true}) {
        TrainResult r = train(oneShot, data.concepts(), Map.of("epochs", "20", "image-norm", "" + img, "text-norm", "" + txt));
        FloatMatrix xs = img ? Matrices.normalizeRows(x) : x;
        FloatMatrix ts = txt ? Matrices.normalizeRows(t) : t;
        // Reference: s·(x·Tᵀ)·Aᵀ with A = head/s, the training logits.
        FloatMatrix a = r.model().head().weight().copy();
        if (img && !txt) {
          float[] norms = Matrices.rowNorms(t);
          for (int y = 0; y < a.rows(); y++) {
            for (int j = 0; j < a.cols(); j++) {
              a.set(y, j, a.get(y, j) / norms[j]);
            }
          }
        }
        FloatMatrix expected = Kernels.multiplyTransposed(Kernels.multiplyTransposed(xs, ts), a);
        FloatMatrix got = r.model().logits(x);
        for (int i = 0; i < got.data().length; i++) {
          assertThat(got.data()[i]).as("image-norm=%s text-norm=%s", img, txt)
              .isCloseTo(expected.data()[i], org.assertj.core.data.Offset.offset(1e-3f * Math.max(1f, Math.abs(expected.data()[i]))));
        }
      }
    }
  }

  @Test
  void priorFromProposingClassesMatchesTheGroundTruthPrior() {
    ConceptEmbeddings proposed = proposedByTrueClass();
    TrainResult a = train(oneShot, proposed, Map.of("epochs", "30", "prior", "proposed-by"));
    assertThat(a.metrics().get("prior")).isEqualTo("proposed-by");
    // Each concept names only its first true class, so classes lose their shared concepts: weaker than ground truth, far above chance.
    assertThat((Double) a.metrics().get("prior_val_accuracy")).isGreaterThan(0.5);
    AssociationPrior p = AssociationPrior.fromProposedBy(proposed.concepts(), oneShot.classNames());
    for (int y = 0; y < 20; y++) {
      for (int k : p.classConcepts().get(y)) {
        assertThat(data.dataset().groundTruth().isTrue(y, k)).isTrue();
      }
    }
  }

  @Test
  void submodularSelectionKeepsTheBudgetPerClassAndSeedsThePrior() {
    // Every concept is proposed by every class that has it plus some that do not: a candidate pool to select from.
    List<int[]> ground = new ArrayList<>();
    for (int y = 0; y < 20; y++) {
      int[] truth = data.dataset().groundTruth().classConcepts().get(y);
      int[] g = new int[truth.length + 6];
      System.arraycopy(truth, 0, g, 0, truth.length);
      for (int i = 0; i < 6; i++) {
        int cand = (y * 7 + i * 31) % 200;
        while (contains(g, truth.length + i, cand)) {
          cand = (cand + 1) % 200;
        }
        g[truth.length + i] = cand;
      }
      ground.add(g);
    }
    TrainResult r = CbmMethods.train("labo", new TrainingInput(oneShot, withClasses(ground), 0),
        Map.of("epochs", "20", "select", "submodular", "select-per-class", "3", "prior", "proposed-by", "select-similarity", "exp-cosine"), ProgressListener.NONE);
    assertThat(r.metrics().get("prior")).isEqualTo("selection");
    int k = (Integer) r.metrics().get("concepts");
    assertThat(k).isLessThanOrEqualTo(20 * 3).isGreaterThanOrEqualTo(3);
    assertThat(r.model().concepts().size()).isEqualTo(k);
    assertThat(r.model().provenance().config()).containsKeys("selection", "selector");
  }

  @Test
  void explainsWhichPriorIsMissing() {
    Dataset noTruth = new Dataset("plain", oneShot.classNames(), oneShot.ids(), oneShot.labels(), oneShot.splits(), oneShot.embeddings(), null, null);
    assertThatThrownBy(() -> train(noTruth, data.concepts(), Map.of()))
        .hasMessageContaining("LaBo needs a language prior").hasMessageContaining("prior=none");
    assertThatThrownBy(() -> train(noTruth, data.concepts(), Map.of("prior", "ground-truth")))
        .hasMessageContaining("prior=ground-truth needs a dataset with ground truth");
    assertThatThrownBy(() -> train(oneShot, data.concepts(), Map.of("prior", "proposed-by")))
        .hasMessageContaining("none of the 200 concepts names one");
    assertThatThrownBy(() -> train(oneShot, data.concepts(), Map.of("select", "submodular", "prior", "none")))
        .hasMessageContaining("select=submodular picks among the concepts proposed for each class");
    assertThatThrownBy(() -> train(oneShot, null, Map.of())).hasMessageContaining("method 'labo' needs a concept set");
    assertThatThrownBy(() -> train(oneShot, data.concepts(), Map.of("prior", "llm")))
        .hasMessage("option 'prior' of method 'labo' must be one of auto, proposed-by, ground-truth, none, got 'llm'");
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsAndSeedsChangeMiniBatches() {
    Map<String, String> o = Map.of("epochs", "30");
    FewShotSplit four = FewShotProtocol.splits(data.dataset(), List.of(new Shots(8)), 1, 0).get(0);
    Dataset d = FewShotProtocol.apply(data.dataset(), four);
    TrainResult a = train(d, data.concepts(), o);
    TrainResult b = train(d, data.concepts(), o);
    assertThat(b.model().head().weight().data()).containsExactly(a.model().head().weight().data());
    TrainResult c = CbmMethods.train("labo", new TrainingInput(d, data.concepts(), 9), o, ProgressListener.NONE);
    assertThat(c.model().head().weight().data()).isNotEqualTo(a.model().head().weight().data());
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** The synthetic concepts, each proposed by the first class that truly has it (others by none). */
  static ConceptEmbeddings proposedByTrueClass() {
    List<Concept> out = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      String cls = null;
      for (int y = 0; y < 20 && cls == null; y++) {
        if (data.dataset().groundTruth().isTrue(y, k)) {
          cls = data.dataset().classNames().get(y);
        }
      }
      Concept c = data.concepts().concepts().get(k);
      out.add(new Concept(c.text(), c.source(), cls, c.metadata()));
    }
    return new ConceptEmbeddings(new ConceptSet(out), data.concepts().embeddings(), data.concepts().encoder());
  }

  /**
   * One candidate per (class, concept) pair of {@code ground}: "concept_017 (class_03)" proposed by
   * that class, with the concept's embedding. Class y's candidates are its ground set.
   */
  static ConceptEmbeddings withClasses(List<int[]> ground) {
    List<Concept> out = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int y = 0; y < ground.size(); y++) {
      String cls = data.dataset().classNames().get(y);
      for (int k : ground.get(y)) {
        out.add(new Concept(data.concepts().concepts().get(k).text() + " (" + cls + ")", "test", cls, Map.of()));
        rows.add(data.concepts().embeddings().row(k));
      }
    }
    return new ConceptEmbeddings(new ConceptSet(out), FloatMatrix.of(rows.toArray(new float[0][])), data.concepts().encoder());
  }
}
