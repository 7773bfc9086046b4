package dev.glassbox.server;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.ImageEncoderProvider;
import dev.glassbox.encoders.image.DecodedImage;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image encoders for image requests, one per encoder identity, resolved from the identity recorded
 * in a model's provenance: first the explicitly configured CLIP-family ONNX directories
 * ({@code --encoder NAME=DIR}, opened at start so a bad directory fails fast), then every
 * {@link ImageEncoderProvider} found with {@link ServiceLoader}. Opened encoders are kept until
 * {@link #close()}. An encoder whose dimension or weights differ from the model's record is
 * refused rather than used.
 */
final class ImageEncoders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageEncoders.class);

  private final Map<String, ImageEncoder> explicit = new ConcurrentHashMap<>();
  private final List<ImageEncoderProvider> providers = new ArrayList<>();
  private final Map<String, Optional<ImageEncoder>> discovered = new ConcurrentHashMap<>();

  ImageEncoders(Map<String, Path> clipDirs, ImageDecoder decoder, ClassLoader loader) throws IOException {
    try {
      for (Map.Entry<String, Path> e : clipDirs.entrySet()) {
        OnnxClipImageEncoder enc;
        try {
          enc = ClipModelDirectory.open(e.getValue()).openImageEncoder(OnnxConfig.defaults(), decoder);
        } catch (IOException | RuntimeException ex) {
          throw new IOException("--encoder " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage(), ex);
        }
        explicit.put(e.getKey(), enc);
        LOG.info("image encoder '{}' from {} ({}-d, weights {})", e.getKey(), e.getValue(), enc.dim(), enc.identity().sha256());
      }
      ServiceLoader.load(ImageEncoderProvider.class, loader).forEach(providers::add);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  List<String> providerNames() {
    List<String> out = new ArrayList<>(explicit.keySet().stream().sorted().map(n -> "--encoder " + n).toList());
    providers.forEach(p -> out.add(p.name()));
    return out;
  }

  /** The encoder for a model's images, or a 422 naming the field {@code image} that says why there is none. */
  ImageEncoder forModel(ServedModel m) {
    EncoderIdentity id = m.model.provenance().encoder();
    if (id == null) {
      throw ApiException.unprocessable("image", "model '" + m.name + "' records no image encoder in its provenance, so the server "
          + "cannot embed images for it; send {\"embedding\": [...]} instead");
    }
    ImageEncoder enc = explicit.get(id.name());
    if (enc == null) {
      enc = discovered.computeIfAbsent(id.name() + "\u0000" + id.sha256(), k -> open(id)).orElse(null);
    }
    if (enc == null) {
      throw ApiException.unprocessable("image", "model '" + m.name + "' was trained on embeddings from the image encoder '" + id.name()
          + "', which this server does not have; start it with --encoder " + id.name() + "=DIR (a CLIP ONNX directory) or send "
          + "{\"embedding\": [...]} instead");
    }
    EncoderIdentity have = enc.identity();
    if (have.dim() != m.model.inputDim()) {
      throw ApiException.unprocessable("image", "the image encoder '" + id.name() + "' gives " + have.dim() + "-d embeddings but model '"
          + m.name + "' reads " + m.model.inputDim() + "-d; configure the encoder the model was trained with");
    }
    if (!id.sha256().isEmpty() && !have.sha256().isEmpty() && !id.sha256().equals(have.sha256())) {
      throw ApiException.unprocessable("image", "model '" + m.name + "' was trained with encoder '" + id.name() + "' weights "
          + id.sha256() + " but the configured encoder has weights " + have.sha256() + "; configure the same weights");
    }
    return enc;
  }

  private Optional<ImageEncoder> open(EncoderIdentity id) {
    for (ImageEncoderProvider p : providers) {
      try {
        Optional<ImageEncoder> e = p.open(id);
        if (e.isPresent()) {
          LOG.info("image encoder '{}' from provider '{}'", id.name(), p.name());
          return e;
        }
      } catch (IOException | RuntimeException ex) {
        throw ApiException.unprocessable("image", "the encoder provider '" + p.name() + "' cannot open '" + id.name() + "': "
            + ex.getMessage());
      }
    }
    return Optional.empty();
  }

  /** One embedding for one decoded image. */
  static float[] embed(ImageEncoder encoder, DecodedImage image) {
    FloatMatrix out = encoder instanceof OnnxClipImageEncoder onnx
        ? onnx.encodeDecoded(List.of(image))
        : encoder.encode(List.of(image.toRgbImage()));
    return out.data().length == out.cols() ? out.data() : java.util.Arrays.copyOf(out.data(), out.cols());
  }

  @Override
  public void close() {
    explicit.values().forEach(ImageEncoder::close);
    discovered.values().forEach(o -> o.ifPresent(ImageEncoder::close));
  }
}
