package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.glassbox.encoders.TestImages;
import dev.glassbox.encoders.embed.EmbedImagesConfig;
import dev.glassbox.encoders.embed.ImageEmbeddingJob;
import dev.glassbox.encoders.ingest.ImageCollection;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.progress.ProgressListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox embed images|concepts} end to end on the tiny CLIP fixture, through to {@code train}. */
class EmbedCommandTest {
  @TempDir
  static Path tmp;

  static Path photos;
  static Path model;
  static Path cache;
  static JsonNode summary;
  static String stderr;

  @BeforeAll
  static void embedImages() throws Exception {
    photos = TestImages.folder(tmp.resolve("photos"), 3, 12, 80, 60, 11);
    Files.write(photos.resolve("class_0/zero.jpg"), new byte[0]);
    TestImages.pngBomb(photos.resolve("class_2/bomb.png"), 30_000, 30_000);
    model = TinyClipModel.complete(tmp.resolve("model"));
    cache = tmp.resolve("cache");
    CliRunner.Result r = CliRunner.run("embed", "images", photos.toString(), "--encoder", model.toString(), "--out", cache.toString(),
        "--batch-size", "8", "--threads", "2", "--onnx-threads", "1", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    summary = r.json();
    stderr = r.err();
  }

  @Test
  void imagesSummaryCountsEmbeddedAndSkippedByReason() {
    assertThat(summary.path("items").asInt()).isEqualTo(38);
    assertThat(summary.path("embedded").asInt()).isEqualTo(36);
    assertThat(summary.path("skipped").asInt()).isEqualTo(2);
    assertThat(summary.path("skipped_by_reason").path("EMPTY").asInt()).isEqualTo(1);
    assertThat(summary.path("skipped_by_reason").path("TOO_LARGE").asInt()).isEqualTo(1);
    assertThat(summary.path("dim").asInt()).isEqualTo(24);
    assertThat(summary.path("encoder").asText()).isEqualTo("tiny-clip-test");
    assertThat(summary.path("session_seconds").asDouble()).isPositive();
    assertThat(stderr).contains("skipped 2 of 38 images").contains("TOO_LARGE").contains("bomb.png").contains("skipped.jsonl");
  }

  @Test
  void conceptsFromTheSameModelAttachAndTrainingRuns() throws Exception {
    Path data = tmp.resolve("with-concepts");
    Path concepts = Files.writeString(tmp.resolve("concepts.txt"), "red\ngreen\nblue\nbright\ndark\nstriped\nsmooth\nnoisy\n");
    CliRunner.Result c = CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", model.toString(), "--data", cache.toString(),
        "--out", data.toString(), "--json");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.json().path("concepts").asInt()).isEqualTo(8);
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      assertThat(s.concepts().concepts().size()).isEqualTo(8);
      assertThat(s.concepts().dim()).isEqualTo(24);
      assertThat(s.dataset().size()).isEqualTo(36);
    }
    assertThat(Files.exists(cache.resolve(DatasetStore.CONCEPTS))).as("--out leaves the source alone").isFalse();
    assertThat(Files.readString(data.resolve(DatasetStore.META))).contains("conceptEncoder");
    CliRunner.Result t = CliRunner.run("train", "--data", data.toString(), "--out", tmp.resolve("m").toString(), "--json");
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(t.json().has("val_accuracy")).isTrue();
  }

  @Test
  void miniLmIsRefusedForAClipCacheNamingBothEncoders() throws Exception {
    Path concepts = Files.writeString(tmp.resolve("c2.txt"), "red\n");
    CliRunner.Result r = CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", "minilm", "--data", cache.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("all-MiniLM-L6-v2-q").contains("384-d").contains("tiny-clip-test").contains("24-d");
    assertThat(Files.exists(cache.resolve(DatasetStore.CONCEPTS))).isFalse();
  }

  @Test
  void anOpenAiServerOfTheRightDimensionNeedsAllowOtherEncoder() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/embeddings", ex -> {
      JsonNode body = dev.glassbox.io.Json.MAPPER.readTree(ex.getRequestBody());
      StringBuilder sb = new StringBuilder("{\"data\": [");
      for (int i = 0; i < body.get("input").size(); i++) {
        sb.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append(", \"embedding\": [");
        for (int j = 0; j < 24; j++) {
          sb.append(j == 0 ? "" : ",").append((i + 1) * 0.01 + j * 0.001);
        }
        sb.append("]}");
      }
      byte[] b = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    try {
      String enc = "openai:toy@http://127.0.0.1:" + server.getAddress().getPort();
      Path concepts = Files.writeString(tmp.resolve("c3.txt"), "red\nblue\n");
      Path data = tmp.resolve("openai-concepts");
      CliRunner.Result refused = CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", enc, "--data", cache.toString(),
          "--out", data.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("is not the encoder 'tiny-clip-test'").contains("--allow-other-encoder");
      CliRunner.Result ok = CliRunner.run("embed", "concepts", concepts.toString(), "--encoder", enc, "--data", cache.toString(),
          "--out", data.toString(), "--allow-other-encoder", "--json");
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.json().path("encoder").asText()).startsWith("openai:toy@http://127.0.0.1:");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anExistingCacheIsNotOverwrittenWithoutForce() {
    CliRunner.Result r = CliRunner.run("embed", "images", photos.toString(), "--encoder", model.toString(), "--out", cache.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("already exists").contains("--force");
  }

  @Test
  void aLeftoverStagingDirectoryBesideTheFinishedCacheIsRemovedAndTheCacheReportedComplete() throws Exception {
    Path out = tmp.resolve("crash-window");
    Path staging = ImageEmbeddingJob.stagingDirectory(out);
    // The job the command below runs (batch 8, default decoder limits), stopped after its last batch is journaled.
    try (OnnxClipImageEncoder enc = ClipModelDirectory.open(model)
        .openImageEncoder(OnnxConfig.defaults().withIntraOpThreads(1).withBatchSize(8))) {
      int[] batches = {0};
      ProgressListener crashAtTheEnd = (stage, done, total) -> {
        if (done > 0 && ++batches[0] == 5) {
          throw new IllegalStateException("simulated crash");
        }
      };
      EmbedImagesConfig cfg = EmbedImagesConfig.defaults().withBatchSize(8).withDecodeThreads(2);
      assertThatThrownBy(() -> new ImageEmbeddingJob(cfg).run(ImageCollection.open(photos), enc, out, false, false, crashAtTheEnd))
          .hasMessageContaining("simulated crash");
    }
    Path leftover = tmp.resolve("crash-window-staging");
    Files.move(staging, leftover);
    Files.createDirectories(staging);
    try (var files = Files.list(leftover)) {
      for (Path f : files.toList()) {
        Files.copy(f, staging.resolve(f.getFileName().toString()));
      }
    }
    String[] command = {"embed", "images", photos.toString(), "--encoder", model.toString(), "--out", out.toString(), "--batch-size",
        "8", "--threads", "2", "--onnx-threads", "1"};
    CliRunner.Result finished = CliRunner.run(command);
    assertThat(finished.exit()).as(finished.err()).isZero();
    assertThat(finished.err()).contains("resumed an interrupted run: 38 of 38");
    assertThat(Files.exists(staging)).isFalse();
    byte[] index = Files.readAllBytes(out.resolve(DatasetStore.INDEX));
    // The kill between the final rename and the staging directory's removal.
    Files.move(leftover, staging);

    CliRunner.Result again = CliRunner.run(command);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("was already complete").contains("nothing was recomputed");
    assertThat(again.out()).contains("embedded 36 of 38 images");
    assertThat(Files.exists(staging)).isFalse();
    assertThat(Files.readAllBytes(out.resolve(DatasetStore.INDEX))).isEqualTo(index);
    // Without a staging directory an existing cache is refused as before.
    CliRunner.Result refused = CliRunner.run(command);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("already exists").contains("--force");
  }

  @Test
  void embedAloneIsAUsageError() {
    CliRunner.Result r = CliRunner.run("embed");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("images").contains("concepts");
    assertThat(CliRunner.run("embed", "images", "--encoder", "x", "--out", "y").exit()).isEqualTo(2);
  }
}
