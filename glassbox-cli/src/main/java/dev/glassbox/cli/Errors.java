package dev.glassbox.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one readable line for the user. */
final class Errors {
  private Errors() {}

  static String describe(Throwable t) {
    if (t instanceof NoSuchFileException e) {
      String reason = e.getReason();
      return e.getFile() + ": " + (reason == null ? "no such file" : reason);
    }
    if (t instanceof AccessDeniedException e) {
      return e.getFile() + ": " + (e.getReason() == null ? "permission denied" : e.getReason());
    }
    if (t instanceof FileAlreadyExistsException e) {
      return e.getFile() + ": " + (e.getReason() == null ? "already exists" : e.getReason()) + " (pass --force to replace it)";
    }
    if (t instanceof FileSystemException e) {
      return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory; raise the heap with JAVA_OPTS=-Xmx… or process less data at once";
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName() + (t.getCause() == null ? "" : ": " + describe(t.getCause()));
    }
    return m;
  }
}
