package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.math.FloatMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox concepts filter}: survivors written as a new dataset, every dropped concept reported. */
class ConceptsFilterCommandTest {
  @TempDir
  static Path tmp;

  static Path synth;

  @BeforeAll
  static void setUp() {
    synth = tmp.resolve("synth");
    assertThat(CliRunner.run("synth", "--out", synth.toString(), "--classes", "4", "--concepts", "40", "--items", "400", "--dim", "16",
        "--seed", "3").exit()).isZero();
  }

  @Test
  void writesTheKeptConceptsAndReportsEveryDroppedOne() throws Exception {
    Path out = tmp.resolve("filtered");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(),
        "--filters", "length,redundancy,low-activation,non-visual", "--redundancy", "0.8", "--activation-cutoff", "0.45",
        "--min-grounding", "1.0", "--no-probes", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("format").asText()).isEqualTo("glassbox-filter-report");
    int kept = j.get("kept").asInt();
    JsonNode dropped = j.get("dropped");
    assertThat(j.get("candidates").asInt()).isEqualTo(40);
    assertThat(dropped.size()).isPositive().isEqualTo(40 - kept);
    assertThat(kept).isPositive();
    assertThat(j.get("training_images").asInt()).isEqualTo(countTraining(synth));
    Set<String> droppedTexts = new HashSet<>();
    int perFilterSum = 0;
    for (JsonNode f : j.get("filters")) {
      perFilterSum += f.get("dropped").asInt();
      assertThat(f.get("defaults_from").asText()).isNotBlank();
    }
    assertThat(perFilterSum).isEqualTo(dropped.size());
    for (JsonNode d : dropped) {
      assertThat(d.get("filter").asText()).isIn("length", "redundancy", "low-activation", "non-visual");
      assertThat(d.get("reason").asText()).isNotBlank();
      assertThat(d.get("score").isNumber()).isTrue();
      assertThat(d.get("threshold").isNumber()).isTrue();
      assertThat(d.get("detail").asText()).isNotBlank();
      droppedTexts.add(d.get("text").asText());
    }
    // Kept and dropped partition the candidates, and the new dataset holds exactly the kept ones.
    ConceptSet keptSet = ConceptSetFiles.readJson(out.resolve(DatasetStore.CONCEPTS));
    assertThat(keptSet.size()).isEqualTo(kept);
    assertThat(keptSet.texts()).doesNotContainAnyElementsOf(droppedTexts);
    List<String> keptJson = new ArrayList<>();
    j.get("kept_concepts").forEach(n -> keptJson.add(n.asText()));
    assertThat(keptSet.texts()).isEqualTo(keptJson);
    assertThat(Npy.readMatrix(out.resolve(DatasetStore.CONCEPT_EMBEDDINGS)).rows()).isEqualTo(kept);
    assertThat(Json.read(out.resolve(ConceptsFilterCommand.REPORT))).isEqualTo(j);
    // Ground truth is restricted to the kept concepts, so the result reads and trains.
    JsonNode gt = Json.read(out.resolve(DatasetStore.GROUND_TRUTH));
    gt.get("classConcepts").properties().forEach(e -> e.getValue().forEach(t -> assertThat(keptSet.texts()).contains(t.asText())));
    assertThat(Npy.readMatrix(out.resolve(DatasetStore.ITEM_CONCEPTS)).cols()).isEqualTo(kept);
    assertThat(Files.isSameFile(out.resolve(DatasetStore.EMBEDDINGS), synth.resolve(DatasetStore.EMBEDDINGS))).isTrue();
    assertThat(CliRunner.run("train", "--data", out.toString(), "--out", tmp.resolve("model").toString(), "--quiet").exit()).isZero();
    // The input is unchanged.
    assertThat(ConceptSetFiles.readJson(synth.resolve(DatasetStore.CONCEPTS)).size()).isEqualTo(40);
  }

  @Test
  void humanSummaryNamesEachFilterAndItsDrops() {
    Path out = tmp.resolve("filtered-text");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(),
        "--filters", "redundancy,low-activation", "--redundancy", "0.7", "--activation-cutoff", "0.45");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("filtered 40 candidate concepts").contains(ConceptsFilterCommand.REPORT);
    assertThat(r.out()).containsPattern("redundancy +40 in, +\\d+ dropped");
    assertThat(r.out()).contains("low-activation").contains("mean top-5 cosine over training images > 0.45");
    assertThat(r.out()).contains("    - \"concept_");
  }

  @Test
  void eachLabelFreeFilterDropsForItsReason() throws Exception {
    Path data = tmp.resolve("handmade");
    // Directions: e0 and e1 are nearly the same concept; e2 is the class name's own word.
    List<String> texts = List.of("a remarkably long concept phrase, over thirty characters", "the Striped-Horses", "black stripes",
        "black stripe pattern", "yellow feathers", "short mane");
    float[][] emb = {
        {1, 0, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}, {0, 1, 0.05f, 0}, {0, 0, 0, 1}, {1, 0, 0, 1}};
    writeDataset(data, List.of("striped horse", "goldfinch"), texts, emb);
    Path out = tmp.resolve("handmade-filtered");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", data.toString(), "--out", out.toString(),
        "--filters", "length,class-name,redundancy", "--class-similarity", "off", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, String> reasonOf = new java.util.HashMap<>();
    r.json().get("dropped").forEach(d -> reasonOf.put(d.get("text").asText(), d.get("filter").asText() + "/" + d.get("reason").asText()));
    assertThat(reasonOf).containsEntry("a remarkably long concept phrase, over thirty characters", "length/too_long")
        .containsEntry("the Striped-Horses", "class-name/class_name")
        .hasSize(3);
    assertThat(reasonOf.keySet()).containsAnyOf("black stripes", "black stripe pattern");
    assertThat(reasonOf.values()).contains("redundancy/redundant");
    assertThat(ConceptSetFiles.readJson(out.resolve(DatasetStore.CONCEPTS)).texts()).contains("yellow feathers", "short mane");
  }

  @Test
  void droppingEveryConceptWritesNothing() {
    Path out = tmp.resolve("nothing-left");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(),
        "--filters", "low-activation", "--activation-cutoff", "0.999");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("every one of the 40 candidate concepts was dropped").contains("low-activation 40");
    assertThat(out).doesNotExist();
  }

  @Test
  void classNameSimilarityAndProbesNeedTheEncoder() {
    Path out = tmp.resolve("no-encoder");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give --encoder").contains("--class-similarity off").contains("--no-probes");
    assertThat(out).doesNotExist();
  }

  @Test
  void badFilterNamesAndThresholdsAreRefused() {
    Path out = tmp.resolve("bad");
    CliRunner.Result unknown = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(), "--filters", "length,colour");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'colour'").contains("non-visual");
    CliRunner.Result range = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(),
        "--filters", "redundancy", "--redundancy", "1.5");
    assertThat(range.exit()).isEqualTo(2);
    assertThat(range.err()).contains("Invalid value for option '--redundancy': 1.5 (expected in [-1, 1])");
    for (String[] bad : new String[][] {{"--max-length", "0", "≥ 1"}, {"--activation-top-k", "0", "≥ 1"}, {"--min-grounding", "-1", "≥ 0"},
        {"--probe-quantile", "NaN", "in [0, 1]"}, {"--class-similarity", "2", "in [-1, 1]"}}) {
      CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(), bad[0], bad[1]);
      assertThat(r.exit()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(r.err()).contains("Invalid value for option '" + bad[0] + "'").contains("(expected " + bad[2]);
    }
    CliRunner.Result same = CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", synth.toString(), "--filters", "length");
    assertThat(same.exit()).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  static int countTraining(Path dir) throws Exception {
    try (DatasetStore.Stored s = DatasetStore.read(dir)) {
      return s.dataset().indices(Split.TRAIN).length;
    }
  }

  /** A dataset of two classes whose items are the concept directions plus noise, with the given concepts. */
  static void writeDataset(Path dir, List<String> classes, List<String> texts, float[][] conceptEmb) throws Exception {
    int d = conceptEmb[0].length;
    int n = 40;
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    float[] x = new float[n * d];
    int[] labels = new int[n];
    Split[] splits = new Split[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes.size();
      splits[i] = i < 30 ? Split.TRAIN : i < 35 ? Split.VALIDATION : Split.TEST;
      ids.add("item_" + i);
      float[] c = conceptEmb[i % conceptEmb.length];
      for (int p = 0; p < d; p++) {
        x[i * d + p] = c[p] + (float) (0.3 * rnd.nextGaussian());
      }
    }
    List<Concept> concepts = new ArrayList<>();
    for (String t : texts) {
      concepts.add(new Concept(t, "test", null, Map.of()));
    }
    EncoderIdentity enc = new EncoderIdentity("test-encoder", "", d);
    ConceptEmbeddings ce = new ConceptEmbeddings(new ConceptSet(concepts), FloatMatrix.of(conceptEmb), enc);
    DatasetStore.write(dir, new Dataset("handmade", classes, ids, labels, splits, FloatMatrix.wrap(n, d, x), null, Map.of()), ce, enc, false);
  }
}
