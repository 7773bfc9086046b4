package dev.glassbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldDeterminismTest {

  @Test
  void sameSeedGivesByteIdenticalImagesAndPartMaps() {
    String a = TestWorlds.hash(World.generate(TestWorlds.small(11)));
    String b = TestWorlds.hash(World.generate(TestWorlds.small(11)));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void differentSeedGivesDifferentImages() {
    assertThat(TestWorlds.hash(World.generate(TestWorlds.small(11))))
        .isNotEqualTo(TestWorlds.hash(World.generate(TestWorlds.small(12))));
  }

  @Test
  void renderingDoesNotDependOnOrderOrThreads() {
    World w = World.generate(TestWorlds.small(5));
    String[] sequential = new String[w.size()];
    for (int i = 0; i < w.size(); i++) {
      sequential[i] = Hashing.hex(Hashing.sha256().digest(PngEncoder.rgb(w.render(i).image())));
    }
    String[] parallelReversed = new String[w.size()];
    IntStream.range(0, w.size()).parallel().map(i -> w.size() - 1 - i)
        .forEach(i -> parallelReversed[i] = Hashing.hex(Hashing.sha256().digest(PngEncoder.rgb(w.render(i).image()))));
    assertThat(parallelReversed).containsExactly(sequential);
  }

  @Test
  void aFreshJvmDrawsTheSameBytes() throws Exception {
    String here = TestWorlds.hash(World.generate(TestWorlds.small(21)));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), TestWorlds.class.getName(), "21")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).isEqualTo(here);
  }

  @Test
  void twoExportsOfTheSameConfigAreByteIdentical(@TempDir Path tmp) throws IOException {
    WorldExporter.export(World.generate(TestWorlds.small(3)), tmp.resolve("a"));
    WorldExporter.export(World.generate(TestWorlds.small(3)), tmp.resolve("b"));
    List<Path> a = files(tmp.resolve("a"));
    List<Path> b = files(tmp.resolve("b"));
    assertThat(a).isEqualTo(b);
    assertThat(a).contains(Path.of("ground-truth.json"), Path.of("field-guide.json"), Path.of("manifest.json"));
    for (Path rel : a) {
      assertThat(Files.readAllBytes(tmp.resolve("b").resolve(rel))).as(rel.toString())
          .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(rel)));
    }
  }

  @Test
  void fieldGuideAndSpecsAreSeeded() {
    World a = World.generate(TestWorlds.small(8));
    World b = World.generate(TestWorlds.small(8));
    World c = World.generate(TestWorlds.small(9));
    assertThat(a.fieldGuide().sentences()).isEqualTo(b.fieldGuide().sentences());
    assertThat(a.fieldGuide().sentences()).isNotEqualTo(c.fieldGuide().sentences());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.spec(i)).isEqualTo(b.spec(i));
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).map(root::relativize).sorted().toList());
      return out;
    }
  }
}
