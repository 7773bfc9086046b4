package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox concepts show}: the table, the counts, class filtering and JSON. */
class ConceptsShowCommandTest {
  @TempDir
  static Path tmp;

  static Path concepts;

  @BeforeAll
  static void setUp() throws Exception {
    concepts = tmp.resolve("concepts.json");
    Files.writeString(concepts, """
        {"format": "glassbox-concepts", "formatVersion": 1, "concepts": [
          {"text": "striped", "source": "wordnet", "class": "zebra",
           "metadata": {"relation": "genus-modifier", "synset": "n02393701 zebra", "via": "n02393701 zebra"}},
          {"text": "short upright mane", "source": "llm", "class": "zebra",
           "metadata": {"template": "lfcbm-important", "sample": "0", "model": "gpt-4o-mini", "classes": "[\\"zebra\\"]"}},
          {"text": "tail", "source": "wordnet", "class": "zebra",
           "metadata": {"relation": "part-meronym", "classes": "[\\"zebra\\",\\"goldfinch\\"]"}},
          {"text": "yellow feathers", "source": "llm", "class": "goldfinch", "metadata": {"template": "labo-color", "sample": "1"}},
          {"text": "round", "source": "user"}
        ]}
        """);
  }

  @Test
  void printsATableWithProvenanceAndCountsBySourceAndClass() {
    CliRunner.Result r = CliRunner.run("concepts", "show", concepts.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("concept").contains("source").contains("class").contains("details");
    assertThat(r.out()).containsPattern("1 +striped +wordnet +zebra +relation=genus-modifier");
    assertThat(r.out()).contains("template=lfcbm-important sample=0 model=gpt-4o-mini");
    assertThat(r.out()).contains("zebra, goldfinch");
    assertThat(r.out()).contains("5 concepts in " + concepts);
    assertThat(r.out()).contains("by source: llm 2, user 1, wordnet 2");
    assertThat(r.out()).contains("by class:  zebra 3, goldfinch 2");
    assertThat(r.out()).contains("without a proposing class: 1");
  }

  @Test
  void classFilterKeepsEveryConceptTheClassProposed() {
    CliRunner.Result r = CliRunner.run("concepts", "show", concepts.toString(), "--class", "goldfinch", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("concepts").asInt()).isEqualTo(2);
    assertThat(j.get("list").get(0).get("text").asText()).isEqualTo("tail");
    assertThat(j.get("list").get(1).get("text").asText()).isEqualTo("yellow feathers");
    assertThat(j.get("list").get(1).get("metadata").get("template").asText()).isEqualTo("labo-color");

    CliRunner.Result unknown = CliRunner.run("concepts", "show", concepts.toString(), "--class", "penguin");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no concept").contains("\"penguin\"").contains("[zebra, goldfinch]");
  }

  @Test
  void limitShortensTheTableButNotTheCounts() {
    CliRunner.Result r = CliRunner.run("concepts", "show", concepts.toString(), "--limit", "2");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("… 3 more (raise --limit)").contains("5 concepts").doesNotContain("yellow feathers");
  }

  @Test
  void readsADatasetsConceptsAndOtherFileFormats() throws Exception {
    Path synth = tmp.resolve("synth");
    assertThat(CliRunner.run("synth", "--out", synth.toString(), "--classes", "3", "--concepts", "12", "--items", "60", "--dim", "8").exit()).isZero();
    CliRunner.Result r = CliRunner.run("concepts", "show", "--data", synth.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("12 concepts in " + synth).contains("(embedded, 8-d, encoder '").contains("by source: synth 12");
    CliRunner.Result j = CliRunner.run("concepts", "show", "--data", synth.toString(), "--json");
    assertThat(j.json().get("embedded").asBoolean()).isTrue();
    assertThat(j.json().get("dim").asInt()).isEqualTo(8);
    // Concept embeddings that do not fit the concepts or the items are shown as unusable.
    Npy.write(synth.resolve(DatasetStore.CONCEPT_EMBEDDINGS), FloatMatrix.wrap(10, 8, new float[80]), NpyDtype.FLOAT32);
    CliRunner.Result rows = CliRunner.run("concepts", "show", "--data", synth.toString(), "--json");
    assertThat(rows.json().get("embedded").asBoolean()).isFalse();
    assertThat(rows.json().get("embedding_problem").asText()).contains("has 10 rows for 12 concepts");
    Npy.write(synth.resolve(DatasetStore.CONCEPT_EMBEDDINGS), FloatMatrix.wrap(12, 4, new float[48]), NpyDtype.FLOAT32);
    CliRunner.Result dim = CliRunner.run("concepts", "show", "--data", synth.toString());
    assertThat(dim.out()).contains("(embeddings unusable: concept_embeddings.npy is 4-d but the items' embeddings.npy are 8-d");

    Path labo = tmp.resolve("class2concepts.json");
    Files.writeString(labo, "{\"zebra\": [\"stripes\", \"mane\"], \"goldfinch\": [\"yellow\"]}");
    CliRunner.Result l = CliRunner.run("concepts", "show", labo.toString(), "--json");
    assertThat(l.exit()).as(l.err()).isZero();
    assertThat(l.json().get("by_class").get("zebra").asInt()).isEqualTo(2);
    assertThat(l.json().get("by_source").get("file").asInt()).isEqualTo(3);
  }

  @Test
  void needsExactlyOneInput() throws Exception {
    CliRunner.Result none = CliRunner.run("concepts", "show");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("give either a concept FILE or --data DIR");
    CliRunner.Result both = CliRunner.run("concepts", "show", concepts.toString(), "--data", tmp.toString());
    assertThat(both.exit()).isEqualTo(2);
    CliRunner.Result notADataset = CliRunner.run("concepts", "show", "--data", tmp.toString());
    assertThat(notADataset.exit()).isEqualTo(1);
    assertThat(notADataset.err()).contains("is not a dataset directory (no dataset.json)");
    Path bare = tmp.resolve("bare");
    ConceptsGenerateCommandTest.writeDataset(bare, java.util.List.of("zebra", "goldfinch"));
    CliRunner.Result noConcepts = CliRunner.run("concepts", "show", "--data", bare.toString());
    assertThat(noConcepts.exit()).isEqualTo(1);
    assertThat(noConcepts.err()).contains("concepts.json").contains("no concepts in this dataset");
  }

  @Test
  void theGroupCommandAloneIsAUsageError() {
    CliRunner.Result r = CliRunner.run("concepts");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'generate', 'filter', 'select' or 'show'");
    CliRunner.Result help = CliRunner.run("concepts", "filter", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Label-free CBM").contains("Examples (").contains("--activation-cutoff");
  }
}
