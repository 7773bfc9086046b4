package dev.glassbox.cli;

import dev.glassbox.progress.ProgressListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a live bar per stage on a terminal; on a pipe, one line when a stage
 * finishes, so logs stay readable. Close it when the work ends.
 */
final class Progress implements ProgressListener, AutoCloseable {
  private final boolean quiet;
  private final boolean terminal = System.console() != null;
  private final PrintStream err = System.err;
  private ProgressBar bar;
  private String stage;
  private long lastTotal;

  Progress(boolean quiet) {
    this.quiet = quiet;
  }

  @Override
  public synchronized void progress(String s, long done, long total) {
    if (quiet) {
      return;
    }
    if (!s.equals(stage)) {
      finishStage();
      stage = s;
      lastTotal = total;
      if (terminal) {
        bar = new ProgressBarBuilder().setTaskName(s).setInitialMax(Math.max(total, 1)).setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
      }
    }
    lastTotal = total;
    if (bar != null) {
      if (total > 0) {
        bar.maxHint(total);
      }
      bar.stepTo(done);
    }
    if (total > 0 && done >= total && !terminal) {
      err.println(s + ": " + done + "/" + total + " done");
      stage = null;
    }
  }

  private void finishStage() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public synchronized void close() {
    finishStage();
    if (stage != null && !terminal && lastTotal <= 0) {
      err.println(stage + ": done");
    }
    stage = null;
  }
}
