package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.encoders.TestImages;
import dev.glassbox.encoders.embed.ImageEmbeddingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumption for real: {@code glassbox embed images} runs in a child JVM, is killed with SIGKILL
 * once its journal shows progress, and the same command is run again.
 */
@Tag("heavy")
class EmbedKillResumeTest {
  private static final int IMAGES = 240;

  private static List<String> command(Path photos, Path model, Path out) {
    return List.of("embed", "images", photos.toString(), "--encoder", model.toString(), "--out", out.toString(), "--batch-size", "2",
        "--threads", "1", "--onnx-threads", "1", "--quiet", "--json");
  }

  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    assertThat(cp).as("the test class path must reach picocli").contains("picocli");
    return cp;
  }

  @Test
  void killedMidRunThenRerunRecomputesNothingAndMatchesAnUninterruptedRun(@TempDir Path dir) throws Exception {
    Path photos = dir.resolve("photos");
    for (int i = 0; i < IMAGES; i++) {
      TestImages.write(photos.resolve("class_" + (i % 4)).resolve(String.format("p%03d.jpg", i)), 160, 120, i, "jpg");
    }
    Files.write(photos.resolve("class_1/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    Path model = TinyClipModel.imageOnly();

    Path reference = dir.resolve("reference");
    CliRunner.Result whole = CliRunner.run(command(photos, model, reference).toArray(new String[0]));
    assertThat(whole.exit()).as(whole.err()).isZero();

    Path out = dir.resolve("cache");
    Path journal = ImageEmbeddingJob.stagingDirectory(out).resolve("journal.jsonl");
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx512m", "-cp", testClassPath(), Main.class.getName()));
    java.addAll(command(photos, model, out));
    ProcessBuilder pb = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
    pb.environment().put("OPT_OUT_TRACKING", "true");
    Process child = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(journal) < 10 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertThat(child.isAlive()).as("the child must still be running when killed (exit %s, journal lines %s); its log: %s", child.isAlive() ? "none" : String.valueOf(child.exitValue()), lines(journal), Files.readString(dir.resolve("child.log")))
        .isTrue();
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(out)).isFalse();
    List<String> done = Files.readAllLines(journal).stream().filter(l -> l.endsWith("}")).toList();
    int batchesDone = done.size();
    assertThat(batchesDone).isGreaterThanOrEqualTo(10).isLessThan((IMAGES + 1) / 2);

    CliRunner.Result resumed = CliRunner.run(command(photos, model, out).toArray(new String[0]));
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    JsonNode j = resumed.json();
    // One decode thread keeps batches in order, and every batch before the last holds 2 images.
    int itemsDone = 2 * batchesDone;
    assertThat(j.path("resumed_items").asInt()).isEqualTo(itemsDone);
    assertThat(j.path("batches_this_run").asInt()).isEqualTo((IMAGES + 1 + 1) / 2 - batchesDone);
    int brokenDoneBefore = done.stream().anyMatch(l -> l.contains("broken.jpg")) ? 1 : 0;
    assertThat(j.path("embedded_this_run").asInt()).isEqualTo(IMAGES - itemsDone + brokenDoneBefore);
    assertThat(j.path("skipped").asInt()).isEqualTo(1);
    assertThat(Files.exists(ImageEmbeddingJob.stagingDirectory(out))).isFalse();
    assertSameFiles(reference, out);
  }

  private static int lines(Path journal) {
    try {
      return Files.exists(journal) ? (int) Files.readAllLines(journal).stream().filter(l -> l.endsWith("}")).count() : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private static void assertSameFiles(Path a, Path b) throws Exception {
    List<String> names;
    try (Stream<Path> s = Files.list(a)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(b)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }
    for (String n : names) {
      assertThat(Files.readAllBytes(b.resolve(n))).as(n + " must be byte-identical").isEqualTo(Files.readAllBytes(a.resolve(n)));
    }
    assertThat(names).contains("embeddings.npy", "index.jsonl", "dataset.json", "skipped.jsonl");
  }
}
