package dev.glassbox.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
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

class ComparisonTest {
  static SynthData data;
  static ComparisonResult result;
  static List<String> log = new ArrayList<>();

  @BeforeAll
  static void run() {
    data = SynthGenerator.generate(SynthConfig.of(5, 30, 400, 16, 2).withNoise(1.5));
    List<String> methods = List.of("sparse", "labo", "probe", "cms");
    ComparisonSpec spec = new ComparisonSpec(methods,
        ComparisonSpec.parseOptions(List.of("labo.epochs=40", "sparse.path-length=10"), methods), Shots.parseList("1,2,all"), 2, 3);
    result = Comparison.run(spec, new TrainingInput(data.dataset(), data.concepts(), 0, data.classEmbeddings()), null,
        ProgressListener.NONE, log::add);
  }

  @Test
  void aDatasetWithoutTestItemsIsRefusedBeforeAnyRun() {
    var d = data.dataset();
    Split[] noTest = d.splits().clone();
    for (int i = 0; i < noTest.length; i++) {
      if (noTest[i] == Split.TEST) {
        noTest[i] = Split.VALIDATION;
      }
    }
    var without = new Dataset("no-test", d.classNames(), d.ids(), d.labels(), noTest, d.embeddings(), d.groundTruth(),
        d.metadata());
    ComparisonSpec spec = new ComparisonSpec(List.of("probe"), Map.of(), Shots.parseList("1"), 1, 3);
    assertThatThrownBy(() -> Comparison.run(spec, new TrainingInput(without, data.concepts(), 0), null,
        ProgressListener.NONE, l -> { })).hasMessageContaining("has no test items");
  }

  @Test
  void everyMethodHasACellAtEveryShotCount() {
    assertThat(result.cells()).hasSize(12);
    assertThat(result.runs()).hasSize(24);
    for (String m : List.of("sparse", "labo", "probe", "cms")) {
      for (Shots s : Shots.parseList("1,2,all")) {
        ComparisonResult.Cell c = result.cell(m, s);
        assertThat(c).as("%s at %s", m, s.label()).isNotNull();
        assertThat(c.runs()).isEqualTo(2);
        assertThat(c.accuracyMean()).isBetween(0.0, 1.0);
        assertThat(c.accuracyStd()).isGreaterThanOrEqualTo(0.0);
        assertThat(c.trainSecondsMedian()).isPositive();
      }
    }
    assertThat(log).hasSize(24).allMatch(l -> l.contains("test accuracy"));
  }

  @Test
  void pcbmLearnsItsConceptBankFromTheFullTrainingSplitAtOneShot() {
    // 4 classes × 1 shot = 4 class-labelled items, far below the 10 examples per side a CAV needs:
    // the concept bank comes from the concept annotations of the whole training split instead.
    SynthData small = SynthGenerator.generate(SynthConfig.of(4, 8, 1200, 16, 2).withNoise(1.5));
    List<String> methods = List.of("pcbm");
    ComparisonSpec spec = new ComparisonSpec(methods, ComparisonSpec.parseOptions(List.of(), methods), Shots.parseList("1"), 1, 3);
    TrainingInput input = new TrainingInput(small.dataset(), small.concepts(), 0, small.classEmbeddings());
    ComparisonResult r = Comparison.run(spec, input, null, ProgressListener.NONE, l -> { });
    assertThat(r.runs()).hasSize(1);
    assertThat(r.runs().get(0).testAccuracy()).isGreaterThan(0.4);
    // Without the full concept dataset, the same 1-shot data cannot train the bank.
    FewShotSplit split = FewShotProtocol.splits(small.dataset(), Shots.parseList("1"), 1, 3).get(0);
    TrainingInput alone = new TrainingInput(FewShotProtocol.apply(small.dataset(), split), small.concepts(), 0, small.classEmbeddings());
    assertThatThrownBy(() -> dev.glassbox.pipeline.CbmMethods.train("pcbm", alone, Map.of(), ProgressListener.NONE))
        .hasMessageContaining("CAV training needs at least 10 positive and 10 negative examples");
  }

  @Test
  void summariesAreMeanAndSampleStdOfTheRuns() {
    ComparisonResult.Cell c = result.cell("labo", new Shots(1));
    List<ComparisonResult.Run> rs = result.runs().stream().filter(r -> r.method().equals("labo") && r.shots().equals(new Shots(1))).toList();
    double a = rs.get(0).testAccuracy();
    double b = rs.get(1).testAccuracy();
    assertThat(c.accuracyMean()).isCloseTo((a + b) / 2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.accuracyStd()).isCloseTo(Math.abs(a - b) / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
    // Training-free CMS gives the same answer at every shot count and seed.
    assertThat(result.cell("cms", new Shots(1)).accuracyMean()).isEqualTo(result.cell("cms", Shots.ALL).accuracyMean());
    assertThat(result.cell("cms", new Shots(1)).accuracyStd()).isZero();
  }

  @Test
  void jsonAndHtmlCarryEveryMethodAndShot() {
    Map<String, Object> j = result.toJson();
    assertThat(j).containsKeys("dataset", "protocol", "methods", "table", "runs");
    assertThat((List<?>) j.get("table")).hasSize(12);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> methods = (List<Map<String, Object>>) j.get("methods");
    assertThat(methods).extracting(m -> m.get("name")).containsExactly("sparse", "labo", "probe", "cms");
    @SuppressWarnings("unchecked")
    Map<String, String> laboOpts = (Map<String, String>) methods.get(1).get("options");
    assertThat(laboOpts).containsEntry("epochs", "40").containsEntry("learning-rate", "5e-5");
    String html = ComparisonReport.html(result);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script").doesNotContain("http://cdn")
        .doesNotContain("https://");
    for (String m : List.of("sparse", "labo", "probe", "cms")) {
      assertThat(html).contains("data-method=\"" + m + "\"");
    }
    assertThat(html).contains("<th>1-shot</th>").contains("<th>2-shot</th>").contains("<th>all</th>");
  }

  @Test
  void badInputIsRefusedBeforeAnyRun() {
    TrainingInput in = new TrainingInput(data.dataset(), data.concepts(), 0, data.classEmbeddings());
    assertThatThrownBy(() -> Comparison.run(new ComparisonSpec(List.of("labo", "nope"), Map.of(), List.of(Shots.ALL), 1, 0), in, null,
        ProgressListener.NONE, s -> {})).hasMessageStartingWith("unknown method 'nope'; available: ").hasMessageContaining("labo");
    assertThatThrownBy(() -> ComparisonSpec.parseOptions(List.of("pcbm.lam=1"), List.of("labo")))
        .hasMessage("setting 'pcbm.lam=1' is for method 'pcbm', which is not among the compared methods [labo]");
    assertThatThrownBy(() -> ComparisonSpec.parseOptions(List.of("epochs=1"), List.of("labo")))
        .hasMessageContaining("is not of the form method.option=value");
    assertThatThrownBy(() -> Comparison.run(new ComparisonSpec(List.of("labo"), Map.of("labo", Map.of("epoch", "3")), List.of(Shots.ALL), 1, 0),
        in, null, ProgressListener.NONE, s -> {})).hasMessageContaining("method 'labo' has no option 'epoch'");
    assertThatThrownBy(() -> Comparison.run(new ComparisonSpec(List.of("probe"), Map.of(), Shots.parseList("1000"), 1, 0),
        in, null, ProgressListener.NONE, s -> {})).hasMessageContaining("shots 1000 needs 1000 training items in every class");
    TrainingInput noClassEmb = new TrainingInput(data.dataset(), data.concepts(), 0);
    assertThatThrownBy(() -> Comparison.run(new ComparisonSpec(List.of("cms"), Map.of(), List.of(Shots.ALL), 1, 0),
        noClassEmb, null, ProgressListener.NONE, s -> {}))
        .hasMessageStartingWith("method 'cms' failed at all shots, seed 0: method 'cms' needs the class names' text embeddings");
  }
}
