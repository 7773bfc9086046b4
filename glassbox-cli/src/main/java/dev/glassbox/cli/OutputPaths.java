package dev.glassbox.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

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

  /**
   * Refuses an output that is one of the command's inputs or holds one (its folder, or the same
   * folder reached through a symbolic link): writing the output replaces it as a whole, which
   * would delete the input. An output inside an input's folder is allowed. Usage error (exit 2).
   *
   * @param inputs pairs of option name and path, e.g. {@code "--data", data}; null paths are skipped
   */
  static void checkNotOverInputs(CommandSpec spec, String outOption, Path out, Object... inputs) throws IOException {
    Path o = resolved(out);
    for (int i = 0; i < inputs.length; i += 2) {
      Path in = (Path) inputs[i + 1];
      if (in == null) {
        continue;
      }
      Path r = resolved(in);
      if (r.startsWith(o)) {
        String how = r.equals(o) ? "is the input " + inputs[i] + " " + in : "holds the input " + inputs[i] + " " + in;
        throw Choices.usage(spec, outOption + " " + out + " " + how + (r.equals(o) && !o.equals(in.toAbsolutePath().normalize())
            ? " (through a symbolic link)" : "") + "; writing it would replace the input, so choose another " + outOption);
      }
    }
  }

  /** The real path of {@code p}: its deepest existing ancestor with links resolved, then the rest as written. */
  static Path resolved(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
  }
}
