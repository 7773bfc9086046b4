package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of the README's worked example, end to end on a small synthetic dataset. */
class CliWorkflowTest {
  @TempDir
  static Path tmp;

  static Path data;
  static Path model;

  @BeforeAll
  static void synthAndTrain() {
    data = tmp.resolve("data");
    model = tmp.resolve("model");
    CliRunner.Result s = CliRunner.run("synth", "--out", data.toString(), "--classes", "5", "--concepts", "40", "--items", "600",
        "--dim", "24", "--seed", "3");
    assertThat(s.exit()).as(s.err()).isZero();
    CliRunner.Result t = CliRunner.run("train", "--data", data.toString(), "--out", model.toString(), "--json");
    assertThat(t.exit()).as(t.err()).isZero();
    JsonNode j = t.json();
    assertThat(j.path("val_accuracy").asDouble()).isGreaterThan(0.8);
    assertThat(j.has("test_accuracy")).isTrue();
    assertThat(j.has("dense_val_accuracy")).isTrue();
    assertThat(j.path("nonzeros_per_class").size()).isEqualTo(5);
  }

  @Test
  void evaluateJsonReportsAccuracySparsityAndRecovery() {
    CliRunner.Result r = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.path("val_accuracy").asDouble()).isGreaterThan(0.8);
    assertThat(j.path("test_accuracy").asDouble()).isGreaterThan(0.8);
    assertThat(j.path("nonzeros_per_class").size()).isEqualTo(5);
    assertThat(j.path("true_concept_recovery").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.path("test_confusion").size()).isEqualTo(5);
    // Five classes are always in the top 5: no top-5 figure rather than a meaningless 100%.
    assertThat(j.path("test_top5_accuracy").isNull()).isTrue();
    assertThat(CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString()).out()).contains("top-5 n/a");
  }

  @Test
  void predictExplainAndInterveneOnADatasetItem() {
    CliRunner.Result p = CliRunner.run("predict", "--model", model.toString(), "--data", data.toString(), "--item", "item_007", "--json");
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.json().path("predicted").asText()).startsWith("class_");
    CliRunner.Result e = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--item", "item_007", "--json");
    assertThat(e.exit()).as(e.err()).isZero();
    JsonNode c = e.json().path("contributions");
    assertThat(c.size()).isPositive();
    String top = c.get(0).path("concept").asText();
    CliRunner.Result i = CliRunner.run("intervene", "--model", model.toString(), "--data", data.toString(), "--item", "item_007",
        "--set", top + "=-20", "--json");
    assertThat(i.exit()).as(i.err()).isZero();
    assertThat(i.json().path("interventions").get(0).path("after").asDouble()).isEqualTo(-20.0);
    CliRunner.Result twice = CliRunner.run("intervene", "--model", model.toString(), "--data", data.toString(), "--item", "item_007",
        "--zero", top, "--set", top + "=3");
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).contains("--zero " + top + " and --set " + top + "=3 both change concept");
    CliRunner.Result text = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--item", "item_007");
    assertThat(text.out()).contains("predicted").contains("activation");
  }

  @Test
  void explainAClassListsItsWeights() {
    CliRunner.Result r = CliRunner.run("explain", "--model", model.toString(), "--class", "class_2", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().path("weights").size()).isPositive();
  }

  @Test
  void editWritesANewModelWithTheEditInItsProvenanceAndReportsAccuracy() throws Exception {
    String concept = CliRunner.run("inspect", "--model", model.toString(), "--concepts").out().lines().findFirst().orElseThrow();
    Path out = tmp.resolve("edited");
    CliRunner.Result r = CliRunner.run("edit", "--model", model.toString(), "--out", out.toString(), "--remove", concept,
        "--data", data.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().path("val_accuracy_before").isNumber()).isTrue();
    assertThat(r.json().path("val_accuracy_after").isNumber()).isTrue();
    JsonNode manifest = CliRunner.run("inspect", "--model", out.toString()).json();
    JsonNode edit = manifest.path("provenance").path("edits").get(0);
    assertThat(edit.path("concept").asText()).isEqualTo(concept);
    assertThat(manifest.path("concepts").size()).isEqualTo(39);
    // The edited model's metrics are its own: measured again on --data, the accuracies in the edit record.
    JsonNode metrics = manifest.path("provenance").path("metrics");
    assertThat(metrics.path("val_accuracy").asDouble()).isEqualTo(r.json().path("val_accuracy_after").asDouble());
    assertThat(edit.path("val_accuracy_before").asDouble()).isEqualTo(r.json().path("val_accuracy_before").asDouble());
    assertThat(edit.path("val_accuracy_after").asDouble()).isEqualTo(r.json().path("val_accuracy_after").asDouble());
    int nonzeros = 0;
    for (JsonNode n : CliRunner.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json").json().path("nonzeros_per_class")) {
      nonzeros += n.asInt();
    }
    assertThat(metrics.path("nonzeros_total").asInt()).isEqualTo(nonzeros);
    // The ground truth indexes the dataset's 40 concepts; the edited model has 39, so no recovery
    // figure is matched position by position against the wrong concepts.
    JsonNode evaluated = CliRunner.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json").json();
    assertThat(evaluated.has("true_concept_recovery")).isFalse();
    assertThat(metrics.has("true_concept_recovery")).isFalse();
    // Without --data the parent's accuracies are kept apart, under before_edits, not shown as the edited model's.
    Path blind = tmp.resolve("edited-without-data");
    assertThat(CliRunner.run("edit", "--model", model.toString(), "--out", blind.toString(), "--remove", concept).exit()).isZero();
    JsonNode blindMetrics = CliRunner.run("inspect", "--model", blind.toString()).json().path("provenance").path("metrics");
    assertThat(blindMetrics.has("val_accuracy")).isFalse();
    assertThat(blindMetrics.path("before_edits").path("val_accuracy").asDouble())
        .isEqualTo(CliRunner.run("inspect", "--model", model.toString()).json().path("provenance").path("metrics").path("val_accuracy").asDouble());
    assertThat(blindMetrics.path("nonzeros_total").asInt()).isEqualTo(nonzeros);
  }

  @Test
  void inspectListsConceptsAsJson() {
    CliRunner.Result r = CliRunner.run("inspect", "--model", model.toString(), "--concepts", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().isArray()).isTrue();
    assertThat(r.json().size()).isEqualTo(40);
    assertThat(r.json().get(0).path("text").asText()).isNotBlank();
  }

  @Test
  void inspectPrintsProvenance() {
    JsonNode m = CliRunner.run("inspect", "--model", model.toString()).json();
    assertThat(m.path("formatVersion").asInt()).isEqualTo(1);
    assertThat(m.path("provenance").path("method").asText()).isEqualTo("sparse");
    assertThat(m.path("provenance").path("datasetFingerprint").asText()).hasSize(64);
    assertThat(m.path("tensors").path("sha256").asText()).hasSize(64);
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    for (String cmd : new String[] {"synth", "train", "predict", "explain", "intervene", "edit", "evaluate", "inspect", "methods"}) {
      CliRunner.Result r = CliRunner.run(cmd, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: glassbox " + cmd);
    }
    assertThat(CliRunner.run("methods").out()).contains("sparse").contains("max-per-class");
  }

  @Test
  void modelDirectoryHoldsExactlyTheArtifactFiles() throws Exception {
    try (var s = Files.list(model)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("manifest.json", "tensors.safetensors");
    }
  }
}
