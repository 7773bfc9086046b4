package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @Test
  void immutableMapsAreWrittenWithSortedKeysAndOrderedMapsAsTheyAre() {
    // Map.of iterates in an order salted per JVM: sorted on output, so reruns write the same bytes.
    Map<String, Object> salted = Map.of("zeta", 1, "alpha", Map.of("y", 2, "b", 3, "m", 4), "mu", List.of(Map.of("q", 1, "c", 2)));
    String s = Json.string(salted).replaceAll("\\s+", "");
    assertThat(s).isEqualTo("{\"alpha\":{\"b\":3,\"m\":4,\"y\":2},\"mu\":[{\"c\":2,\"q\":1}],\"zeta\":1}");
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("zebra", 1);
    ordered.put("ant", 2);
    assertThat(Json.string(ordered).replaceAll("\\s+", "")).isEqualTo("{\"zebra\":1,\"ant\":2}");
    // Keys that do not compare with each other are ordered by their text.
    Map<Object, Object> mixed = Map.of(2, "two", "b", "bee", 1.5, "x");
    assertThat(Json.sorted(mixed).keySet()).map(String::valueOf).containsExactly("1.5", "2", "b");
  }

  @Test
  void conceptMetadataKeepsItsSourceOrder() {
    Map<String, String> meta = new LinkedHashMap<>();
    for (String k : List.of("file", "format", "position", "score", "classes", "a", "z")) {
      meta.put(k, k);
    }
    assertThat(new Concept("striped", "file", "zebra", meta).metadata().keySet())
        .containsExactly("file", "format", "position", "score", "classes", "a", "z");
  }

  @Test
  void aTruncatedFileIsNamedWithoutJacksonsInternalSourceText(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cut.json");
    Files.writeString(f, "{\"concepts\": [");
    assertThatThrownBy(() -> Json.read(f))
        .hasMessageStartingWith(f + " is not valid JSON: ")
        .hasMessageContaining("line 1, column 14")
        .hasMessageNotContaining("Source:").hasMessageNotContaining("REDACTED");
    Files.writeString(f, "[{\"text\": 5}]");
    assertThatThrownBy(() -> ConceptSetFiles.readJson(f))
        .hasMessageContaining("concept 0 has a \"text\" that is number 5, expected a string");
  }
}
