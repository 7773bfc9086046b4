package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation issue's acceptance through the CLI forms it names: synth (20 classes, 200
 * concepts, 10,000 items, 128-d) → train --json → evaluate --json.
 */
@Tag("heavy")
class FoundationAcceptanceTest {
  @TempDir
  Path tmp;

  @Test
  void sparseModelIsAccurateSparseAndRecoversTheTrueConcepts() {
    Path data = tmp.resolve("data");
    Path model = tmp.resolve("model");
    assertThat(CliRunner.run("synth", "--out", data.toString(), "--classes", "20", "--concepts", "200", "--items", "10000",
        "--dim", "128", "--seed", "7").exit()).isZero();
    CliRunner.Result t = CliRunner.run("train", "--data", data.toString(), "--out", model.toString(), "--json");
    assertThat(t.exit()).as(t.err()).isZero();
    JsonNode tj = t.json();
    assertThat(tj.path("val_accuracy").asDouble()).isGreaterThanOrEqualTo(tj.path("dense_val_accuracy").asDouble() - 0.02);
    for (JsonNode nz : tj.path("nonzeros_per_class")) {
      assertThat(nz.asInt()).isLessThanOrEqualTo(10);
    }
    CliRunner.Result e = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
    assertThat(e.exit()).as(e.err()).isZero();
    JsonNode ej = e.json();
    assertThat(ej.path("true_concept_recovery").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(ej.path("val_accuracy").asDouble()).isEqualTo(tj.path("val_accuracy").asDouble());
    assertThat(ej.path("test_accuracy").asDouble()).isEqualTo(tj.path("test_accuracy").asDouble());
  }
}
