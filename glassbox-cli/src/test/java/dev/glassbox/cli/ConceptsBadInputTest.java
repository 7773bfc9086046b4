package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concepts commands given bad input: each a clear error naming the input, exit 1 (bad input) or
 * 2 (usage), and nothing half-written.
 */
class ConceptsBadInputTest {
  @TempDir
  static Path tmp;

  static Path synth;

  @BeforeAll
  static void setUp() {
    synth = tmp.resolve("synth");
    assertThat(CliRunner.run("synth", "--out", synth.toString(), "--classes", "3", "--concepts", "12", "--items", "90", "--dim", "8").exit()).isZero();
  }

  static void assertFails(CliRunner.Result r, int exit, Path out, String... expected) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(exit);
    for (String e : expected) {
      assertThat(r.err()).contains(e);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void emptyClassList() {
    Path out = tmp.resolve("empty.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "", "--out", out.toString()), 1, out,
        "glassbox concepts generate: error: ", "needs at least one class name, got an empty list");
    Path classes = tmp.resolve("no-classes.txt");
    try {
      Files.writeString(classes, "# nothing yet\n\n");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes-file", classes.toString(), "--out", out.toString()), 1, out,
        "needs at least one class name");
  }

  @Test
  void outOfRangeOptionsAreUsageErrorsNamingTheOption() {
    Path out = tmp.resolve("range.json");
    for (String[] bad : new String[][] {{"corpus", "--passages", "0", "(expected ≥ 1)"}, {"corpus", "--query", "bird song", "holding {}"},
        {"llm", "--samples", "0", "(expected ≥ 1)"}, {"llm", "--temperature", "3", "(expected in [0, 2])"}, {"llm", "--retries", "-1", "(expected ≥ 0)"}}) {
      assertFails(CliRunner.run("concepts", "generate", "--source", bad[0], bad[1], bad[2], "--classes", "zebra", "--out", out.toString()), 2, out,
          "Invalid value for option '" + bad[1] + "'", bad[3]);
    }
  }

  @Test
  void anOutputFolderIsRefusedForTheConceptFile() throws Exception {
    Path folder = tmp.resolve("out-folder");
    Files.createDirectories(folder);
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--out", folder.toString(), "--force");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out " + folder + " names a folder").contains(folder.resolve("concepts.json").toString());
    Path missing = tmp.resolve("new-folder");
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--out", missing + "/"), 2, missing,
        "names a folder");
    CliRunner.Result embed = CliRunner.run("embed", "concepts", folder.toString(), "--encoder", "minilm", "--data", folder.toString());
    assertThat(embed.exit()).isEqualTo(2);
    assertThat(embed.err()).contains("CONCEPTS_FILE " + folder + " is a folder");
  }

  @Test
  void duplicateAndBlankClassNames() {
    Path out = tmp.resolve("dup.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra,goldfinch,Zebra", "--out", out.toString()), 1, out,
        "duplicate class names (ignoring case): \"Zebra\" (positions 0 and 2)");
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra,,goldfinch", "--out", out.toString()), 1, out,
        "blank class names at position [1]");
  }

  @Test
  void conceptFileInAnUnknownFormat() throws Exception {
    Path yaml = tmp.resolve("concepts.yaml");
    Files.writeString(yaml, "zebra:\n  - stripes\n");
    Path out = tmp.resolve("from-yaml.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "file", "--file", yaml.toString(), "--classes", "zebra", "--out", out.toString()), 1,
        out, "concepts.yaml", "extension .yaml is not one Glassbox reads", "Accepted formats");
    Path json = tmp.resolve("odd.json");
    Files.writeString(json, "{\"zebra\": \"stripes\"}");
    assertFails(CliRunner.run("concepts", "generate", "--source", "file", "--file", json.toString(), "--classes", "zebra", "--out", out.toString()), 1,
        out, "odd.json", "is not a list of concepts");
    CliRunner.Result show = CliRunner.run("concepts", "show", yaml.toString());
    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("Accepted formats");
  }

  @Test
  void missingConceptFileAndClassOutsideIt() throws Exception {
    Path out = tmp.resolve("missing.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "file", "--file", tmp.resolve("ghost.txt").toString(), "--classes", "zebra",
        "--out", out.toString()), 1, out, "ghost.txt");
    Path labo = tmp.resolve("class2concepts.json");
    Files.writeString(labo, "{\"zebra\": [\"stripes\"]}");
    assertFails(CliRunner.run("concepts", "generate", "--source", "file", "--file", labo.toString(), "--classes", "zebra,okapi",
        "--out", out.toString()), 1, out, "has no concepts for class \"okapi\"");
  }

  @Test
  void unreachableLlmNamesTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path out = tmp.resolve("llm.json");
    String url = "http://127.0.0.1:" + port;
    assertFails(CliRunner.run("concepts", "generate", "--source", "llm", "--base-url", url, "--api-key-env", "none", "--retries", "0",
        "--no-cache", "--classes", "zebra", "--out", out.toString()), 1, out,
        "glassbox concepts generate: error: cannot reach the LLM at " + url, "class \"zebra\"", "check the base URL");
  }

  @Test
  void unsetApiKeyIsNamedBeforeAnyRequest() {
    Path out = tmp.resolve("llm-key.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "llm", "--base-url", "http://127.0.0.1:9", "--api-key-env",
        "GLASSBOX_TEST_KEY_THAT_IS_NOT_SET", "--no-cache", "--classes", "zebra", "--out", out.toString()), 1, out,
        "GLASSBOX_TEST_KEY_THAT_IS_NOT_SET", "is not set");
  }

  @Test
  void missingDataset() {
    Path ghost = tmp.resolve("ghost");
    Path out = tmp.resolve("out-missing");
    assertFails(CliRunner.run("concepts", "filter", "--data", ghost.toString(), "--out", out.toString(), "--filters", "length"), 1, out,
        "glassbox concepts filter: error: ", "ghost", "no such dataset directory");
    assertFails(CliRunner.run("concepts", "select", "--data", ghost.toString(), "--out", out.toString(), "--global", "3"), 1, out,
        "ghost", "no such dataset directory");
    assertFails(CliRunner.run("concepts", "show", "--data", ghost.toString()), 1, out, "ghost", "no such dataset directory");
    Path json = tmp.resolve("from-ghost.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "wordnet", "--data", ghost.toString(), "--out", json.toString()), 1, json,
        "ghost", "no such dataset directory");
  }

  @Test
  void datasetWithoutConcepts() throws Exception {
    Path bare = tmp.resolve("bare");
    ConceptsGenerateCommandTest.writeDataset(bare, java.util.List.of("zebra", "goldfinch"));
    Path out = tmp.resolve("out-bare");
    assertFails(CliRunner.run("concepts", "filter", "--data", bare.toString(), "--out", out.toString(), "--filters", "length"), 1, out,
        "has no candidate concepts", "glassbox embed concepts");
    assertFails(CliRunner.run("concepts", "select", "--data", bare.toString(), "--out", out.toString()), 1, out, "has no candidate concepts");
  }

  @Test
  void encoderOfAnotherDimensionIsRefused() {
    Path out = tmp.resolve("out-dim");
    assertFails(CliRunner.run("concepts", "filter", "--data", synth.toString(), "--out", out.toString(), "--encoder", "minilm"), 1, out,
        "the text encoder 'all-MiniLM-L6-v2-q' gives 384-d embeddings but the concept embeddings of " + synth + " are 8-d",
        "give --encoder the text encoder that made them");
  }

  @Test
  void vocabularyEncoderOfAnotherDimensionIsRefused() {
    Path out = tmp.resolve("vocab.json");
    assertFails(CliRunner.run("concepts", "generate", "--source", "vocabulary", "--data", synth.toString(), "--encoder", "minilm",
        "--out", out.toString()), 1, out, "gives 384-d embeddings but the dataset " + synth + " holds 8-d embeddings");
  }
}
