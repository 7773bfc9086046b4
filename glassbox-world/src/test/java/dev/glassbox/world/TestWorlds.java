package dev.glassbox.world;

import dev.glassbox.util.Hashing;
import java.security.MessageDigest;

/** Small worlds for fast tests, and a pixel-and-bytes hash of a rendered world. */
final class TestWorlds {
  private TestWorlds() {}

  /** 4 species × 6 images of 64 × 64, with occluders and flight common enough to be exercised. */
  static WorldConfig small(long seed) {
    return WorldConfig.defaults().withSeed(seed).withSpecies(4).withImagesPerSpecies(6).withImageSize(64)
        .withOcclusionRate(0.5).withFlyingRate(0.4).withSplitFractions(0.2, 0.2);
  }

  /** SHA-256 over every image's PNG bytes and part map, in index order. */
  static String hash(World w) {
    MessageDigest md = Hashing.sha256();
    for (int i = 0; i < w.size(); i++) {
      RenderedBird rb = w.render(i);
      md.update(PngEncoder.rgb(rb.image()));
      md.update(rb.partMap());
    }
    return Hashing.hex(md.digest());
  }

  /** Prints {@link #hash} of {@code small(seed)}: run in a fresh JVM by the determinism test. */
  public static void main(String[] args) {
    System.out.println(hash(World.generate(small(Long.parseLong(args[0])))));
  }
}
