package dev.glassbox.encoders.http;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.math.FloatMatrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * An image encoder served over HTTP by an OpenAI-compatible embeddings endpoint that accepts
 * images (multimodal embedding servers). Each image is sent as one {@code input} string, a PNG data
 * URL: {@code data:image/png;base64,…} (lossless, so the server sees the decoded pixels exactly);
 * the server does its own preprocessing. The identity's SHA-256 is empty, as for
 * {@link OpenAiTextEncoder}; its dimension is learned by embedding a 1 × 1 black image when asked
 * before any {@link #encode}.
 */
public final class OpenAiImageEncoder implements ImageEncoder {
  private final OpenAiEmbeddingClient client;

  public OpenAiImageEncoder(OpenAiEmbeddingClient client) {
    this.client = client;
  }

  @Override
  public EncoderIdentity identity() {
    if (client.knownDim() < 0) {
      encode(List.of(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)));
    }
    return new EncoderIdentity(client.config().encoderName(), "", client.knownDim());
  }

  @Override
  public FloatMatrix encode(List<BufferedImage> images) {
    List<String> inputs = new ArrayList<>(images.size());
    for (BufferedImage image : images) {
      inputs.add(dataUrl(image));
    }
    return client.embed(inputs);
  }

  /** The PNG data URL sent for {@code image}. */
  public static String dataUrl(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("no PNG writer is installed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an image as PNG: " + e.getMessage(), e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
