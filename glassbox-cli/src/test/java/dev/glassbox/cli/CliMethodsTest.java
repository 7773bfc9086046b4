package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Post-hoc CBM, its hybrid and Discover-then-Name through the command line: train, explain, evaluate, edit. */
class CliMethodsTest {
  @TempDir
  static Path tmp;

  static Path data;

  @BeforeAll
  static void synth() {
    data = tmp.resolve("data");
    CliRunner.Result s = CliRunner.run("synth", "--out", data.toString(), "--classes", "5", "--concepts", "20", "--items", "1500",
        "--dim", "16", "--seed", "4");
    assertThat(s.exit()).as(s.err()).isZero();
  }

  static String[] trainArgs(String method, Path out) {
    return switch (method) {
      case "dncbm" -> new String[] {"train", "--data", data.toString(), "--out", out.toString(), "--method", method, "--json",
          "--set", "epochs=10", "--set", "batch-size=256", "--set", "expansion=2", "--set", "l1=0.05", "--set", "probe-epochs=20"};
      case "pcbm-h" -> new String[] {"train", "--data", data.toString(), "--out", out.toString(), "--method", method, "--json",
          "--set", "min-examples=5", "--set", "residual-epochs=5"};
      default -> new String[] {"train", "--data", data.toString(), "--out", out.toString(), "--method", method, "--json",
          "--set", "min-examples=5"};
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcbm", "pcbm-h", "dncbm"})
  void trainExplainEvaluateAndEdit(String method) {
    Path model = tmp.resolve("model-" + method);
    CliRunner.Result t = CliRunner.run(trainArgs(method, model));
    assertThat(t.exit()).as(t.err()).isZero();
    JsonNode j = t.json();
    assertThat(j.path("method").asText()).isEqualTo(method);
    assertThat(j.path("val_accuracy").asDouble()).isGreaterThan(0.6);
    assertThat(j.has("converged")).isTrue();
    if (method.equals("dncbm")) {
      assertThat(j.path("reconstruction_r2").isNumber()).isTrue();
      assertThat(j.path("dead_atom_share").isNumber()).isTrue();
    }

    CliRunner.Result e = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--item", "item_0007", "--json");
    assertThat(e.exit()).as(e.err()).isZero();
    assertThat(e.json().path("contributions").size()).isPositive();

    CliRunner.Result ev = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
    assertThat(ev.exit()).as(ev.err()).isZero();
    assertThat(ev.json().path("test_accuracy").asDouble()).isEqualTo(j.path("test_accuracy").asDouble());

    String concept = e.json().path("contributions").get(0).path("concept").asText();
    Path edited = tmp.resolve("edited-" + method);
    CliRunner.Result ed = CliRunner.run("edit", "--model", model.toString(), "--out", edited.toString(), "--zero-renormalize", concept,
        "--data", data.toString(), "--json");
    assertThat(ed.exit()).as(ed.err()).isZero();
    assertThat(ed.json().path("edits").get(0).path("edit").asText()).isEqualTo("zero-renormalize");
  }
}
