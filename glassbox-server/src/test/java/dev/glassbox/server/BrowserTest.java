package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium (Debian's chromium and chromedriver): upload a concept-world image
 * and see its predicted species and concept bars; toggle an intervention and see the prediction
 * change; make an edit and see the new version and its accuracy. Screenshots go to
 * {@code target/screenshots/}.
 */
@Tag("heavy")
class BrowserTest {
  @TempDir
  static Path tmp;

  static WorldFixture.Built world;
  static GlassboxServer server;
  static Http http;
  static WebDriver driver;
  static WebDriverWait wait;
  static Path screenshots;

  @BeforeAll
  static void start() throws Exception {
    world = WorldFixture.build(tmp, 6, 30);
    server = GlassboxServer.start(ServerConfig.defaults(world.models()).withPort(0).withReloadInterval(Duration.ZERO)
        .withDatasets(Map.of("birds", world.datasetDir()))
        .withSamplesDir(world.samplesDir()));
    http = new Http(server.uri());
    screenshots = Files.createDirectories(Path.of(System.getProperty("glassbox.server.screenshots", "target/screenshots")));
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver")))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  static void shot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(screenshots.resolve(name), png);
  }

  static void open() {
    driver.get(server.uri().toString());
    wait.until(d -> d.findElements(By.cssSelector("#model-select option")).size() > 0);
    wait.until(d -> d.findElements(By.cssSelector("#sample-list .sample")).size() > 0);
  }

  static Path sample(int i) throws Exception {
    try (var s = Files.list(world.samplesDir())) {
      return s.sorted().toList().get(i);
    }
  }

  @Test
  void uploadInterveneAndEdit() throws Exception {
    open();
    // 1. Upload an image: the predicted species and the concept bars.
    Path image = sample(0);
    driver.findElement(By.id("file-input")).sendKeys(image.toAbsolutePath().toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("predicted-class")));
    wait.until(d -> !d.findElement(By.id("predicted-class")).getText().isBlank());
    JsonNode api = http.post("/v1/models/birds/explain?top=5", "image/png", Files.readAllBytes(image)).json();
    String predicted = api.path("predicted").path("class").asText();
    assertThat(driver.findElement(By.id("predicted-class")).getText()).isEqualTo(predicted);
    assertThat(world.world().speciesNames()).contains(predicted);
    // The sample is a test image of the world; the world tower's model names its species.
    String truth = world.world().speciesNames().get(world.world().labels()[world.sampleItems().get(0)]);
    assertThat(predicted).isEqualTo(truth);
    List<WebElement> bars = driver.findElements(By.cssSelector("#contrib-chart .bar"));
    assertThat(bars).hasSize(Math.min(12, api.path("contributions").size()));
    assertThat(bars.get(0).getAttribute("data-concept")).isEqualTo(api.path("contributions").get(0).path("concept").asText());
    assertThat(driver.findElements(By.cssSelector("#contrib-chart .fill.pos, #contrib-chart .fill.neg"))).isNotEmpty();
    shot("01-upload-prediction.png");

    // 2. Toggle an intervention that the API says changes the prediction; the UI must show the change.
    String[] chosen = null;
    JsonNode embedding = http.post("/v1/models/birds/explain?return_embedding=true", "image/png", Files.readAllBytes(image)).json()
        .path("embedding");
    search:
    for (int i = 0; i < Math.min(8, api.path("contributions").size()); i++) {
      String concept = api.path("contributions").get(i).path("concept").asText();
      for (String kind : new String[] {"low", "zero", "high"}) {
        Map<String, Object> body = kind.equals("zero")
            ? Map.of("embedding", embedding, "zero", List.of(concept))
            : Map.of("embedding", embedding, "set", Map.of(concept, kind.equals("high") ? 3 : -3));
        JsonNode r = http.postJson("/v1/models/birds/intervene", body).json();
        if (r.path("changed").asBoolean()) {
          chosen = new String[] {concept, kind, r.path("after").path("predicted").path("class").asText()};
          break search;
        }
      }
    }
    assertThat(chosen).as("some single intervention on a top concept changes the prediction").isNotNull();
    String[] iv = chosen;
    driver.findElement(By.cssSelector(".iv-btn[data-concept=\"" + iv[0] + "\"][data-kind=\"" + iv[1] + "\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("after-box")));
    wait.until(d -> d.findElement(By.id("after-class")).getText().equals(iv[2]));
    assertThat(driver.findElement(By.id("after-class")).getText()).isNotEqualTo(predicted);
    assertThat(driver.findElement(By.id("after-prob")).getText()).contains("changed");
    assertThat(driver.findElement(By.cssSelector(".iv-btn.on")).getAttribute("data-concept")).isEqualTo(iv[0]);
    shot("02-intervention.png");

    // 3. Remove a concept: the new version and the validation accuracy before and after.
    driver.findElement(By.cssSelector(".tab[data-tab=edit]")).click();
    WebElement concept = driver.findElement(By.id("edit-concept"));
    concept.clear();
    concept.sendKeys(api.path("contributions").get(0).path("concept").asText());
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("edit-action"))).selectByValue("remove");
    driver.findElement(By.id("edit-apply")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-version")));
    assertThat(driver.findElement(By.id("edit-version")).getText()).isEqualTo("2");
    assertThat(driver.findElement(By.id("acc-before")).getText()).matches("\\d+\\.\\d%");
    assertThat(driver.findElement(By.id("acc-after")).getText()).matches("\\d+\\.\\d%");
    wait.until(d -> d.findElement(By.id("version-badge")).getText().equals("v2"));
    assertThat(driver.findElement(By.id("edit-history")).getText()).contains("removed");
    assertThat(http.get("/v1/models/birds").json().path("version").asInt()).isEqualTo(2);
    shot("03-edit.png");
  }

  @Test
  void classBrowserHeatMapAndModelCard() throws Exception {
    open();
    driver.findElement(By.cssSelector(".tab[data-tab=classes]")).click();
    String first = world.world().speciesNames().get(0);
    wait.until(d -> d.findElement(By.id("class-title")).getText().startsWith(first));
    // The class with the most non-zero weights (the other test's edit may leave a class with none): one bar per weight.
    JsonNode model = http.get("/v1/models/birds").json();
    int densest = 1;
    for (int c = 0; c < model.path("classes").size(); c++) {
      if (c != 0 && model.path("non_zeros_per_class").get(c).asInt() > model.path("non_zeros_per_class").get(densest).asInt()) {
        densest = c;
      }
    }
    int weights = model.path("non_zeros_per_class").get(densest).asInt();
    assertThat(weights).isPositive();
    driver.findElements(By.cssSelector("#class-list li")).get(densest).click();
    String second = world.world().speciesNames().get(densest);
    wait.until(d -> d.findElement(By.id("class-title")).getText().startsWith(second));
    wait.until(d -> d.findElements(By.cssSelector("#class-weights .bar")).size() == weights);
    assertThat(driver.findElement(By.id("class-title")).getText()).contains(weights + " concept weights");
    shot("04-classes.png");

    driver.findElement(By.cssSelector(".tab[data-tab=heatmap]")).click();
    wait.until(d -> Integer.parseInt(d.findElement(By.id("heatmap")).getAttribute("width")) > 200);
    shot("05-heatmap.png");

    driver.findElement(By.cssSelector(".tab[data-tab=card]")).click();
    wait.until(d -> d.findElement(By.id("card")).getText().contains("sparse"));
    assertThat(driver.findElement(By.id("card")).getText()).contains(dev.glassbox.world.tower.WorldImageEncoder.NAME).contains("dataset fingerprint");
    shot("06-model-card.png");

    driver.findElement(By.cssSelector(".tab[data-tab=predict]")).click();
    driver.findElements(By.cssSelector("#sample-list .sample")).get(2).click();
    wait.until(d -> !d.findElement(By.id("predicted-class")).getText().isBlank());
    shot("07-sample.png");
  }
}
