package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpListTest {
  @Test
  void commandListsShowWholeFirstSentencesWrappedBetweenWords() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.exit()).isZero();
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    // The concepts command's description is written over three lines; its whole first sentence is listed.
    assertThat(commands.replaceAll("\\s+", " "))
        .contains("concepts Build a concept set: generate candidates for the classes, filter them, then select a budget of them.")
        .contains("help Display help information about the specified command.");
    for (String line : commands.split("\n")) {
      assertThat(line.length()).as("within the help width: %s", line).isLessThanOrEqualTo(110);
    }
    CliRunner.Result concepts = CliRunner.run("concepts", "--help");
    assertThat(concepts.out().replaceAll("\\s+", " "))
        .contains("generate Generate candidate concepts for classes from one source and write them as Glassbox concept JSON, atomically.");
  }

  @Test
  void firstSentenceSkipsAbbreviationsAndWrapCutsWithAnEllipsis() {
    assertThat(Main.firstSentence("Pick a set, e.g. the top ten. Then more.")).isEqualTo("Pick a set, e.g. the top ten.");
    assertThat(Main.firstSentence("No full stop here")).isEqualTo("No full stop here");
    assertThat(Main.wrap("one two three four five six", 9, 2)).isEqualTo(List.of("one two", "three …"));
    assertThat(Main.wrap("one two three", 20, 2)).isEqualTo(List.of("one two three"));
  }
}
