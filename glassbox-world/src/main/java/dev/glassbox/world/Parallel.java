package dev.glassbox.world;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one task per index on a few worker threads and returns only when every worker has stopped,
 * so that after a failure nothing is still writing (unlike a parallel stream, whose terminal
 * operation may return while sibling tasks still run). The first failure stops the others from
 * taking new indices and is rethrown.
 */
final class Parallel {
  private Parallel() {}

  @FunctionalInterface
  interface IndexTask {
    void run(int index) throws IOException;
  }

  static void forEach(int n, IndexTask task) throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n));
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "glassbox-world");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        workers.add(pool.submit(() -> {
          int i;
          while (failure.get() == null && (i = next.getAndIncrement()) < n) {
            try {
              task.run(i);
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        }));
      }
      for (Future<?> f : workers) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
        } catch (ExecutionException e) {
          failure.compareAndSet(null, e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable e = failure.get();
    if (e instanceof IOException io) {
      throw io;
    }
    if (e instanceof UncheckedIOException u) {
      throw u.getCause();
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new IOException(e);
    }
  }
}
