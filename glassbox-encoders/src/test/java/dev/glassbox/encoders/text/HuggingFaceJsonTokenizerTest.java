package dev.glassbox.encoders.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceJsonTokenizerTest {
  private static HuggingFaceJsonTokenizer miniLm(int contextLength) throws IOException {
    try (InputStream in = HuggingFaceJsonTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      return HuggingFaceJsonTokenizer.read(in, contextLength, null, "minilm tokenizer.json");
    }
  }

  @Test
  void wordPieceIdsCarryClsAndSep() throws IOException {
    try (HuggingFaceJsonTokenizer t = miniLm(128)) {
      assertThat(t.ids("A Yellow bird")).containsExactly(101, 1037, 3756, 4743, 102);
      assertThat(t.tokens("goldfinch")).containsExactly("[CLS]", "gold", "##fin", "##ch", "[SEP]");
    }
  }

  @Test
  void setsDjlOfflineAndTrackingOptOut() throws IOException {
    try (HuggingFaceJsonTokenizer t = miniLm(16)) {
      assertThat(System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"))).isEqualTo("true");
      assertThat(System.getProperty("OPT_OUT_TRACKING", System.getenv("OPT_OUT_TRACKING"))).isEqualTo("true");
    }
  }

  @Test
  void truncatesKeepingSepLastAndPadsWithTheFilesPadId() throws IOException {
    try (HuggingFaceJsonTokenizer t = miniLm(6)) {
      assertThat(t.ids("one two three four five six seven")).hasSize(6).endsWith(102).startsWith(101);
      assertThat(t.padId()).isZero();
      TokenBatch b = t.batch(List.of("bird", "one two three four five six seven"), true);
      assertThat(b.length()).isEqualTo(6);
      assertThat(b.row(0)).containsExactly(101, 4743, 102);
      assertThat(b.attentionMask()).containsExactly(1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1);
      assertThat(b.ids()[3]).isZero();
    }
  }

  @Test
  void padsToTheLongestRowWhenAsked() throws IOException {
    try (HuggingFaceJsonTokenizer t = miniLm(64)) {
      TokenBatch b = t.batch(List.of("bird", "a yellow bird"), false);
      assertThat(b.length()).isEqualTo(5);
    }
  }

  @Test
  void rejectsAMissingFileByName(@TempDir Path dir) {
    assertThatThrownBy(() -> HuggingFaceJsonTokenizer.load(dir.resolve("tokenizer.json"), 77, null))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("tokenizer.json");
  }

  @Test
  void rejectsJsonThatIsNotATokenizer(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("tokenizer.json"), "{\"hello\": 1}");
    assertThatThrownBy(() -> HuggingFaceJsonTokenizer.load(p, 77, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Hugging Face tokenizer.json");
    byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HuggingFaceJsonTokenizer.read(new ByteArrayInputStream(garbage), 77, null, "garbage.json"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("garbage.json is not valid JSON");
  }
}
