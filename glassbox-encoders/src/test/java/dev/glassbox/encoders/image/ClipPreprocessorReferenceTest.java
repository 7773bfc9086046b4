package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks preprocessing against PIL + torchvision references written by make_fixtures.py. */
class ClipPreprocessorReferenceTest {
  private static final ClipPreprocessor CLIP = new ClipPreprocessor(PreprocessConfig.clip(224));

  static Path resource(String name) {
    try {
      return Path.of(ClipPreprocessorReferenceTest.class.getResource("/preprocess/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode index() throws IOException {
    try (InputStream in = ClipPreprocessorReferenceTest.class.getResourceAsStream("/preprocess/reference/index.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<JsonNode> images() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    index().get("images").forEach(out::add);
    return out.stream();
  }

  static Stream<JsonNode> exifImages() throws IOException {
    return images().filter(e -> e.has("noexif_reference"));
  }

  static byte[] referenceRgb(String name) throws IOException {
    BufferedImage ref = ImageIO.read(resource("reference/" + name).toFile());
    Raster r = ref.getRaster();
    int w = ref.getWidth();
    int h = ref.getHeight();
    byte[] out = new byte[w * h * 3];
    int[] band = new int[w * h];
    // Only R, G, B: PIL keeps a palette's transparent colour as a tRNS chunk, which Java reads as alpha.
    for (int b = 0; b < 3; b++) {
      r.getSamples(0, 0, w, h, b, band);
      for (int i = 0; i < band.length; i++) {
        out[3 * i + b] = (byte) band[i];
      }
    }
    return out;
  }

  /** Largest absolute difference, number of differing samples, and sum of absolute differences. */
  static int[] compare(byte[] got, byte[] want) {
    assertThat(got).hasSameSizeAs(want);
    int max = 0;
    int differing = 0;
    int sum = 0;
    for (int i = 0; i < got.length; i++) {
      int d = Math.abs((got[i] & 0xff) - (want[i] & 0xff));
      max = Math.max(max, d);
      sum += d;
      if (d != 0) {
        differing++;
      }
    }
    return new int[] {max, differing, sum};
  }

  @Test
  void referenceCoversEveryKindOfImageTheIssueNames() throws IOException {
    List<String> modes = images().map(e -> e.get("pil_mode").asText()).distinct().toList();
    assertThat(modes).contains("RGB", "L", "LA", "RGBA", "P", "1", "CMYK", "I");
    assertThat(exifImages().count()).isEqualTo(7);
    assertThat(images().map(e -> e.get("file").asText().replaceAll(".*\\.", "")).distinct().toList())
        .contains("png", "jpg", "bmp", "gif", "webp");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void matchesPilAndTorchvisionWithinOneLevelPerSample(JsonNode entry) throws IOException {
    String file = entry.get("file").asText();
    DecodedImage image = new ImageDecoder().decode(resource(file));
    assertThat(image.mode().name()).as("PIL mode of %s", file).isEqualTo(pilModeName(entry.get("pil_mode").asText()));
    int[] diff = compare(CLIP.resizeCropRgb(image), referenceRgb(entry.get("reference").asText()));
    System.out.printf("%-36s max diff %d, %d of %d samples differ, mean abs diff %.3f%n", file, diff[0], diff[1],
        224 * 224 * 3, diff[2] / (224.0 * 224 * 3));
    if (file.contains("lossy") && file.endsWith(".webp")) {
      // TwelveMonkeys' VP8 decoder is not libwebp: its chroma upsampling and YUV→RGB rounding differ,
      // so lossy WebP matches PIL only approximately (measured: mean 2.4 levels, max 52 at colour edges).
      assertThat(diff[2] / (224.0 * 224 * 3)).as("mean difference from the PIL reference of %s", file).isLessThan(3.0);
      return;
    }
    assertThat(diff[0]).as("largest difference from the PIL reference of %s", file).isLessThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exifImages")
  void withoutExifOrientationMatchesTheUntransposedReference(JsonNode entry) throws IOException {
    String file = entry.get("file").asText();
    ImageDecoder raw = new ImageDecoder(ImageDecoderConfig.defaults().withApplyExifOrientation(false));
    int[] diff = compare(CLIP.resizeCropRgb(raw.decode(resource(file))), referenceRgb(entry.get("noexif_reference").asText()));
    assertThat(diff[0]).as("largest difference from the untransposed PIL reference of %s", file).isLessThanOrEqualTo(1);
  }

  private static String pilModeName(String pil) {
    return switch (pil) {
      case "1" -> "BILEVEL";
      default -> pil;
    };
  }
}
