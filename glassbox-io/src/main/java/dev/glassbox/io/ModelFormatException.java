package dev.glassbox.io;

import java.nio.file.Path;

/** A model artifact that cannot be loaded; the message names the file and what is wrong with it. */
public final class ModelFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public ModelFormatException(Path file, String problem) {
    super(file + " " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
