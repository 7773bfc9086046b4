package dev.glassbox.encoders.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.encoders.image.ClipPreprocessor;
import dev.glassbox.encoders.image.ImageDecodeException;
import dev.glassbox.encoders.image.PreprocessConfig;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.util.Hashing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end checks of the ONNX towers against the PyTorch outputs of the tiny CLIP fixture. */
class OnnxClipEncodersTest {
  private static final float TOLERANCE = 1e-5f;

  @TempDir static Path dir;
  private static ClipModelDirectory model;
  private static OnnxClipImageEncoder image;
  private static OnnxClipTextEncoder text;
  private static JsonNode index;

  @BeforeAll
  static void open() throws IOException {
    model = ClipModelDirectory.open(TinyClip.directory(dir));
    OnnxConfig onnx = OnnxConfig.defaults().withIntraOpThreads(1).withBatchSize(3);
    image = model.openImageEncoder(onnx);
    text = model.openTextEncoder(onnx);
    index = TinyClip.index();
  }

  @AfterAll
  static void close() {
    image.close();
    text.close();
  }

  private static Path preprocessResource(String name) {
    return dev.glassbox.encoders.TestResources.path("preprocess/" + name);
  }

  private static void assertRowsClose(FloatMatrix got, float[][] want, String what) {
    assertThat(got.rows()).isEqualTo(want.length);
    assertThat(got.cols()).isEqualTo(want[0].length);
    for (int i = 0; i < want.length; i++) {
      for (int j = 0; j < want[i].length; j++) {
        assertThat(got.get(i, j)).as("%s row %d dim %d", what, i, j).isCloseTo(want[i][j], within(TOLERANCE));
      }
    }
  }

  private static List<String> embeddedImages() {
    List<String> out = new ArrayList<>();
    index.get("embedded_images").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void configIsReadFromTheDirectory() {
    ClipModelConfig c = model.config();
    assertThat(c.name()).isEqualTo("tiny-clip-test");
    assertThat(c.preprocess()).isEqualTo(PreprocessConfig.clip(224));
    assertThat(c.contextLength()).isEqualTo(77);
    assertThat(model.logitScale()).isEqualTo(100.0);
    assertThat(c.tokenizerKind()).isEqualTo("clip_bpe");
  }

  @Test
  void identitiesCarryTheSha256OfEachOnnxFileAndTheDimension() throws IOException {
    assertThat(image.identity().sha256())
        .isEqualTo(Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(TinyClip.resource("image.onnx")))));
    assertThat(text.identity().sha256())
        .isEqualTo(Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(TinyClip.resource("text.onnx")))));
    assertThat(image.identity().dim()).isEqualTo(24);
    assertThat(text.identity().dim()).isEqualTo(24);
    assertThat(image.identity().name()).isEqualTo("tiny-clip-test");
  }

  @Test
  void textEmbeddingsMatchPyTorch() throws IOException {
    List<String> texts = new ArrayList<>();
    index.get("texts").forEach(t -> texts.add(t.get("text").asText()));
    for (int i = 0; i < texts.size(); i++) {
      int[] ids = text.tokenizer().ids(texts.get(i));
      JsonNode want = index.get("texts").get(i).get("ids");
      assertThat(ids).hasSize(want.size());
      for (int k = 0; k < ids.length; k++) {
        assertThat(ids[k]).isEqualTo(want.get(k).asInt());
      }
    }
    FloatMatrix got = text.encode(texts);
    assertRowsClose(got, TinyClip.matrix("text_embeds.f32", texts.size(), 24, true), "text embedding");
  }

  @Test
  void imageEmbeddingsOfReferenceTensorsMatchPyTorch() throws IOException {
    List<String> names = embeddedImages();
    ClipPreprocessor pre = image.preprocessor();
    float[] pixels = new float[names.size() * pre.tensorLength()];
    for (int i = 0; i < names.size(); i++) {
      BufferedImage ref = ImageIO.read(preprocessResource("reference/" + names.get(i) + ".png").toFile());
      byte[] rgb = new byte[224 * 224 * 3];
      int[] band = new int[224 * 224];
      for (int b = 0; b < 3; b++) {
        ref.getRaster().getSamples(0, 0, 224, 224, b, band);
        for (int p = 0; p < band.length; p++) {
          rgb[3 * p + b] = (byte) band[p];
        }
      }
      pre.normalize(rgb, pixels, i * pre.tensorLength());
    }
    FloatMatrix got = image.encodeTensors(pixels, names.size());
    assertRowsClose(got, TinyClip.matrix("image_embeds.f32", names.size(), 24, true), "image embedding");
  }

  @Test
  void imageFilesEmbedEndToEndLikePyTorch() throws IOException {
    List<String> names = embeddedImages();
    List<Path> files = names.stream().map(OnnxClipEncodersTest::preprocessResource).toList();
    FloatMatrix got = image.encodeFiles(files);
    assertRowsClose(got, TinyClip.matrix("image_embeds.f32", names.size(), 24, true), "image embedding from file");
  }

  @Test
  void bufferedImagesGoThroughTheSamePreprocessing() throws IOException {
    Path png = preprocessResource("rgb-odd-301x217.png");
    FloatMatrix fromFile = image.encodeFiles(List.of(png));
    FloatMatrix fromBuffered = image.encode(List.of(ImageIO.read(png.toFile())));
    assertThat(fromBuffered.data()).containsExactly(fromFile.data());
  }

  @Test
  void batchingDoesNotChangeEmbeddings() throws IOException, ImageDecodeException {
    List<Path> files = embeddedImages().stream().map(OnnxClipEncodersTest::preprocessResource).toList();
    FloatMatrix all = image.encodeFiles(files);
    for (int i = 0; i < files.size(); i++) {
      FloatMatrix one = image.encodeFiles(List.of(files.get(i)));
      for (int j = 0; j < 24; j++) {
        assertThat(one.get(0, j)).isCloseTo(all.get(i, j), within(1e-6f));
      }
    }
    List<String> texts = List.of("a", "b c", "yellow crown", "hooked bill", "x");
    FloatMatrix t = text.encode(texts);
    FloatMatrix single = text.encode(List.of("hooked bill"));
    for (int j = 0; j < 24; j++) {
      assertThat(single.get(0, j)).isCloseTo(t.get(3, j), within(1e-6f));
    }
  }

  @Test
  void outputsAreUnitLengthWhenTheConfigNormalises() {
    FloatMatrix t = text.encode(List.of("a photo of a bird"));
    double ss = 0;
    for (int j = 0; j < t.cols(); j++) {
      ss += t.get(0, j) * t.get(0, j);
    }
    assertThat(ss).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void textsLongerThanTheContextAreTruncatedNotRejected() {
    FloatMatrix t = text.encode(List.of("bird ".repeat(300)));
    assertThat(t.rows()).isEqualTo(1);
    assertThat(t.firstNonFinite()).isNegative();
  }

  @Test
  void emptyInputsGiveEmptyMatrices() {
    assertThat(text.encode(List.of()).rows()).isZero();
    assertThat(image.encode(List.of()).rows()).isZero();
    assertThat(image.encode(List.of()).cols()).isEqualTo(24);
  }
}
