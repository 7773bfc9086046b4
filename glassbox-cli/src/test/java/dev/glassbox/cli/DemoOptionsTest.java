package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's and the world studies' options are checked before any world is built; --out never replaces a folder of the user's. */
class DemoOptionsTest {
  @TempDir
  Path tmp;

  private CliRunner.Result usage(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
    return r;
  }

  @Test
  void theDemoNeverReplacesAFolderThatIsNotAnEarlierDemosReport() throws Exception {
    Path cache = tmp.resolve("cache");
    Path mine = Files.createDirectories(tmp.resolve("thesis"));
    Files.writeString(mine.resolve("chapter1.txt"), "precious");
    assertThat(usage("demo", "--out", mine.toString(), "--cache", cache.toString()).err())
        .contains("is a folder that is not an earlier demo's report").contains("give a new folder");
    assertThat(mine.resolve("chapter1.txt")).hasContent("precious");
    assertThat(usage("demo", "--out", "", "--cache", cache.toString()).err()).contains("--out is empty");
    assertThat(usage("demo", "--out", cache.toString(), "--cache", cache.toString()).err()).contains("is the input --cache");
    assertThat(usage("demo", "--out", tmp.toString(), "--cache", cache.toString()).err()).contains("holds the input --cache");
    assertThat(cache).doesNotExist();
  }

  @Test
  void outOfRangeOptionsAreUsageErrorsNamingTheOptionBeforeAnyWork() {
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("out");
    String[][] bad = {{"--species", "0", "--species"}, {"--images-per-species", "2", "--images-per-species"},
        {"--per-class", "0", "--per-class"}, {"--set", "foo=1", "has no option 'foo'"}, {"--set", "alpha=NaN", "alpha=NaN"}};
    for (String[] b : bad) {
      assertThat(usage("demo", "--out", out.toString(), "--cache", cache.toString(), b[0], b[1]).err()).contains(b[2]);
    }
    assertThat(usage("demo", "--out", out.toString(), "--cache", cache.toString(), "--serve", "--port", "70000").err()).contains("--port");
    assertThat(usage("world", "compare-selection", "--cache", cache.toString(), "--pool", "bogus").err())
        .contains("Invalid value for option '--pool'");
    assertThat(usage("world", "compare-selection", "--cache", cache.toString(), "--seeds", "0").err()).contains("--seeds");
    assertThat(usage("world", "compare-selection", "--cache", cache.toString(), "--method", "bogus").err()).contains("--method");
    assertThat(usage("world", "export-dataset", "--cache", cache.toString(), "--out", out.toString(), "--concepts", "bogus").err())
        .contains("Invalid value for option '--concepts'");
    // Nothing was generated or written.
    assertThat(cache).doesNotExist();
    assertThat(out).doesNotExist();
  }
}
