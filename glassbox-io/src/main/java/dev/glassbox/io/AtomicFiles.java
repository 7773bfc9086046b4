package dev.glassbox.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Crash-safe writes: everything is written beside its destination under a temporary name, forced
 * to disk, then renamed into place, so a reader sees either the old content or the complete new
 * content, never a half-written file or directory.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file. */
  @FunctionalInterface
  public interface Writer {
    void write(FileChannel out) throws IOException;
  }

  /** Fills a directory. */
  @FunctionalInterface
  public interface DirectoryWriter {
    void write(Path dir) throws IOException;
  }

  /** Writes {@code file} atomically: temp file in the same directory, fsync, rename, fsync the directory. */
  public static void write(Path file, Writer writer) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    ensureWritableDirectory(dir, abs);
    // No sweep for a killed run's leftovers here (unlike writeDirectory): files are written often,
    // into directories that may hold many, and a leftover temporary file is small.
    Path tmp = dir.resolve(stagingName(abs, TMP));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writer.write(ch);
        ch.force(true);
      }
      move(tmp, abs);
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code bytes} to {@code file} atomically. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, ch -> {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
    });
  }

  /**
   * Creates directory {@code target} atomically: {@code writer} fills a temporary sibling, every
   * file in it is forced to disk, and it is renamed to {@code target}. If {@code target} exists
   * and {@code replace} is true, the old directory is moved aside first and deleted after the
   * rename; otherwise an existing target is an error.
   */
  public static void writeDirectory(Path target, boolean replace, DirectoryWriter writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent != null && !Files.exists(parent)) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new IOException("cannot create the directory " + parent + " for " + abs + ": " + e.getMessage(), e);
      }
    }
    ensureWritableDirectory(parent, abs);
    if (Files.exists(abs) && !replace) {
      throw new FileAlreadyExistsException(abs.toString(), null, "already exists; choose another path or remove it first");
    }
    Path restored = removeStaleStaging(parent, abs.getFileName().toString());
    if (restored != null && !replace) {
      throw new FileAlreadyExistsException(abs.toString(), null,
          "already exists (restored from " + restored.getFileName() + ", which a killed run had moved aside); choose another path or remove it first");
    }
    Path tmp = parent.resolve(stagingName(abs, TMP));
    Files.createDirectory(tmp);
    Path old = null;
    try {
      writer.write(tmp);
      forceTree(tmp);
      if (Files.exists(abs)) {
        old = parent.resolve(stagingName(abs, OLD));
        move(abs, old);
      }
      move(tmp, abs);
      fsyncDirectory(parent);
    } catch (IOException | RuntimeException e) {
      if (old != null && !Files.exists(abs)) {
        move(old, abs);
        old = null;
      }
      throw e;
    } finally {
      deleteTree(tmp);
      if (old != null) {
        deleteTree(old);
      }
    }
  }

  private static final String TMP = ".tmp-";
  private static final String OLD = ".old-";

  /**
   * {@code .NAME.tmp-PID-UUID} (content being written) or {@code .NAME.old-PID-UUID} (the previous
   * content, moved aside for the rename): the writer's process id lets a later write tell the
   * leftovers of a killed run from those of a run still going.
   */
  private static String stagingName(Path target, String kind) {
    return "." + target.getFileName() + kind + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  }

  /**
   * Deletes the staging files and directories that runs no longer alive left beside {@code name}
   * in {@code dir} (a run killed while writing). When {@code name} itself is missing and such a run
   * had moved its previous content aside ({@code .old-}), that content is put back first, so a kill
   * between the two renames loses nothing.
   *
   * @return the staging directory put back as {@code name}, or null
   */
  static Path removeStaleStaging(Path dir, String name) throws IOException {
    String prefix = "." + name;
    Path target = dir.resolve(name);
    Path restored = null;
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
        String f = p.getFileName().toString();
        if (!f.startsWith(prefix)) {
          continue;
        }
        String rest = f.substring(prefix.length());
        boolean old = rest.startsWith(OLD);
        if (!old && !rest.startsWith(TMP)) {
          continue;
        }
        long pid = pidOf(rest.substring(TMP.length()));
        if (pid < 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (old && restored == null && !Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          move(p, target);
          restored = p;
          continue;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(p);
        } else {
          Files.deleteIfExists(p);
        }
      }
    }
    return restored;
  }

  /** The process id at the start of {@code PID-UUID}, or −1 when the name does not have one (a name of an older version). */
  private static long pidOf(String pidAndUuid) {
    int dash = pidAndUuid.indexOf('-');
    if (dash <= 0) {
      return -1;
    }
    try {
      UUID.fromString(pidAndUuid.substring(dash + 1));
      return Long.parseLong(pidAndUuid.substring(0, dash));
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static void ensureWritableDirectory(Path dir, Path forFile) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null, "the directory for " + forFile + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new AccessDeniedException(dir.toString(), null, "is not writable, so " + forFile.getFileName() + " cannot be written there");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to + " cannot rename atomically; write to a local disk", e);
    } catch (DirectoryNotEmptyException e) {
      throw new IOException("cannot replace " + to + ": it is a non-empty directory", e);
    }
  }

  private static void forceTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        fsyncDirectory(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Forces a directory's entries to disk (best effort where the platform cannot open directories). */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for sync; the rename is still atomic there.
    }
  }

  /** Deletes a file tree if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
