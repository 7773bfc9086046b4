package dev.glassbox.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks made before the demo does any work, so a bad --out fails at once with its name. */
final class DemoPipelineChecks {
  private DemoPipelineChecks() {}

  static void output(Path out) throws Exception {
    Path abs = out.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new NoSuchFileException(abs.toString(), null, "exists and is not a directory; choose another --out for the demo's report");
    }
    Path parent = abs.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new AccessDeniedException(String.valueOf(parent), null,
          "is not a writable directory, so the demo's report folder " + abs + " cannot be created there; choose another --out");
    }
  }
}
