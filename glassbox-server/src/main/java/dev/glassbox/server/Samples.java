package dev.glassbox.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample images the web UI offers: the regular image files directly in one configured folder
 * (no subfolders, no hidden files, no links). A request names a sample by its file name, which is
 * looked up in a fresh listing, never resolved as a path, so no name can reach another file.
 */
final class Samples {
  private static final Map<String, String> TYPES = Map.of(
      "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp");

  private final Path dir;

  /** @param dir the folder, or null for none */
  Samples(Path dir) {
    this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
  }

  /** A sample: its file name, content type and size. */
  record Sample(String name, String contentType, long bytes, Path path) {}

  boolean configured() {
    return dir != null;
  }

  /** The samples, by name. */
  List<Sample> list() {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    TreeMap<String, Sample> out = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        String type = contentType(name);
        if (type != null && !name.startsWith(".") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(name, new Sample(name, type, Files.size(p), p));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list the samples folder " + dir + ": " + e.getMessage(), e);
    }
    return new ArrayList<>(out.values());
  }

  /** The sample with this file name; 404 when there is none. */
  Sample get(String name) {
    for (Sample s : list()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw ApiException.notFound("file", "no sample image named '" + ModelNames.shorten(name) + "'; GET /v1/samples lists them");
  }

  private static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
