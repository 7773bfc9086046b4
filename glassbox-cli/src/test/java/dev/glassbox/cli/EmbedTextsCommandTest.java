package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Split;
import dev.glassbox.io.DatasetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox embed texts}: a labelled text collection as a dataset directory. */
class EmbedTextsCommandTest {
  @TempDir
  Path tmp;

  @Test
  void embedsTextsWithTheirLabelsSplitsAndIds() throws Exception {
    Path manifest = tmp.resolve("texts.jsonl");
    Files.writeString(manifest, """
        {"text": "a striped horse on the plains", "label": "zebra", "split": "train", "id": "z1"}
        {"text": "black and white stripes", "label": "zebra", "split": "val", "id": "z2"}
        {"text": "a small yellow bird", "label": "goldfinch", "split": "train", "id": "g1"}

        {"text": "a finch eating seeds", "label": "goldfinch", "split": "test", "id": "g2"}
        """);
    Path out = tmp.resolve("texts");
    CliRunner.Result r = CliRunner.run("embed", "texts", manifest.toString(), "--encoder", "minilm", "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("items").asInt()).isEqualTo(4);
    assertThat(r.json().get("dim").asInt()).isEqualTo(384);
    assertThat(r.json().get("splits_given").asBoolean()).isTrue();
    try (DatasetStore.Stored s = DatasetStore.read(out)) {
      assertThat(s.dataset().classNames()).containsExactly("goldfinch", "zebra");
      assertThat(s.dataset().ids()).containsExactly("z1", "z2", "g1", "g2");
      assertThat(s.dataset().splits()).containsExactly(Split.TRAIN, Split.VALIDATION, Split.TRAIN, Split.TEST);
      assertThat(s.dataset().dim()).isEqualTo(384);
    }
    assertThat(DatasetStore.encoder(out).name()).isEqualTo("all-MiniLM-L6-v2-q");
  }

  @Test
  void badManifestsAreNamedAndNothingIsWritten() throws Exception {
    Path out = tmp.resolve("never");
    Path mixed = tmp.resolve("mixed.jsonl");
    Files.writeString(mixed, "{\"text\": \"a\", \"label\": \"x\", \"split\": \"train\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
    CliRunner.Result r = CliRunner.run("embed", "texts", mixed.toString(), "--encoder", "minilm", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("glassbox embed texts: error: ").contains("gives a split on line 1 but none on line 2");

    Path noLabel = tmp.resolve("no-label.jsonl");
    Files.writeString(noLabel, "{\"text\": \"a\"}\n");
    r = CliRunner.run("embed", "texts", noLabel.toString(), "--encoder", "minilm", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no-label.jsonl line 1 needs a \"label\"");

    Path csv = tmp.resolve("texts.csv");
    Files.writeString(csv, "text,label\na,x\n");
    r = CliRunner.run("embed", "texts", csv.toString(), "--encoder", "minilm", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("must be JSON Lines");

    Path dup = tmp.resolve("dup.jsonl");
    Files.writeString(dup, "{\"text\": \"a\", \"label\": \"x\", \"id\": \"k\"}\n{\"text\": \"b\", \"label\": \"x\", \"id\": \"k\"}\n");
    r = CliRunner.run("embed", "texts", dup.toString(), "--encoder", "minilm", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("item id 'k' already appears on line 1");
    assertThat(out).doesNotExist();
  }
}
