package dev.glassbox.encoders;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared test data (set by surefire as {@code glassbox.shared.dir}). */
public final class SharedData {
  private SharedData() {}

  /** {@code shared/data/<relative>}; fails the test with a clear message when the shared folder is absent. */
  public static Path path(String relative) {
    String dir = System.getProperty("glassbox.shared.dir");
    if (dir == null) {
      throw new IllegalStateException(
          "the system property glassbox.shared.dir is not set; run the tests through Maven (surefire sets it)");
    }
    Path p = Path.of(dir, "data").resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("shared test data " + p + " is missing; shared/ must sit beside the checkout");
    }
    return p;
  }

  /** CLIP's BPE merges file. */
  public static Path clipMerges() {
    return path("clip-bpe/bpe_simple_vocab_16e6.txt.gz");
  }
}
