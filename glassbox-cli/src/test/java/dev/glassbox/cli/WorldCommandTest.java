package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldCommandTest {
  @TempDir
  Path tmp;

  @Test
  void worldListsItsSubcommands() {
    CliRunner.Result r = CliRunner.run("world");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("train-encoder").contains("evaluate-encoder");
    assertThat(CliRunner.run("--help").out()).contains("world");
  }

  @Test
  void trainEncoderWithoutAnOutputDirectoryIsAUsageError() {
    CliRunner.Result r = CliRunner.run("world", "train-encoder");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--out=DIR'");
  }

  @Test
  void trainEncoderRefusesAnExistingDirectoryBeforeAnyWork() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("tower"));
    CliRunner.Result r = CliRunner.run("world", "train-encoder", "--out", out.toString(), "--quiet");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(out + ": exists; choose another directory or replace it (pass --force to replace it)");
  }

  @Test
  void evaluateEncoderMeasuresTheShippedTowerOnAFreshWorld() {
    CliRunner.Result r = CliRunner.run("world", "evaluate-encoder", "--seed", "31", "--images-per-species", "4", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.path("images").asInt()).isEqualTo(96);
    assertThat(j.path("worldSeed").asLong()).isEqualTo(31);
    assertThat(j.path("conceptAucMean").asDouble()).isBetween(0.5, 1.0);
    assertThat(j.path("paraphraseAucMean").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.path("perConcept").path("yellow crown").path("paraphrases").has("golden crown")).isTrue();
  }

  @Test
  void evaluateEncoderNamesAMissingTowerDirectory() {
    Path missing = tmp.resolve("no-tower");
    CliRunner.Result r = CliRunner.run("world", "evaluate-encoder", "--weights", missing.toString(), "--quiet");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(missing.resolve("metadata.json") + ": no such file; a world image-tower directory holds");
  }
}
