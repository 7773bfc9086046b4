package dev.glassbox.encoders;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of this module's test resources. */
public final class TestResources {
  private TestResources() {}

  /** {@code src/test/resources/<name>} as a path. */
  public static Path path(String name) {
    URL url = TestResources.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing; regenerate with src/test/fixtures/make_fixtures.py");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
