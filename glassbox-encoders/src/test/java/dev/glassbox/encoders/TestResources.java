package dev.glassbox.encoders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Paths of this module's test resources. Other modules' tests read them from this module's test jar
 * (a {@code mvn verify} reactor hands them the packaged jar, not {@code target/test-classes}); such
 * resources are copied out once per JVM into a temporary directory so callers always get a real file.
 */
public final class TestResources {
  private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

  private TestResources() {}

  /** {@code src/test/resources/<name>} (a file or a directory) as a path on the default file system. */
  public static Path path(String name) {
    URL url = TestResources.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing; regenerate with src/test/fixtures/make_fixtures.py");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri);
      }
      return EXTRACTED.computeIfAbsent(name, n -> extract(uri, n));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) {
    try {
      dev.glassbox.io.AtomicFiles.deleteTree(root);
    } catch (IOException e) {
      // Best effort: the copies live under the system's temporary directory.
    }
  }

  private static synchronized Path extract(URI uri, String name) {
    try {
      FileSystem fs;
      try {
        fs = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(uri);
      }
      Path source = fs.provider().getPath(uri);
      Path root = Files.createTempDirectory("glassbox-test-resources");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      Path target = root.resolve(source.getFileName().toString().replace("/", ""));
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path out = target;
          for (Path part : source.relativize(p)) {
            out = out.resolve(part.toString());
          }
          if (Files.isDirectory(p)) {
            Files.createDirectories(out);
          } else {
            Files.copy(p, out);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract test resource " + name + " from " + uri, e);
    }
  }
}
