package dev.glassbox.methods.pcbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import dev.glassbox.testing.Rand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CavTrainerTest {
  static SynthData data;
  static List<ConceptExamples> examples;
  static ConceptBank bank;

  @TempDir
  Path tmp;

  @BeforeAll
  static void train() {
    data = SynthGenerator.generate(SynthConfig.of(6, 12, 3000, 32, 2));
    var d = data.dataset();
    examples = ConceptExamples.fromGroundTruth(d, data.concepts().concepts(), d.indices(Split.TRAIN));
    bank = new CavTrainer(CavConfig.defaults()).fit(examples, Map.of(), 7, ProgressListener.NONE);
  }

  @Test
  void groundTruthExamplesFollowItemPresence() {
    var d = data.dataset();
    int[] tr = d.indices(Split.TRAIN);
    ConceptExamples e = examples.get(3);
    assertThat(e.concept()).isEqualTo(data.concepts().concepts().get(3).text());
    assertThat(e.positives().length + e.negatives().length).isEqualTo(tr.length);
    for (int r : e.positives()) {
      assertThat(d.groundTruth().itemConcepts().get(tr[r], 3)).isEqualTo(1f);
    }
    for (int r : e.negatives()) {
      assertThat(d.groundTruth().itemConcepts().get(tr[r], 3)).isEqualTo(0f);
    }
  }

  @Test
  void cavsAreUnitNormalsAlignedWithTheTrueDirections() {
    FloatMatrix cos = Kernels.multiplyTransposed(bank.directions(), data.directions());
    for (int j = 0; j < bank.size(); j++) {
      assertThat(Matrices.rowNorms(bank.directions())[j]).isCloseTo(1f, offset(1e-5f));
      assertThat(cos.get(j, j)).as("concept %d", j).isGreaterThan(0.6f);
      CavRecord r = bank.records().get(j);
      assertThat(r.valAccuracy()).isGreaterThan(0.6);
      assertThat(r.c()).isIn(0.01, 0.1);
      assertThat(r.valAccuracyPerC()).hasSize(2).contains(r.valAccuracy());
      assertThat(r.converged()).isTrue();
      MarginStatistics m = r.margins();
      assertThat(m.positiveMean()).isPositive();
      assertThat(m.negativeMean()).isNegative();
      assertThat(m.min()).isLessThanOrEqualTo(m.q10());
      assertThat(m.q10()).isLessThan(m.q90());
      assertThat(m.q90()).isLessThanOrEqualTo(m.max());
      // 2·n per side drawn: n to train, n to validate; all are measured.
      assertThat(m.positiveCount()).isEqualTo(100);
      assertThat(m.negativeCount()).isEqualTo(100);
    }
  }

  @Test
  void bottleneckScoreIsTheSignedGeometricMargin() {
    var b = bank.bottleneck();
    float[] x = data.dataset().embeddingsOf(new int[] {11}).data();
    float[] acts = b.activate(x);
    for (int j = 0; j < bank.size(); j++) {
      double expected = bank.records().get(j).intercept();
      for (int p = 0; p < x.length; p++) {
        expected += bank.directions().get(j, p) * x[p];
      }
      assertThat((double) acts[j]).isCloseTo(expected, offset(1e-4));
    }
    assertThat(b.scoring()).isEqualTo(dev.glassbox.bottleneck.Scoring.DOT);
    assertThat(b.standardization()).isNull();
  }

  @Test
  void sameSeedGivesTheSameBankAndAnotherSeedAnother() {
    ConceptBank again = new CavTrainer(CavConfig.defaults()).fit(examples, Map.of(), 7, ProgressListener.NONE);
    ConceptBank other = new CavTrainer(CavConfig.defaults()).fit(examples, Map.of(), 8, ProgressListener.NONE);
    assertThat(again.directions()).isEqualTo(bank.directions());
    assertThat(again.intercepts()).containsExactly(bank.intercepts());
    assertThat(other.directions()).isNotEqualTo(bank.directions());
  }

  @Test
  void shortSidesAreDrawnWithReplacement() {
    FloatMatrix pos = Rand.gaussian(30, 4, 1);
    FloatMatrix neg = Rand.gaussian(300, 4, 2);
    for (int i = 0; i < 30; i++) {
      pos.data()[i * 4] += 3;
    }
    ConceptBank b = new CavTrainer(CavConfig.defaults()).fit(List.of(ConceptExamples.of("striped", pos, neg)), Map.of(), 1, ProgressListener.NONE);
    assertThat(b.records().get(0).margins().positiveCount()).isEqualTo(100);
    assertThat(b.concepts().get(0).source()).isEqualTo("cav");
    assertThat(b.directions().get(0, 0)).isGreaterThan(0.8f);
  }

  @Test
  void knownConceptsKeepTheirSourceAndMetadata() {
    FloatMatrix pos = Rand.gaussian(20, 3, 3);
    FloatMatrix neg = Rand.gaussian(20, 3, 4);
    Concept known = new Concept("striped", "llm", "zebra", Map.of("prompt", "p1"));
    ConceptBank b = new CavTrainer(CavConfig.defaults()).fit(List.of(ConceptExamples.of("striped", pos, neg)), Map.of("striped", known), 1,
        ProgressListener.NONE);
    assertThat(b.concepts().get(0)).isEqualTo(known);
  }

  @Test
  void refusesConceptsWithTooFewExamplesNamingThem() {
    FloatMatrix many = Rand.gaussian(50, 3, 5);
    List<ConceptExamples> ex = List.of(
        ConceptExamples.of("yellow crown", many, many),
        ConceptExamples.of("hooked bill", Rand.gaussian(4, 3, 6), many),
        ConceptExamples.of("red eye", many, Rand.gaussian(9, 3, 7)));
    assertThatThrownBy(() -> new CavTrainer(CavConfig.defaults()).fit(ex, Map.of(), 1, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CAV training needs at least 10 positive and 10 negative examples per concept, but 2 concepts have fewer: "
            + "\"hooked bill\" (4 positive, 50 negative), \"red eye\" (50 positive, 9 negative); add examples, leave those concepts out, "
            + "or lower min-examples");
  }

  @Test
  void repeatedRowsDoNotCountAsDistinctExamples() {
    FloatMatrix pool = Rand.gaussian(40, 3, 8);
    int[] pos = new int[30];
    java.util.Arrays.fill(pos, 2);
    int[] neg = java.util.stream.IntStream.range(3, 40).toArray();
    assertThatThrownBy(() -> new CavTrainer(CavConfig.defaults()).fit(List.of(new ConceptExamples("spots", pool, pos, neg)), Map.of(), 1,
        ProgressListener.NONE)).hasMessageContaining("\"spots\" (1 positive, 37 negative)");
  }

  @Test
  void textBankHoldsNormalisedTextEmbeddingsWithZeroIntercepts() {
    FloatMatrix t = FloatMatrix.of(new float[][] {{3, 4}, {0, 2}});
    ConceptBank b = ConceptBank.fromText(new ConceptEmbeddings(ConceptSet.ofTexts(List.of("a", "b")), t, null));
    assertThat(b.kind()).isEqualTo("text");
    assertThat(b.directions().row(0)).containsExactly(0.6f, 0.8f);
    assertThat(b.intercepts()).containsOnly(0f);
    // Image embeddings are not normalised: the score scales with the input.
    assertThat(b.bottleneck().activate(new float[] {10, 0})[0]).isCloseTo(6f, offset(1e-6f));
    assertThat(b.records()).isEmpty();
  }

  @Test
  void exampleFileResolvesIdsAndDefaultsNegativesToOtherConcepts() throws Exception {
    var d = data.dataset();
    Path f = tmp.resolve("examples.tsv");
    Files.writeString(f, String.join("\n",
        "# concept\tside\tid",
        "striped\t+\t" + d.ids().get(0),
        "striped\t+\t" + d.ids().get(1),
        "striped\t-\t" + d.ids().get(2),
        "",
        "spotted\tpos\t" + d.ids().get(3),
        "spotted\t1\t" + d.ids().get(0)));
    ConceptExampleFile file = ConceptExampleFile.read(f);
    assertThat(file.concepts()).containsExactly("striped", "spotted");
    List<ConceptExamples> ex = file.resolve(d);
    assertThat(ex.get(0).positives()).hasSize(2);
    assertThat(ex.get(0).negatives()).hasSize(1);
    // spotted lists no negatives: every other listed item (ids 1 and 2) is one.
    assertThat(ex.get(1).negatives()).hasSize(2);
    float[] row = ex.get(1).pool().row(ex.get(1).positives()[0]);
    assertThat(row).containsExactly(d.embeddingsOf(new int[] {3}).data());
  }

  @Test
  void exampleFileErrorsNameTheLineOrTheItem() throws Exception {
    Path bad = tmp.resolve("bad.tsv");
    Files.writeString(bad, "striped\t+\titem_0001\nstriped\tmaybe\titem_0002\n");
    assertThatThrownBy(() -> ConceptExampleFile.read(bad)).hasMessage(bad + " line 2: side must be + or -, got 'maybe'");
    Path unknown = tmp.resolve("unknown.tsv");
    Files.writeString(unknown, "striped\t+\tno_such_item\n");
    assertThatThrownBy(() -> ConceptExampleFile.read(unknown).resolve(data.dataset()))
        .hasMessage("concept examples name item \"no_such_item\" (concept \"striped\"), which dataset 'synth' does not have");
    Path fields = tmp.resolve("fields.tsv");
    Files.writeString(fields, "striped + item_0001\n");
    assertThatThrownBy(() -> ConceptExampleFile.read(fields)).hasMessageContaining("line 1: expected 3 tab-separated fields");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> CavConfig.defaults().withCGrid(new double[] {0.1, -1})).hasMessage("CAV cGrid must be all > 0, got [0.1, -1.0]");
    assertThatThrownBy(() -> CavConfig.defaults().withSamplesPerSide(0)).hasMessage("CAV samplesPerSide must be ≥ 1, got 0");
  }

  @Test
  void groundTruthIsRequiredForDerivedExamples() {
    var d = data.dataset();
    var plain = new dev.glassbox.data.Dataset("plain", d.classNames(), d.ids(), d.labels(), d.splits(), d.embeddings(), null, Map.of());
    assertThatThrownBy(() -> ConceptExamples.fromGroundTruth(plain, data.concepts().concepts(), new int[] {0}))
        .hasMessageContaining("dataset 'plain' has no per-item concept ground truth");
    Map<String, Concept> none = new HashMap<>();
    assertThat(none).isEmpty();
  }
}
