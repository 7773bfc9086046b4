package dev.glassbox.io;

import java.nio.file.Path;

/** A {@code .npy} or safetensors file that cannot be read as one; the message names the file. */
public final class NpyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NpyFormatException(Path file, String problem) {
    super(file + " " + problem);
  }
}
