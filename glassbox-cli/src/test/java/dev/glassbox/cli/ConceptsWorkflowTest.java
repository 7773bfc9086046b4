package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's offline concept workflow with the bundled sentence encoder: captions of pictures
 * (embedded by MiniLM) stand in for images in a space shared with the concepts. WordNet candidates
 * are embedded, filtered with Label-free CBM's filters, selected with LaBo's objective and trained
 * on; and the vocabulary source ranks words on the same captions.
 */
class ConceptsWorkflowTest {
  @TempDir
  static Path tmp;

  static Path captions;

  @BeforeAll
  static void setUp() throws Exception {
    Path manifest = Path.of(ConceptsWorkflowTest.class.getResource("/concepts/captions.jsonl").toURI());
    captions = tmp.resolve("captions");
    CliRunner.Result r = CliRunner.run("embed", "texts", manifest.toString(), "--encoder", "minilm", "--out", captions.toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void wordnetThenEmbedThenFilterThenSelectThenTrain() throws Exception {
    Path concepts = tmp.resolve("concepts.json");
    CliRunner.Result gen = CliRunner.run("concepts", "generate", "--source", "wordnet", "--data", captions.toString(), "--out", concepts.toString());
    assertThat(gen.exit()).as(gen.err()).isZero();
    Path candidates = tmp.resolve("candidates");
    CliRunner.Result emb = CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", "minilm", "--data", captions.toString(),
        "--out", candidates.toString());
    assertThat(emb.exit()).as(emb.err()).isZero();

    Path filtered = tmp.resolve("filtered");
    CliRunner.Result f = CliRunner.run("concepts", "filter", "--data", candidates.toString(), "--out", filtered.toString(), "--encoder", "minilm",
        "--no-probes", "--json");
    assertThat(f.exit()).as(f.err()).isZero();
    JsonNode report = f.json();
    assertThat(report.get("text_encoder").asText()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(report.get("concept_encoder").asText()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(report.get("dropped").size()).isPositive();
    List<String> kept = new ArrayList<>();
    report.get("kept_concepts").forEach(n -> kept.add(n.asText()));
    assertThat(kept).contains("striped", "red");
    // Non-visual with its probes on: the probes are encoded too and raise the threshold.
    CliRunner.Result probes = CliRunner.run("concepts", "filter", "--data", candidates.toString(), "--out", tmp.resolve("probed").toString(),
        "--encoder", "minilm", "--filters", "non-visual", "--json");
    assertThat(probes.exit()).as(probes.err()).isZero();
    assertThat(probes.json().get("probes").asInt()).isEqualTo(24);

    Path selected = tmp.resolve("selected");
    CliRunner.Result s = CliRunner.run("concepts", "select", "--data", filtered.toString(), "--out", selected.toString(), "--per-class", "6",
        "--similarity", "exp-cosine", "--json");
    assertThat(s.exit()).as(s.err()).isZero();
    assertThat(s.json().get("groups")).hasSize(4);
    ConceptSet sel = ConceptSetFiles.readJson(selected.resolve(DatasetStore.CONCEPTS));
    assertThat(sel.size()).isEqualTo(s.json().get("selected").asInt()).isLessThanOrEqualTo(24);

    CliRunner.Result train = CliRunner.run("train", "--data", selected.toString(), "--out", tmp.resolve("model").toString(), "--json");
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.json().get("test_accuracy").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void classNameSimilarityComparesConceptsWithClassNamesInTheEncodersSpace() throws Exception {
    Path concepts = tmp.resolve("named.txt");
    java.nio.file.Files.writeString(concepts, "zebras in the wild\nblack stripes\nyellow feathers\nfire truck\nsmall penguins\n");
    Path candidates = tmp.resolve("named-candidates");
    assertThat(CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", "minilm", "--data", captions.toString(),
        "--out", candidates.toString()).exit()).isZero();
    Path out = tmp.resolve("named-filtered");
    CliRunner.Result r = CliRunner.run("concepts", "filter", "--data", candidates.toString(), "--out", out.toString(), "--encoder", "minilm",
        "--filters", "class-name", "--class-similarity", "0.7", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> dropped = new ArrayList<>();
    r.json().get("dropped").forEach(d -> {
      assertThat(d.get("reason").asText()).isIn("class_name", "similar_to_class_name");
      dropped.add(d.get("text").asText());
    });
    assertThat(dropped).contains("zebras in the wild", "fire truck").doesNotContain("yellow feathers", "black stripes");
  }

  @Test
  void vocabularySourceRanksWordsOnTheCaptions() throws Exception {
    Path out = tmp.resolve("vocabulary.json");
    CliRunner.Result r = CliRunner.run("concepts", "generate", "--source", "vocabulary", "--data", captions.toString(), "--encoder", "minilm",
        "--per-class", "8", "--images-per-class", "10", "--nouns", "300", "--adjectives", "60", "--bigram-adjectives", "0", "--bigram-nouns", "0",
        "--json", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("images").asInt()).isEqualTo(80);
    ConceptSet set = ConceptSetFiles.readJson(out);
    List<String> fire = ConceptsGenerateCommandTest.textsOf(set, "fire engine");
    assertThat(fire).containsAnyOf("fire", "truck", "red", "firefighter", "ladder");
    assertThat(set.get(0).source()).isEqualTo("vocabulary");
    assertThat(set.get(0).metadata()).containsKeys("hits", "rank", "vocabulary", "licence");
    assertThat(r.err()).doesNotContain("--images-per-class");
    // The default 500 images per class covers all 80 images for every class: said, with a number that fits.
    CliRunner.Result all = CliRunner.run("concepts", "generate", "--source", "vocabulary", "--data", captions.toString(), "--encoder", "minilm",
        "--per-class", "8", "--nouns", "300", "--adjectives", "60", "--bigram-adjectives", "0", "--bigram-nouns", "0",
        "--out", tmp.resolve("vocabulary-all.json").toString());
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.err()).contains("--images-per-class 500 × 4 classes exceeds the 80 training images").contains("try --images-per-class 20");
  }
}
