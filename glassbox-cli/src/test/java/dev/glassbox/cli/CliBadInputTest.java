package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command given bad input exits 1 or 2, names the input, and leaves nothing half-written. */
class CliBadInputTest {
  @TempDir
  static Path tmp;

  static Path good;
  static Path model;

  @BeforeAll
  static void setUp() {
    good = tmp.resolve("good");
    model = tmp.resolve("model");
    assertThat(CliRunner.run("synth", "--out", good.toString(), "--classes", "3", "--concepts", "10", "--items", "120", "--dim", "8").exit()).isZero();
    assertThat(CliRunner.run("train", "--data", good.toString(), "--out", model.toString(), "--quiet").exit()).isZero();
  }

  /** A fresh copy of the good dataset to break. */
  static Path copy(String name) throws Exception {
    Path d = tmp.resolve(name);
    Files.createDirectory(d);
    try (var s = Files.list(good)) {
      for (Path p : s.toList()) {
        Files.copy(p, d.resolve(p.getFileName()));
      }
    }
    return d;
  }

  static void assertTrainFails(Path data, String... expected) {
    Path out = tmp.resolve("out-" + data.getFileName());
    CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    for (String e : expected) {
      assertThat(r.err()).contains(e);
    }
    assertThat(r.err()).startsWith("glassbox train: error: ");
    assertThat(out).doesNotExist();
  }

  @Test
  void missingDataDirectory() {
    assertTrainFails(tmp.resolve("nope"), "nope", "no such dataset directory");
  }

  @Test
  void wrongDtype() throws Exception {
    Path d = copy("dtype");
    Npy.writeLongs(d.resolve(DatasetStore.EMBEDDINGS), new long[120]);
    assertTrainFails(d, "embeddings.npy", "<i8");
  }

  @Test
  void mismatchedDimensions() throws Exception {
    Path d = copy("dims");
    Npy.write(d.resolve(DatasetStore.CONCEPT_EMBEDDINGS), FloatMatrix.zeros(10, 7), NpyDtype.FLOAT32);
    assertTrainFails(d, "concept_embeddings.npy", "7-d", "8-d");
  }

  @Test
  void nanInEmbeddings() throws Exception {
    Path d = copy("nan");
    FloatMatrix e = Npy.readMatrix(d.resolve(DatasetStore.EMBEDDINGS));
    e.set(5, 1, Float.NaN);
    Npy.write(d.resolve(DatasetStore.EMBEDDINGS), e, NpyDtype.FLOAT32);
    assertTrainFails(d, "embeddings.npy row 5", "NaN");
  }

  @Test
  void classWithNoItems() throws Exception {
    Path d = copy("empty-class");
    Files.writeString(d.resolve(DatasetStore.CLASSES), "class_0\nclass_1\nclass_2\nheron\n");
    assertTrainFails(d, "class \"heron\"", "has no items");
  }

  @Test
  void unknownClassInIndex() throws Exception {
    Path d = copy("unknown-class");
    List<String> lines = Files.readAllLines(d.resolve(DatasetStore.INDEX));
    lines.set(0, lines.get(0).replaceAll("\"label\":\"[^\"]+\"", "\"label\":\"dragon\""));
    Files.write(d.resolve(DatasetStore.INDEX), lines);
    assertTrainFails(d, "index.jsonl line 1", "dragon");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRunner.Result r = CliRunner.run("train", "--data", good.toString(), "--out", tmp.resolve("x").toString(), "--bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--bogus");
  }

  @Test
  void unknownMethodOptionFailsBeforeTraining() {
    Path out = tmp.resolve("never");
    CliRunner.Result r = CliRunner.run("train", "--data", good.toString(), "--out", out.toString(), "--set", "alpah=0.5");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("method 'sparse' has no option 'alpah'");
    assertThat(out).doesNotExist();
  }

  @Test
  void existingOutputIsNotOverwrittenWithoutForce() {
    CliRunner.Result r = CliRunner.run("train", "--data", good.toString(), "--out", model.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("already exists").contains("--force");
  }

  @Test
  void missingModel() {
    for (String cmd : new String[] {"evaluate", "predict", "explain", "inspect"}) {
      CliRunner.Result r = cmd.equals("inspect")
          ? CliRunner.run(cmd, "--model", tmp.resolve("ghost").toString())
          : cmd.equals("evaluate")
              ? CliRunner.run(cmd, "--model", tmp.resolve("ghost").toString(), "--data", good.toString())
              : CliRunner.run(cmd, "--model", tmp.resolve("ghost").toString(), "--data", good.toString(), "--item", "item_001");
      assertThat(r.exit()).as(cmd).isEqualTo(1);
      assertThat(r.err()).as(cmd).contains("ghost").contains("no such model directory");
    }
  }

  @Test
  void wrongEmbeddingDimensionForPredict() {
    CliRunner.Result r = CliRunner.run("predict", "--model", model.toString(), "--embedding", "1,2,3");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("embedding has 3 values but the model expects 8");
  }

  @Test
  void nanEmbeddingForExplain() {
    CliRunner.Result r = CliRunner.run("explain", "--model", model.toString(), "--embedding", "1,2,3,NaN,5,6,7,8");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("embedding value 3 is NaN");
  }

  @Test
  void editOfAnUnknownConceptWritesNothing() {
    Path out = tmp.resolve("edit-out");
    CliRunner.Result r = CliRunner.run("edit", "--model", model.toString(), "--out", out.toString(), "--zero", "unicorn horn");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no concept \"unicorn horn\"");
    assertThat(out).doesNotExist();
  }

  @Test
  void interveneOnAnUnknownConcept() {
    CliRunner.Result r = CliRunner.run("intervene", "--model", model.toString(), "--data", good.toString(), "--item", "item_001", "--zero", "wings");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no concept \"wings\"");
  }

  @Test
  void synthIntoAnUnwritableLocation() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    CliRunner.Result r = CliRunner.run("synth", "--out", file.resolve("sub").toString(), "--classes", "3", "--items", "30", "--concepts", "5", "--dim", "4");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("a-file");
  }

  @Test
  void badSynthSizes() {
    CliRunner.Result r = CliRunner.run("synth", "--out", tmp.resolve("s").toString(), "--classes", "20", "--items", "10");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("synth items must be ≥ 3 × classes (60), got 10");
    assertThat(tmp.resolve("s")).doesNotExist();
  }

  @Test
  void evaluateOnDataWithOtherClasses() throws Exception {
    Path other = tmp.resolve("other");
    assertThat(CliRunner.run("synth", "--out", other.toString(), "--classes", "4", "--concepts", "10", "--items", "120", "--dim", "8").exit()).isZero();
    CliRunner.Result r = CliRunner.run("evaluate", "--model", model.toString(), "--data", other.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("differ from the dataset's");
  }

  /** Runs {@code train} on the good dataset with {@code args} and asserts a usage error (exit 2) mentioning {@code expected}, with nothing written. */
  static CliRunner.Result assertTrainUsageError(String[] args, String... expected) {
    Path out = tmp.resolve("usage-" + Math.abs(String.join(" ", args).hashCode()));
    List<String> all = new java.util.ArrayList<>(List.of("train", "--data", good.toString(), "--out", out.toString(), "--quiet"));
    all.addAll(List.of(args));
    CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("glassbox train: usage error: ");
    for (String e : expected) {
      assertThat(r.err()).contains(e);
    }
    assertThat(out).doesNotExist();
    return r;
  }

  @Test
  void reweightingIntoFloatOverflowWritesNothing() throws Exception {
    var m = ModelStore.load(model);
    float[] w = m.head().weight().data();
    int j = 0;
    while (w[j] == 0f) {
      j++;
    }
    String concept = m.concepts().get(j % m.numConcepts()).text();
    Path out = tmp.resolve("edit-overflow");
    CliRunner.Result r = CliRunner.run("edit", "--model", model.toString(), "--out", out.toString(), "--reweight", concept + "=1e39");
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.err()).contains("re-weighting concept \"" + concept + "\" by 1.0E39 overflows").contains("beyond the largest float");
    assertThat(out).doesNotExist();
  }

  @Test
  void nonFiniteSynthNoiseIsAUsageError() {
    for (String v : new String[] {"Infinity", "NaN", "-1"}) {
      Path out = tmp.resolve("noise-" + v);
      CliRunner.Result r = CliRunner.run("synth", "--out", out.toString(), "--classes", "3", "--concepts", "10", "--items", "60", "--dim", "4",
          "--noise", v);
      assertThat(r.exit()).as(v).isEqualTo(2);
      assertThat(r.err()).contains("Invalid value for option '--noise'").contains("expected ≥ 0 and finite");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void tooFewSynthConceptsNameTheOption() {
    Path out = tmp.resolve("two-concepts");
    CliRunner.Result r = CliRunner.run("synth", "--out", out.toString(), "--classes", "3", "--concepts", "2", "--items", "60", "--dim", "4");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Invalid value for option '--concepts': 2 (expected ≥ 3: every class has 3 to 5 true concepts)")
        .doesNotContain("minTruePerClass");
    assertThat(out).doesNotExist();
    CliRunner.Result four = CliRunner.run("synth", "--out", tmp.resolve("four-concepts").toString(), "--classes", "3", "--concepts", "4",
        "--items", "60", "--dim", "4");
    assertThat(four.exit()).as(four.err()).isZero();
  }

  @Test
  void importRefusesFractionsOutsideZeroToOne() throws Exception {
    Path src = tmp.resolve("import-src");
    Files.createDirectories(src);
    FloatMatrix x = FloatMatrix.zeros(30, 4);
    for (int i = 0; i < 30; i++) {
      x.set(i, i % 4, 1f);
    }
    Npy.write(src.resolve("emb.npy"), x, NpyDtype.FLOAT32);
    long[] y = new long[30];
    for (int i = 0; i < 30; i++) {
      y[i] = i % 3;
    }
    Npy.writeLongs(src.resolve("y.npy"), y);
    String[][] bad = {{"--val-fraction", "NaN"}, {"--test-fraction", "NaN"}, {"--val-fraction", "-0.1"}, {"--test-fraction", "1"},
        {"--val-fraction", "Infinity"}};
    for (String[] b : bad) {
      Path out = tmp.resolve("import-" + b[0].substring(2) + b[1]);
      CliRunner.Result r = CliRunner.run("import", "--embeddings", src.resolve("emb.npy").toString(), "--labels", src.resolve("y.npy").toString(),
          "--out", out.toString(), b[0], b[1]);
      assertThat(r.exit()).as(String.join(" ", b)).isEqualTo(2);
      assertThat(r.err()).contains("Invalid value for option '" + b[0] + "': " + Double.parseDouble(b[1]) + " (expected a share of each class in [0, 1))");
      assertThat(out).doesNotExist();
    }
    CliRunner.Result sum = CliRunner.run("import", "--embeddings", src.resolve("emb.npy").toString(), "--labels", src.resolve("y.npy").toString(),
        "--out", tmp.resolve("import-sum").toString(), "--val-fraction", "0.6", "--test-fraction", "0.5");
    assertThat(sum.exit()).isEqualTo(2);
    assertThat(sum.err()).contains("--val-fraction 0.6 and --test-fraction 0.5 sum to 1.1 (expected a sum below 1");
  }

  @Test
  void aClassWithNoTrainingItemsIsNamedInAWarning() throws Exception {
    Path d = copy("untrained-class");
    List<String> lines = Files.readAllLines(d.resolve(DatasetStore.INDEX));
    List<String> moved = new java.util.ArrayList<>();
    int i = 0;
    for (String line : lines) {
      moved.add(line.contains("\"label\":\"class_2\"") ? line.replaceAll("\"split\":\"[a-z]+\"", "\"split\":\"" + (i++ % 2 == 0 ? "val" : "test") + "\"")
          : line);
    }
    Files.write(d.resolve(DatasetStore.INDEX), moved);
    for (String method : new String[] {"sparse", "probe"}) {
      CliRunner.Result r = CliRunner.run("train", "--data", d.toString(), "--out", tmp.resolve("untrained-" + method).toString(),
          "--method", method, "--json");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).contains("warning: class \"class_2\" has no training items").contains("learns it from no example")
          .doesNotContain("class_0").doesNotContain("class_1");
      assertThat(r.json().path("classes_without_training_items").toString()).isEqualTo("[\"class_2\"]");
    }
    CliRunner.Result fine = CliRunner.run("train", "--data", good.toString(), "--out", tmp.resolve("all-trained").toString(), "--json");
    assertThat(fine.err()).doesNotContain("warning");
    assertThat(fine.json().path("classes_without_training_items").isEmpty()).isTrue();
  }

  @Test
  void nonFiniteSetValuesAreUsageErrors() {
    assertTrainUsageError(new String[] {"--set", "lambda=NaN"}, "Invalid value for --set lambda=NaN: expected a finite number or none");
    assertTrainUsageError(new String[] {"--set", "lambda=1e400"}, "Invalid value for --set lambda=1e400: expected a finite number or none");
    assertTrainUsageError(new String[] {"--set", "alpha=Infinity"}, "Invalid value for --set alpha=Infinity: expected a finite number");
    assertTrainUsageError(new String[] {"--method", "probe", "--set", "c=NaN"}, "Invalid value for --set c=NaN: expected a finite number or none");
    CliRunner.Result tolerance = assertTrainUsageError(new String[] {"--set", "selection-tolerance=NaN"},
        "Invalid value for --set selection-tolerance=NaN: expected a finite number");
    assertThat(tolerance.err()).doesNotContain("selectionTolerance");
  }

  @Test
  void optionsIgnoredBecauseOfAnotherOptionAreStillChecked() {
    assertTrainUsageError(new String[] {"--method", "labo", "--set", "select-per-class=abc"},
        "Invalid value for --set select-per-class=abc: expected a number");
    assertTrainUsageError(new String[] {"--method", "labo", "--set", "select=none", "--set", "select-alpha=Infinity"},
        "Invalid value for --set select-alpha=Infinity: expected a finite number");
  }

  @Test
  void badMethodsAndSettingsAreUsageErrors() {
    assertTrainUsageError(new String[] {"--method", "lasso"}, "unknown method 'lasso'");
    assertTrainUsageError(new String[] {"--set", "alpha"}, "Invalid value for option '--set': 'alpha' (expected NAME=VALUE, e.g. alpha=0.99)");
    assertTrainUsageError(new String[] {"--set", "standardize=maybe"}, "Invalid value for --set standardize=maybe: expected true or false");
  }

  @Test
  void aRefusedConfigurationIsFollowedByTheSettingsGiven() {
    // The method names its own field; the settings as typed follow, so the user sees which to change.
    for (String[] c : new String[][] {{"dncbm", "probe-batch-size=-1", "L1 probe batchSize must be ≥ 1, got -1"},
        {"pcbm", "c-grid=-1", "CAV cGrid must be all > 0"}, {"sparse", "alpha=2", "elastic-net alpha must be in (0, 1], got 2.0"}}) {
      Path out = tmp.resolve("refused-" + c[0]);
      CliRunner.Result r = CliRunner.run("train", "--data", good.toString(), "--out", out.toString(), "--method", c[0], "--set", c[1], "--quiet");
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains(c[2]).contains("(settings given: --set " + c[1] + ")");
      assertThat(out).doesNotExist();
    }
  }


  @Test
  void laboSelectionNamesTheSimilaritySetting() {
    Path out = tmp.resolve("labo-select");
    // The synthetic concept embeddings sit across a modality gap: some class–concept dot products are negative.
    CliRunner.Result r = CliRunner.run("train", "--data", good.toString(), "--out", out.toString(), "--method", "labo", "--set", "select=submodular",
        "--set", "epochs=5", "--quiet");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("but LaBo's MI score needs every Sim > 0").contains("--set select-similarity=exp-cosine")
        .contains("(settings given: --set select=submodular --set epochs=5)");
    assertThat(out).doesNotExist();
    CliRunner.Result fixed = CliRunner.run("train", "--data", good.toString(), "--out", out.toString(), "--method", "labo", "--set", "select=submodular",
        "--set", "select-similarity=exp-cosine", "--set", "epochs=5", "--quiet");
    assertThat(fixed.exit()).as(fixed.err()).isZero();
  }

  @Test
  void predictInputsAndTopAreUsageErrors() {
    String[][] bad = {
        {"--data", good.toString()},
        {"--item", "item_001"},
        {"--data", good.toString(), "--item", "item_001", "--embedding", "1,2,3,4,5,6,7,8"},
        {},
        {"--embedding", "1,2,3,4,5,6,7,8", "--top", "0"},
        {"--embedding", "1,2,3,4,5,6,7,8", "--top", "-2"}};
    for (String[] b : bad) {
      List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString()));
      args.addAll(List.of(b));
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(String.join(" ", b) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("glassbox predict: usage error: ");
    }
    CliRunner.Result top = CliRunner.run("predict", "--model", model.toString(), "--embedding", "1,2,3,4,5,6,7,8", "--top", "0");
    assertThat(top.err()).contains("Invalid value for option '--top': 0 (expected ≥ 1)");
    CliRunner.Result two = CliRunner.run("predict", "--model", model.toString(), "--data", good.toString(), "--item", "item_001",
        "--embedding", "1,2,3,4,5,6,7,8");
    assertThat(two.err()).contains("inputs --data/--item and --embedding given together");
    CliRunner.Result ok = CliRunner.run("predict", "--model", model.toString(), "--embedding", "1,2,3,4,5,6,7,8", "--top", "2", "--json");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.json().path("top_classes").size()).isEqualTo(2);
  }

  @Test
  void embedOptionsOutOfRangeAreUsageErrorsNamingTheOption() {
    Path out = tmp.resolve("embed-range");
    for (String[] bad : new String[][] {{"images", "--batch-size", "0", "in [1, 4096]"}, {"images", "--threads", "0", "in [1, 256]"},
        {"images", "--max-pixels", "-1", "≥ 1"}, {"images", "--val-fraction", "0.9", "sum to"}, {"texts", "--batch-size", "0", "≥ 1"},
        {"texts", "--test-fraction", "1", "in [0, 1)"}}) {
      CliRunner.Result r = CliRunner.run("embed", bad[0], tmp.resolve("nothing").toString(), "--encoder", "nowhere", "--out", out.toString(),
          bad[1], bad[2]);
      assertThat(r.exit()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains(bad[1]).contains(bad[3]);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void allZeroConceptEmbeddingsAreNamedInAWarning() throws Exception {
    Path zeroed = tmp.resolve("zero-concepts");
    Files.createDirectories(zeroed);
    try (var files = Files.list(good)) {
      for (Path p : files.toList()) {
        Files.copy(p, zeroed.resolve(p.getFileName()));
      }
    }
    FloatMatrix c = Npy.readMatrix(zeroed.resolve(DatasetStore.CONCEPT_EMBEDDINGS));
    for (int j = 0; j < c.cols(); j++) {
      c.set(1, j, 0f);
    }
    Npy.write(zeroed.resolve(DatasetStore.CONCEPT_EMBEDDINGS), c, NpyDtype.FLOAT32);
    CliRunner.Result r = CliRunner.run("train", "--data", zeroed.toString(), "--out", tmp.resolve("zero-model").toString(), "--quiet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: 1 of " + c.rows() + " concept embeddings are all zeros");
  }
}
