package dev.glassbox.encoders.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmTextEncoderTest {
  private static MiniLmTextEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = MiniLmTextEncoder.load(OnnxConfig.defaults().withIntraOpThreads(1).withBatchSize(4), 256);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static double dot(FloatMatrix m, int a, int b) {
    double s = 0;
    for (int j = 0; j < m.cols(); j++) {
      s += m.get(a, j) * m.get(b, j);
    }
    return s;
  }

  @Test
  void identityCarriesNameDimensionAndTheSha256OfTheOnnxBytes() throws IOException {
    byte[] onnx;
    try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(MiniLmTextEncoder.ONNX_RESOURCE)) {
      onnx = in.readAllBytes();
    }
    assertThat(encoder.identity().name()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(encoder.identity().dim()).isEqualTo(384);
    assertThat(encoder.identity().sha256()).isEqualTo(Hashing.hex(Hashing.sha256().digest(onnx))).hasSize(64);
  }

  @Test
  void matchesTheReferenceEmbeddingsOfTheSameOnnxFile() throws IOException {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("/minilm/reference.json")) {
      ref = new ObjectMapper().readTree(in);
    }
    List<String> texts = new ArrayList<>();
    ref.get("texts").forEach(t -> texts.add(t.get("text").asText()));
    FloatMatrix got = encoder.encode(texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonNode t = ref.get("texts").get(i);
      int[] ids = encoder.tokenizer().ids(texts.get(i));
      int[] refIds = new int[t.get("ids").size()];
      for (int k = 0; k < refIds.length; k++) {
        refIds[k] = t.get("ids").get(k).asInt();
      }
      assertThat(ids).as("token ids of \"%s\"", texts.get(i)).containsExactly(refIds);
      double cos = 0;
      for (int j = 0; j < 384; j++) {
        float want = (float) t.get("embedding").get(j).asDouble();
        assertThat(got.get(i, j)).as("dimension %d of \"%s\"", j, texts.get(i)).isCloseTo(want, within(1e-4f));
        cos += want * got.get(i, j);
      }
      assertThat(cos).as("cosine to the reference of \"%s\"", texts.get(i)).isGreaterThan(0.99999);
    }
  }

  @Test
  void yellowBirdIsCloserToGoldenBirdThanToAFireEngine() {
    FloatMatrix e = encoder.encode(List.of("a yellow bird", "a golden bird", "a red fire engine"));
    assertThat(dot(e, 0, 1)).isGreaterThan(dot(e, 0, 2) + 0.2);
  }

  @Test
  void embeddingsAreUnitLength() {
    FloatMatrix e = encoder.encode(List.of("striped wings", "", "a very long description ".repeat(100)));
    for (int i = 0; i < e.rows(); i++) {
      assertThat(dot(e, i, i)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void aTextsEmbeddingDoesNotDependOnTheOtherTextsEncodedWithIt() {
    List<String> texts = List.of("hooked bill", "a bird with a red breast and spotted belly", "webbed feet", "x",
        "iridescent green plumage", "white eye ring");
    FloatMatrix a = encoder.encode(texts);
    FloatMatrix b = encoder.encode(texts);
    assertThat(b.data()).containsExactly(a.data());
    for (int i = 0; i < texts.size(); i++) {
      FloatMatrix alone = encoder.encode(List.of(texts.get(i)));
      for (int j = 0; j < 384; j++) {
        assertThat(alone.get(0, j)).isEqualTo(a.get(i, j));
      }
    }
  }

  @Test
  void emptyListGivesAnEmptyMatrix() {
    FloatMatrix e = encoder.encode(List.of());
    assertThat(e.rows()).isZero();
    assertThat(e.cols()).isEqualTo(384);
  }

  @Test
  void longTextsAreTruncatedToTheTokenLimit() {
    int[] ids = encoder.tokenizer().ids("bird ".repeat(1000));
    assertThat(ids).hasSize(256);
    assertThat(ids[0]).isEqualTo(101);
    assertThat(ids[255]).isEqualTo(102);
  }

  @Test
  void rejectsATokenLimitBeyondThePositionTable() {
    assertThatThrownBy(() -> MiniLmTextEncoder.load(OnnxConfig.defaults(), 513))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTokens must be in [2, 512]");
  }
}
