package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox compare} end to end, and the new methods through train, explain and evaluate. */
class CompareCommandTest {
  @TempDir
  static Path tmp;

  static Path data;
  static Path out;
  static CliRunner.Result compare;

  @BeforeAll
  static void synthAndCompare() {
    data = tmp.resolve("data");
    out = tmp.resolve("cmp");
    CliRunner.Result s = CliRunner.run("synth", "--out", data.toString(), "--classes", "5", "--concepts", "30", "--items", "500",
        "--dim", "16", "--seed", "4", "--noise", "1.5");
    assertThat(s.exit()).as(s.err()).isZero();
    compare = CliRunner.run("compare", "--data", data.toString(), "--methods", "sparse,labo,probe,cms", "--shots", "1,4,all", "--seeds", "2",
        "--out", out.toString(), "--set", "labo.epochs=40", "--set", "sparse.path-length=10", "--json");
    assertThat(compare.exit()).as(compare.err()).isZero();
  }

  @Test
  void writesJsonHtmlAndSplitsWithEveryMethodAndShot() throws Exception {
    JsonNode j = Json.read(out.resolve("comparison.json"));
    assertThat(compare.json()).isEqualTo(j);
    assertThat(j.path("table").size()).isEqualTo(12);
    List<String> cells = new ArrayList<>();
    j.path("table").forEach(c -> cells.add(c.path("method").asText() + "@" + c.path("shots").asText()));
    for (String m : List.of("sparse", "labo", "probe", "cms")) {
      for (String s : List.of("1", "4", "all")) {
        assertThat(cells).contains(m + "@" + s);
      }
    }
    j.path("table").forEach(c -> {
      assertThat(c.path("test_accuracy_mean").asDouble()).isBetween(0.0, 1.0);
      assertThat(c.has("test_accuracy_std")).isTrue();
      assertThat(c.has("nonzeros_mean")).isTrue();
      assertThat(c.has("coverage_mean")).isTrue();
      assertThat(c.path("train_seconds_median").asDouble()).isPositive();
    });
    assertThat(j.path("runs").size()).isEqualTo(24);
    String html = Files.readString(out.resolve("comparison.html"));
    assertThat(html).contains("<svg").contains("data-method=\"labo\"").contains("data-method=\"cms\"").doesNotContain("<script");
    try (var files = Files.list(out.resolve("splits"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "shots-1-seed-0.json", "shots-1-seed-1.json", "shots-4-seed-0.json", "shots-4-seed-1.json", "shots-all-seed-0.json",
          "shots-all-seed-1.json");
    }
    assertThat(compare.err()).contains("labo, 1 shots, seed 0: test accuracy");
  }

  @Test
  void replayingTheSavedSplitsReproducesTheResults() throws Exception {
    Path again = tmp.resolve("replay");
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "labo,probe", "--splits",
        out.resolve("splits").toString(), "--out", again.toString(), "--set", "labo.epochs=40", "--json", "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode first = Json.read(out.resolve("comparison.json"));
    JsonNode second = r.json();
    for (JsonNode run : second.path("runs")) {
      JsonNode match = null;
      for (JsonNode o : first.path("runs")) {
        if (o.path("method").equals(run.path("method")) && o.path("shots").equals(run.path("shots"))
            && o.path("seedIndex").equals(run.path("seedIndex"))) {
          match = o;
        }
      }
      assertThat(match).isNotNull();
      assertThat(run.path("test_accuracy").asDouble()).isEqualTo(match.path("test_accuracy").asDouble());
      assertThat(run.path("seed").asLong()).isEqualTo(match.path("seed").asLong());
    }
    assertThat(second.path("runs").size()).isEqualTo(12);
  }

  @Test
  void textOutputIsATable() {
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "cms,probe", "--shots", "2,all", "--seeds", "1",
        "--out", tmp.resolve("text").toString(), "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("method").contains("2-shot").contains("cms").contains("probe").contains("±").contains("comparison.html");
  }

  @Test
  void unknownMethodIsAClearError() {
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "labo,lasso", "--out", tmp.resolve("x1").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("glassbox compare: usage error: Invalid value for option '--methods': unknown method 'lasso'; available: ")
        .contains("cms").contains("labo");
    assertThat(tmp.resolve("x1")).doesNotExist();
  }

  @Test
  void moreShotsThanAClassHasIsAClearError() {
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "probe", "--shots", "1,500", "--out",
        tmp.resolve("x2").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("shots 500 needs 500 training items in every class, but class").contains("use shot counts ≤");
    assertThat(tmp.resolve("x2")).doesNotExist();
  }

  @Test
  void cmsWithoutClassEmbeddingsIsAClearError() throws Exception {
    Path noClasses = tmp.resolve("no-classes");
    Files.createDirectory(noClasses);
    try (var s = Files.list(data)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().equals(DatasetStore.CLASS_EMBEDDINGS)) {
          Files.copy(p, noClasses.resolve(p.getFileName()));
        }
      }
    }
    CliRunner.Result r = CliRunner.run("compare", "--data", noClasses.toString(), "--methods", "probe,cms", "--shots", "1", "--seeds", "1",
        "--out", tmp.resolve("x3").toString(), "--quiet");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("method 'cms' failed at 1 shots, seed 0: method 'cms' needs the class names' text embeddings (class_embeddings.npy");
    CliRunner.Result t = CliRunner.run("train", "--data", noClasses.toString(), "--method", "cms", "--out", tmp.resolve("x4").toString());
    assertThat(t.exit()).isEqualTo(1);
    assertThat(t.err()).contains("class_embeddings.npy");
  }

  @Test
  void badSettingsAreUsageOrInputErrors() {
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "labo", "--set", "probe.c=1", "--out",
        tmp.resolve("x5").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("setting 'probe.c=1' is for method 'probe', which is not among the compared methods [labo]");
    CliRunner.Result m = CliRunner.run("compare", "--data", data.toString(), "--out", tmp.resolve("x6").toString());
    assertThat(m.exit()).isEqualTo(2);
  }

  @Test
  void newMethodsTrainAndTheirModelsExplainAndEvaluate() {
    for (String[] m : new String[][] {{"labo", "epochs=30"}, {"probe", "search-steps=2"}, {"cms", "variant=max-score"}}) {
      Path model = tmp.resolve("model-" + m[0]);
      CliRunner.Result t = CliRunner.run("train", "--data", data.toString(), "--method", m[0], "--set", m[1], "--out", model.toString(), "--json");
      assertThat(t.exit()).as(t.err()).isZero();
      assertThat(t.json().path("method").asText()).isEqualTo(m[0]);
      assertThat(t.json().path("test_accuracy").asDouble()).isGreaterThan(0.4);
      CliRunner.Result e = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--item", "item_007", "--json");
      assertThat(e.exit()).as(e.err()).isZero();
      assertThat(e.json().path("contributions").size()).isPositive();
      CliRunner.Result v = CliRunner.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
      assertThat(v.exit()).as(v.err()).isZero();
      assertThat(v.json().path("test_accuracy").asDouble()).isEqualTo(t.json().path("test_accuracy").asDouble());
    }
  }

  @Test
  void outOfRangeShotsSeedsAndSettingsAreUsageErrors() {
    String[][] bad = {
        {"--shots", "0"}, {"--shots", "1,-4"}, {"--shots", "many"}, {"--seeds", "0"}, {"--seeds", "-1"},
        {"--set", "probe.c=NaN"}, {"--set", "probe.no-such=1"}, {"--set", "probe.c"}};
    for (String[] b : bad) {
      Path o = tmp.resolve("bad-" + Math.abs(String.join(" ", b).hashCode()));
      List<String> args = new ArrayList<>(List.of("compare", "--data", data.toString(), "--methods", "probe", "--out", o.toString(), "--quiet"));
      args.addAll(List.of(b));
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", b) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("glassbox compare: usage error: ").contains(b[0]);
      assertThat(o).doesNotExist();
    }
  }

  @Test
  void aSettingItsMethodRefusesIsFollowedByTheSettingsGiven() {
    Path o = tmp.resolve("alpha-2");
    CliRunner.Result r = CliRunner.run("compare", "--data", data.toString(), "--methods", "probe,sparse", "--shots", "1", "--seeds", "1",
        "--out", o.toString(), "--quiet", "--set", "sparse.alpha=2");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("elastic-net alpha must be in (0, 1], got 2.0").contains("(settings given: --set sparse.alpha=2)");
    assertThat(o).doesNotExist();
  }
}
