package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * {@code glassbox demo} on the default concept world: the numbers, and its report in
 * headless Chromium (a screenshot is kept in target/screenshots/).
 */
@Tag("heavy")
class DemoTest {
  @TempDir
  static Path tmp;

  static CliRunner.Result run;
  static JsonNode metrics;

  @BeforeAll
  static void runTheDemo() {
    run = CliRunner.run("demo", "--out", tmp.resolve("out").toString(), "--cache", tmp.resolve("cache").toString(), "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    metrics = run.json();
  }

  @Test
  void theCbmIsAccurateAndItsExplanationsAreTrue() {
    assertThat(metrics.path("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.90);
    assertThat(metrics.path("species_top3_true_visual_share").asDouble()).isGreaterThanOrEqualTo(0.80);
    assertThat(metrics.path("nonvisual_dropped_share").asDouble()).isGreaterThanOrEqualTo(0.80);
    // Issue 5: filters and selection keep at least 90% of the visual concepts the field guide names.
    assertThat(metrics.path("visual_concepts_kept_share").asDouble()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void reportsTheImageTowersZeroShotConceptDetection() {
    assertThat(metrics.path("zero_shot_concept_auc_mean").asDouble()).isGreaterThanOrEqualTo(0.85);
    assertThat(metrics.path("zero_shot_paraphrase_auc_mean").isNumber()).isTrue();
    JsonNode per = metrics.path("zero_shot_concept_auc");
    assertThat(per.size()).isGreaterThanOrEqualTo(40);
    assertThat(per.path("yellow crown").path("auc").asDouble()).isGreaterThan(0.5);
    assertThat(per.path("yellow crown").path("paraphrases").size()).isPositive();
  }

  @Test
  void writesAModelTheOtherCommandsRead() throws Exception {
    Path model = Path.of(metrics.path("model").asText());
    CliRunner.Result inspect = CliRunner.run("inspect", "--model", model.toString());
    assertThat(inspect.exit()).isZero();
    assertThat(inspect.json().path("provenance").path("encoder").path("name").asText()).isEqualTo("glassbox-world-image-v1");
    CliRunner.Result explain = CliRunner.run("explain", "--model", model.toString(), "--class", "Crimson Tanager");
    assertThat(explain.exit()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("Crimson Tanager");
    // 'demo --serve' offers one test image per species as the web UI's samples, flat in one folder.
    try (var samples = java.nio.file.Files.list(tmp.resolve("out").resolve("samples"))) {
      assertThat(samples.map(p -> p.getFileName().toString()).toList()).hasSize(24).allMatch(n -> n.endsWith(".png"))
          .anyMatch(n -> n.startsWith("ash-dove-"));
    }
  }

  @Test
  void theReportRendersInHeadlessChromium() throws Exception {
    Path report = Path.of(metrics.path("report").asText());
    assertThat(report).exists();
    try (HeadlessChromium chrome = new HeadlessChromium(tmp.resolve("chrome"), 1280, 2000)) {
      chrome.driver.get(report.toUri().toString());
      assertThat(chrome.driver.getTitle()).contains("Glassbox demo");
      String summary = chrome.driver.findElement(By.id("summary")).getText();
      assertThat(summary).contains("Test accuracy").contains("%");
      List<WebElement> species = chrome.driver.findElements(By.cssSelector("#species .card h3"));
      assertThat(species).hasSize(24);
      assertThat(species.get(0).getText()).isNotBlank();
      Long loaded = (Long) ((JavascriptExecutor) chrome.driver).executeScript(
          "return Array.from(document.images).filter(i => i.complete && i.naturalWidth === 128).length;");
      assertThat(loaded).isGreaterThanOrEqualTo(24);
      assertThat(chrome.driver.findElements(By.cssSelector("#examples svg.bars rect")).size()).isGreaterThan(10);
      assertThat(chrome.driver.findElement(By.id("detection")).getText()).contains("yellow crown");
      chrome.screenshot(Path.of("target", "screenshots", "demo-report.png"));
    }
    assertThat(Files.size(Path.of("target", "screenshots", "demo-report.png"))).isGreaterThan(10_000);
  }
}
