package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.math.FloatMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox concepts generate} with each source, in-process. */
class ConceptsGenerateCommandTest {
  @TempDir
  Path tmp;

  static List<String> texts(ConceptSet s) {
    return s.texts();
  }

  static List<String> textsOf(ConceptSet s, String cls) {
    return s.concepts().stream().filter(c -> c.proposingClasses().contains(cls)).map(Concept::text).toList();
  }

  @Test
  void wordnetSourceWritesConceptJsonWithSourceClassAndProvenanceOffline() throws Exception {
    Path out = tmp.resolve("concepts.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra,goldfinch", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("source").asText()).isEqualTo("wordnet");
    assertThat(j.get("classes").asInt()).isEqualTo(2);
    assertThat(j.path("per_class").path("zebra").asInt()).isPositive();
    assertThat(j.path("per_class").path("goldfinch").asInt()).isPositive();
    ConceptSet set = ConceptSetFiles.readJson(out);
    assertThat(set.size()).isEqualTo(j.get("concepts").asInt());
    for (Concept c : set.concepts()) {
      assertThat(c.source()).isEqualTo("wordnet");
      assertThat(c.proposedBy()).isIn("zebra", "goldfinch");
      assertThat(c.proposingClasses()).isSubsetOf("zebra", "goldfinch");
      assertThat(c.metadata()).containsKeys("relation", "synset");
    }
    assertThat(textsOf(set, "zebra")).contains("striped");
    assertThat(String.join(" ", textsOf(set, "goldfinch"))).contains("yellow");
    // Human-readable summary without --json.
    CliRunner.Result text = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--out", tmp.resolve("z.json").toString());
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("concepts for 1 class from wordnet").contains("zebra").contains("e.g.");
  }

  @Test
  void wordnetHintPicksTheSense() throws Exception {
    Path bird = tmp.resolve("bird.json");
    Path machine = tmp.resolve("machine.json");
    assertThat(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "crane", "--hint", "bird", "--out", bird.toString()).exit()).isZero();
    assertThat(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "crane", "--hint", "device", "--out", machine.toString()).exit()).isZero();
    assertThat(String.join(" ", ConceptSetFiles.readJson(bird).texts())).contains("bird");
    assertThat(ConceptSetFiles.readJson(bird).texts()).isNotEqualTo(ConceptSetFiles.readJson(machine).texts());
  }

  @Test
  void classesComeFromAFileOrADataset() throws Exception {
    Path classes = tmp.resolve("classes.txt");
    Files.writeString(classes, "# the classes\nzebra\n\ngoldfinch\n");
    Path out = tmp.resolve("from-file.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes-file", classes.toString(), "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("classes").asInt()).isEqualTo(2);

    Path data = tmp.resolve("data");
    writeDataset(data, List.of("penguin", "fire engine"));
    Path out2 = tmp.resolve("from-data.json");
    CliRunner.Result r2 = CliRunner.run("concepts", "generate", "--source", "wordnet", "--data", data.toString(), "--out", out2.toString(), "--json");
    assertThat(r2.exit()).as(r2.err()).isZero();
    assertThat(r2.json().path("per_class").path("penguin").asInt()).isPositive();
    assertThat(r2.json().path("per_class").path("fire engine").asInt()).isPositive();
  }

  @Test
  void fileSourceKeepsTheRequestedClassesAndRecordsTheFormat() throws Exception {
    Path labo = tmp.resolve("class2concepts.json");
    Files.writeString(labo, """
        {"zebra": ["black and white stripes", "short mane"],
         "goldfinch": ["yellow feathers", "black wings"],
         "penguin": ["flippers", "white belly"]}
        """);
    Path out = tmp.resolve("concepts.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "file", "--file", labo.toString(), "--classes", "zebra,goldfinch",
        "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    ConceptSet set = ConceptSetFiles.readJson(out);
    assertThat(set.texts()).containsExactly("black and white stripes", "short mane", "yellow feathers", "black wings");
    assertThat(set.get(0).source()).isEqualTo("file");
    assertThat(set.get(0).metadata()).containsEntry("format", "labo-class2concepts");
    assertThat(set.get(2).proposedBy()).isEqualTo("goldfinch");
  }

  /**
   * The LLM source against a real loopback server: one request per class and prompt sample, the
   * configured settings sent, and a rerun served from the disk cache with zero requests. That an
   * interrupted run leaves every cache entry readable is covered by the sources module
   * ({@code LlmConceptSourceTest.interruptedRunLeavesEveryCacheEntryReadableAndTheRerunResumes}).
   */
  @Test
  void llmSourceAsksALoopbackServerAndARerunIsServedFromTheCache() throws Exception {
    try (ChatCompletionsServer server = new ChatCompletionsServer(prompt -> prompt.contains("\"zebra\"")
        ? "-black and white stripes\n-a short upright mane\n-hooves"
        : "-bright yellow feathers\n-black wings\n-a short conical bill")) {
      Path cache = tmp.resolve("llm-cache");
      Path out = tmp.resolve("llm.json");
      String[] args = {"concepts", "generate", "--source", "llm", "--base-url", server.baseUrl(), "--api-key-env", "none", "--model", "test-model",
          "--prompts", "lfcbm-important", "--samples", "1", "--temperature", "0.5", "--max-tokens", "100", "--rate-limit", "0",
          "--cache", cache.toString(), "--classes", "zebra,goldfinch", "--json", "--out", out.toString()};
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.json().get("requests_sent").asInt()).isEqualTo(2);
      assertThat(server.requests()).hasSize(2);
      JsonNode req = server.requests().get(0);
      assertThat(req.get("model").asText()).isEqualTo("test-model");
      assertThat(req.get("temperature").asDouble()).isEqualTo(0.5);
      assertThat(req.get("max_tokens").asInt()).isEqualTo(100);
      ConceptSet set = ConceptSetFiles.readJson(out);
      assertThat(textsOf(set, "zebra")).contains("black and white stripes", "short upright mane", "hooves");
      assertThat(textsOf(set, "goldfinch")).contains("bright yellow feathers", "black wings");
      Concept stripes = set.get(set.indexOf("black and white stripes"));
      assertThat(stripes.source()).isEqualTo("llm");
      assertThat(stripes.metadata()).containsEntry("model", "test-model").containsEntry("template", "lfcbm-important").containsKey("templateHash");

      args[args.length - 1] = tmp.resolve("llm-again.json").toString();
      CliRunner.Result again = CliRunner.run(args);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.json().get("requests_sent").asInt()).isZero();
      assertThat(server.requests()).hasSize(2);
      assertThat(Files.readString(tmp.resolve("llm-again.json"))).isEqualTo(Files.readString(out));
    }
  }

  @Test
  void aChatModelsMarkdownAnswerGivesItsConceptsAndAClassWithoutAnyIsAWarning() throws Exception {
    try (ChatCompletionsServer server = new ChatCompletionsServer(prompt -> prompt.contains("\"robin\"")
        ? "Here are the most important features for recognizing a robin:\n\n1. **Red breast**: a bright orange-red chest\n"
            + "2. **Black wings** - dark flight feathers\n3. Size: small\n\nLet me know if you need anything else!"
        : "")) {
      Path out = tmp.resolve("markdown.json");
      CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "llm", "--base-url", server.baseUrl(), "--api-key-env", "none",
          "--prompts", "lfcbm-important", "--samples", "1", "--rate-limit", "0", "--no-cache", "--classes", "robin,wren", "--json",
          "--out", out.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(textsOf(ConceptSetFiles.readJson(out), "robin")).containsExactly("red breast", "black wings", "small size");
      assertThat(r.err()).contains("warning: the llm source proposed no concepts for 1 of 2 classes (\"wren\")");
      assertThat(r.json().get("classes_without_concepts").get(0).asText()).isEqualTo("wren");
    }
  }

  @Test
  void corpusSourceRetrievesPassagesFromTheUsersDocuments() throws Exception {
    Path corpus = tmp.resolve("corpus");
    Files.createDirectories(corpus.resolve("animals"));
    Files.writeString(corpus.resolve("animals").resolve("zebra.md"), """
        # Zebras
        The zebra has a coat of bold black and white stripes. A zebra also has an upright mane and a tufted tail.
        Zebras live in herds on the grassy plains of Africa.
        """);
    Files.writeString(corpus.resolve("kitchen.txt"), "A kettle boils water on the stove. The teapot is made of white porcelain.\n");
    Path out = tmp.resolve("corpus.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "corpus", "--corpus", corpus.toString(), "--passages", "3",
        "--classes", "zebra", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    ConceptSet set = ConceptSetFiles.readJson(out);
    assertThat(set.size()).isPositive();
    assertThat(set.concepts()).allSatisfy(c -> {
      assertThat(c.source()).isEqualTo("corpus");
      assertThat(c.metadata()).containsKeys("document", "rank");
      assertThat(c.metadata().get("document")).contains("zebra.md");
    });
    assertThat(String.join(" ", set.texts())).contains("stripes");
  }

  @Test
  void anOptionOfAnotherSourceIsAUsageError() {
    Path out = tmp.resolve("never.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--corpus", tmp.toString(),
        "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("glassbox concepts generate: usage error").contains("--corpus applies to --source corpus");
    CliRunner.Result missing = CliRunner.run("concepts", "generate", "--source", "file", "--classes", "zebra", "--out", out.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--source file needs --file");
    CliRunner.Result unknown = CliRunner.run("concepts", "generate", "--source", "oracle", "--classes", "zebra", "--out", out.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'oracle'").contains("file, llm, wordnet, vocabulary, corpus");
    CliRunner.Result noClasses = CliRunner.run("concepts", "generate", "--source", "wordnet", "--out", out.toString());
    assertThat(noClasses.exit()).isEqualTo(2);
    assertThat(noClasses.err()).contains("--classes");
    assertThat(out).doesNotExist();
  }

  @Test
  void existingOutputNeedsForce() throws Exception {
    Path out = tmp.resolve("c.json");
    Files.writeString(out, "keep me");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("already exists").contains("--force");
    assertThat(Files.readString(out)).isEqualTo("keep me");
    assertThat(CliRunner.run("concepts", "generate", "--source", "wordnet", "--classes", "zebra", "--out", out.toString(), "--force").exit()).isZero();
    assertThat(ConceptSetFiles.readJson(out).size()).isPositive();
  }

  /** A small dataset directory with the given classes and random embeddings. */
  static void writeDataset(Path dir, List<String> classes) throws Exception {
    int perClass = 6;
    int n = classes.size() * perClass;
    int d = 8;
    float[] x = new float[n * d];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    int[] labels = new int[n];
    Split[] splits = new Split[n];
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = i / perClass;
      splits[i] = i % perClass < 4 ? Split.TRAIN : i % perClass == 4 ? Split.VALIDATION : Split.TEST;
      ids.add("item_" + i);
    }
    Dataset ds = new Dataset("test", classes, ids, labels, splits, FloatMatrix.wrap(n, d, x), null, Map.of());
    DatasetStore.write(dir, ds, null, new EncoderIdentity("random-test", "", d), false);
  }
}
