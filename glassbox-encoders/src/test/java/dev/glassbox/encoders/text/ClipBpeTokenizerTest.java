package dev.glassbox.encoders.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.encoders.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipBpeTokenizerTest {
  private static ClipBpeTokenizer tokenizer;

  @BeforeAll
  static void load() throws IOException {
    tokenizer = ClipBpeTokenizer.load(SharedData.clipMerges());
  }

  private static List<JsonNode> reference() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(SharedData.path("clip-bpe/reference.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  @Test
  void reproducesEveryReferenceTokenization() throws IOException {
    List<JsonNode> lines = reference();
    assertThat(lines).hasSize(43);
    for (JsonNode line : lines) {
      String text = line.get("text").asText();
      assertThat(tokenizer.bpeIds(text)).as("bpe ids of \"%s\"", text).containsExactly(ints(line.get("bpe_ids")));
      assertThat(tokenizer.ids(text)).as("ids with special tokens of \"%s\"", text)
          .containsExactly(ints(line.get("with_special")));
    }
  }

  @Test
  void specialTokenIdsAreThoseOfClip() {
    assertThat(tokenizer.startId()).isEqualTo(49406);
    assertThat(tokenizer.endId()).isEqualTo(49407);
    assertThat(tokenizer.contextLength()).isEqualTo(77);
    assertThat(tokenizer.padId()).isZero();
  }

  @Test
  void truncatesToContextLengthKeepingTheEndTokenLast() {
    String longText = "bird ".repeat(200);
    int[] ids = tokenizer.ids(longText);
    assertThat(ids).hasSize(77);
    assertThat(ids[0]).isEqualTo(49406);
    assertThat(ids[76]).isEqualTo(49407);
    int bird = tokenizer.bpeIds("bird")[0];
    for (int i = 1; i < 76; i++) {
      assertThat(ids[i]).isEqualTo(bird);
    }
  }

  @Test
  void textOfExactlyContextLengthIsNotCut() {
    int[] ids = tokenizer.ids("bird ".repeat(75));
    assertThat(ids).hasSize(77);
    assertThat(ids[75]).isEqualTo(tokenizer.bpeIds("bird")[0]);
    assertThat(ids[76]).isEqualTo(49407);
    assertThat(tokenizer.ids("bird ".repeat(76))[75]).as("one token too many: the end token replaces the 76th").isEqualTo(
        tokenizer.bpeIds("bird")[0]);
  }

  @Test
  void batchPadsWithZerosToContextLengthLikeClipTokenize() {
    TokenBatch batch = tokenizer.batch(List.of("a photo of a cat", "", "bird ".repeat(100)), true);
    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.length()).isEqualTo(77);
    long[] first = Arrays.copyOfRange(batch.ids(), 0, 77);
    long[] expected = new long[77];
    long[] cat = {49406, 320, 1125, 539, 320, 2368, 49407};
    System.arraycopy(cat, 0, expected, 0, cat.length);
    assertThat(first).containsExactly(expected);
    assertThat(batch.tokenCount(0)).isEqualTo(7);
    assertThat(batch.tokenCount(1)).isEqualTo(2);
    assertThat(batch.tokenCount(2)).isEqualTo(77);
    assertThat(batch.row(1)).containsExactly(49406, 49407);
    assertThat(batch.ids()[77 + 2]).isZero();
    assertThat(batch.attentionMask()[77 + 2]).isZero();
  }

  @Test
  void batchCanPadToTheLongestRowOnly() {
    TokenBatch batch = tokenizer.batch(List.of("a photo of a cat", "a"), false);
    assertThat(batch.length()).isEqualTo(7);
    assertThat(batch.row(1)).containsExactly(49406, 320, 49407);
  }

  @Test
  void customPaddingIdAndContextLengthAreHonoured() throws IOException {
    ClipBpeTokenizer t = ClipBpeTokenizer.load(SharedData.clipMerges(), 5, 49407);
    assertThat(t.ids("a photo of a cat")).containsExactly(49406, 320, 1125, 539, 49407);
    TokenBatch batch = t.batch(List.of("a"), true);
    assertThat(batch.ids()).containsExactly(49406, 320, 49407, 49407, 49407);
    assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 0, 0);
  }

  @Test
  void cleaningUnescapesHtmlTwiceCollapsesSpaceAndLowerCases() {
    assertThat(tokenizer.clean("  Black &amp;amp; White\u00a0\u2003Wings \n")).isEqualTo("black & white wings");
    assertThat(tokenizer.clean("caf&eacute; &#233; &#xE9; &eacutex &notit; &bogus;")).isEqualTo("café é é éx ¬it; &bogus;");
    assertThat(tokenizer.clean("&#128; &#0; &#xD800; &#1; &#99999999999;")).isEqualTo("€ \ufffd \ufffd \ufffd");
    assertThat(tokenizer.bpeIds("dots &amp; globules")).containsExactly(tokenizer.bpeIds("dots & globules"));
  }

  @Test
  void contractionsSplitOffEvenInUpperCase() {
    assertThat(tokenizer.bpeIds("DON'T")).containsExactly(tokenizer.bpeIds("don't"));
    assertThat(tokenizer.bpeIds("it's")).startsWith(585, 568);
  }

  @Test
  void everyIdIsInsideTheVocabulary() {
    for (String s : List.of("ⅷ ﬁ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0000\u0007 \uFEFF ~~~", "🐦🐦🐦 मोर ٱلطَّائِر", "x".repeat(500))) {
      for (int id : tokenizer.bpeIds(s)) {
        assertThat(id).isBetween(0, ClipBpeTokenizer.VOCAB_SIZE - 1);
      }
    }
  }

  @Test
  void isThreadSafe() throws Exception {
    List<JsonNode> lines = reference();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int rep = 0; rep < 8; rep++) {
        ClipBpeTokenizer fresh = ClipBpeTokenizer.load(SharedData.clipMerges());
        for (int t = 0; t < 4; t++) {
          results.add(pool.submit(() -> {
            for (JsonNode line : lines) {
              if (!Arrays.equals(fresh.ids(line.get("text").asText()), ints(line.get("with_special")))) {
                return false;
              }
            }
            return true;
          }));
        }
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsAMissingMergesFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ClipBpeTokenizer.load(dir.resolve("nope.txt.gz")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.txt.gz");
  }

  @Test
  void rejectsATruncatedMergesFile() {
    byte[] text = "#version: 0.2\ni n\nt h\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ClipBpeTokenizer.read(new ByteArrayInputStream(text), 77, 0, "short.txt"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("short.txt holds 2 merges")
        .hasMessageContaining("48894");
  }

  @Test
  void rejectsAContextLengthWithoutRoomForSpecialTokens() {
    assertThatThrownBy(() -> ClipBpeTokenizer.load(SharedData.clipMerges(), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contextLength must be at least 2");
  }
}
