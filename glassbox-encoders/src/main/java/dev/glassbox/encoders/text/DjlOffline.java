package dev.glassbox.encoders.text;

/**
 * Keeps DJL from calling out: it otherwise contacts a tracking endpoint whenever a tokenizer is
 * created. The settings are JVM-wide system properties, so they are set only when the user has not
 * set them; the environment variables {@code OPT_OUT_TRACKING=true} and {@code DJL_OFFLINE=true}
 * (which DJL reads first) are the way to fix them for every JVM.
 */
final class DjlOffline {
  private DjlOffline() {}

  static void ensure() {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }
}
