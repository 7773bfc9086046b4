package dev.glassbox.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Early checks on where a command will write, so long work does not end in a write error. */
final class OutputPaths {
  private OutputPaths() {}

  static void checkWritableTarget(Path target, boolean force) throws Exception {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs) && !force) {
      throw new FileAlreadyExistsException(abs.toString(), null, "already exists");
    }
    Path parent = abs.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new AccessDeniedException(String.valueOf(parent), null, "is not a writable directory, so " + abs + " cannot be created");
    }
  }
}
