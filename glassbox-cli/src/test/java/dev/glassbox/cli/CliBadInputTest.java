package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.io.DatasetStore;
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
    assertThat(r.exit()).isEqualTo(1);
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
}
