package dev.glassbox.progress;

/**
 * Receives progress of long work (activation, training paths, encoding). The CLI draws it as a
 * progress bar on stderr; library callers may ignore it.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (stage, done, total) -> {};

  /**
   * @param stage what is running ("activations", "path", …)
   * @param done units finished so far
   * @param total units in all, or -1 when unknown
   */
  void progress(String stage, long done, long total);
}
