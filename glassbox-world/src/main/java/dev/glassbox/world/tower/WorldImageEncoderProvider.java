package dev.glassbox.world.tower;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encode.ImageEncoderProvider;
import java.util.Optional;

/**
 * Lets the server and the CLI find the shipped world image tower for models trained on its
 * embeddings (provenance encoder {@value WorldImageEncoder#NAME}). A model that records other
 * weights of that name (a regenerated tower) is refused with both SHA-256s named.
 */
public final class WorldImageEncoderProvider implements ImageEncoderProvider {
  @Override
  public String name() {
    return "world";
  }

  @Override
  public Optional<ImageEncoder> open(EncoderIdentity identity) {
    if (!WorldImageEncoder.NAME.equals(identity.name())) {
      return Optional.empty();
    }
    WorldImageEncoder tower = WorldImageEncoder.load();
    String have = tower.identity().sha256();
    if (!identity.sha256().isEmpty() && !identity.sha256().equals(have)) {
      throw new IllegalArgumentException("the model was trained with world image tower weights " + identity.sha256()
          + " but this Glassbox ships " + have + "; open the tower it was trained with (glassbox world train-encoder output)");
    }
    return Optional.of(tower);
  }
}
