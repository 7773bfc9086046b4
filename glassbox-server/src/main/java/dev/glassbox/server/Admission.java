package dev.glassbox.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency with a bounded queue: at most {@code threads} requests compute at once, at
 * most {@code queue} more wait for a slot, and the rest are refused at once with 503 and
 * {@code Retry-After}, so a burst never piles up unbounded work or memory. A waiting request that
 * reaches its deadline is refused the same way.
 */
final class Admission {
  private final Semaphore slots;
  private final int queue;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Metrics metrics;

  /** A computing slot; close it to hand it on. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  Admission(int threads, int queue, Metrics metrics) {
    this.slots = new Semaphore(threads);
    this.queue = queue;
    this.metrics = metrics;
  }

  int waiting() {
    return waiting.get();
  }

  /** Takes a slot, waiting at most until {@code deadlineNanos} (a {@link System#nanoTime()} value). */
  Permit enter(long deadlineNanos) {
    if (!slots.tryAcquire()) {
      if (waiting.incrementAndGet() > queue) {
        waiting.decrementAndGet();
        metrics.rejected();
        throw ApiException.overloaded("the server is busy: " + queue + " requests are already waiting; retry shortly", 1);
      }
      boolean got;
      try {
        got = slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        got = false;
      } finally {
        waiting.decrementAndGet();
      }
      if (!got) {
        metrics.rejected();
        throw ApiException.overloaded("the server is busy: no computing slot became free before the request timeout; retry shortly", 1);
      }
    }
    return slots::release;
  }
}
