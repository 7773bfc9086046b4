package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's bad-input cases: an unwritable report folder, a damaged cache, an interrupted first run. */
class DemoRecoveryTest {
  /** A small world so each run takes seconds. */
  static List<String> small(Path out, Path cache, String... more) {
    List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString(), "--cache", cache.toString(), "--species", "4",
        "--images-per-species", "16", "--quiet", "--json"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void anUnwritableReportFolderFailsAtOnceNamingIt(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    CliRunner.Result r = CliRunner.run(small(file.resolve("report"), tmp.resolve("cache")).toArray(new String[0]));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("a-file").contains("--out");
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  @Tag("heavy")
  void aDamagedCacheIsDetectedAndRegenerated(@TempDir Path tmp) throws Exception {
    Path cache = tmp.resolve("cache");
    CliRunner.Result first = CliRunner.run(small(tmp.resolve("a"), cache).toArray(new String[0]));
    assertThat(first.exit()).as(first.err()).isZero();
    Path world;
    try (Stream<Path> s = Files.list(cache)) {
      world = s.findFirst().orElseThrow();
    }
    Path png;
    try (Stream<Path> s = Files.walk(world.resolve("export").resolve("images"))) {
      png = s.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(png);
    b[b.length / 2] ^= 0x5a;
    Files.write(png, b);
    Path emb = world.resolve("embeddings.npy");
    byte[] e = Files.readAllBytes(emb);
    e[e.length - 10] ^= 0x11;
    Files.write(emb, e);

    CliRunner.Result second = CliRunner.run(small(tmp.resolve("b"), cache).toArray(new String[0]));
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).contains("cached world").contains("damaged").contains("generating it again");
    assertThat(second.err()).contains("cached image embeddings");
    JsonNode a = first.json();
    JsonNode c = second.json();
    assertThat(c.path("test_accuracy").asDouble()).isEqualTo(a.path("test_accuracy").asDouble());
    assertThat(c.path("nonzeros_per_class")).isEqualTo(a.path("nonzeros_per_class"));
  }

  @Test
  @Tag("heavy")
  void anInterruptedFirstRunRecoversCleanly(@TempDir Path tmp) throws Exception {
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("out");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Xmx1g", "-cp", cp,
        Main.class.getName()));
    // The default world, so that the run is long enough to be killed while it writes the cache.
    java.addAll(List.of("demo", "--out", out.toString(), "--cache", cache.toString(), "--json"));
    ProcessBuilder pb = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    pb.environment().put("OPT_OUT_TRACKING", "true");
    Process child = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // Kill it once it is writing the world's export (a hidden staging folder appears in the cache).
    while (child.isAlive() && System.nanoTime() < deadline && countPngs(cache) < 200) {
      Thread.sleep(5);
    }
    assertThat(child.isAlive()).as("the demo must still be running when killed; its log: %s", Files.readString(tmp.resolve("child.log")))
        .isTrue();
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).doesNotExist();

    CliRunner.Result again = CliRunner.run("demo", "--out", out.toString(), "--cache", cache.toString(), "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().path("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(out.resolve("report.html")).exists();
  }

  static long countPngs(Path cache) {
    if (!Files.exists(cache)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(p -> p.toString().endsWith(".png")).count();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
