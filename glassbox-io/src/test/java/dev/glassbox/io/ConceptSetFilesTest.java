package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConceptSetFilesTest {
  @TempDir
  Path tmp;

  @Test
  void jsonRoundTripKeepsSourceClassAndMetadata() throws Exception {
    ConceptSet s = new ConceptSet(List.of(new Concept("yellow crown", "llm", "goldfinch", Map.of("prompt", "p1")), Concept.of("wings")));
    Path f = tmp.resolve("c.json");
    ConceptSetFiles.write(f, s);
    assertThat(ConceptSetFiles.read(f)).isEqualTo(s);
  }

  @Test
  void readsPlainTextAndBareArrays() throws Exception {
    Path t = tmp.resolve("c.txt");
    Files.writeString(t, "# comment\nstripes\n\nblack and white\nstripes\n");
    assertThat(ConceptSetFiles.read(t).texts()).containsExactly("stripes", "black and white");
    Path j = tmp.resolve("a.json");
    Files.writeString(j, "[\"red\", {\"text\": \"wings\", \"class\": \"bird\"}]");
    assertThat(ConceptSetFiles.read(j).get(1).proposedBy()).isEqualTo("bird");
  }

  @Test
  void unknownFormatIsAClearError() throws Exception {
    Path f = tmp.resolve("c.xlsx");
    Files.writeString(f, "x");
    assertThatThrownBy(() -> ConceptSetFiles.read(f)).hasMessageContaining("has an unknown format");
  }
}
