package dev.glassbox.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency with a bounded queue: at most {@code threads} requests compute at once, at
 * most {@code queue} more wait, and the rest are refused at once with 503 and {@code Retry-After},
 * so a burst never piles up unbounded work or memory. A waiting request that reaches its deadline is
 * refused the same way.
 *
 * <p>A request that finds a computing slot free and nobody waiting computes at once on its own
 * HTTP thread, with no hand-off (the explain path answers in a tenth of a millisecond, where a
 * hand-off between threads would double its latency). Otherwise it is queued for the computing
 * threads: a computing thread that finishes one request takes the next waiting one at once, on the
 * same core with its caches warm, instead of waking a parked HTTP thread and leaving a core idle
 * until the scheduler runs it. Under image load on two cores this kept 1.91–1.94 cores busy, against
 * 1.72–1.80 when every request computed on its own HTTP thread behind a semaphore
 * (glassbox-bench's ServerLoadBenchmark).
 */
final class Admission implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final Semaphore slots;
  private final AtomicInteger waiting = new AtomicInteger();
  private final int queue;
  private final Metrics metrics;

  /** A computation: what a route's handler does once admitted. */
  interface Work {
    void run() throws Exception;
  }

  Admission(int threads, int queue, Metrics metrics) {
    this.queue = queue;
    this.metrics = metrics;
    this.slots = new Semaphore(threads);
    // The queue's bound is kept by 'waiting' (queued requests and those a computing thread holds
    // while it waits for a slot), so the executor's own queue need not refuse anything.
    BlockingQueue<Runnable> q = new LinkedBlockingQueue<>();
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, q, r -> {
      Thread t = new Thread(r, "glassbox-compute-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    pool.prestartAllCoreThreads();
  }

  /** Requests waiting for a computing slot. */
  int waiting() {
    return waiting.get();
  }

  /**
   * Runs {@code work} within a computing slot and waits for it; the work's own exception is rethrown
   * here. Refused with 503 when the queue is full, or when no slot became free before
   * {@code deadlineNanos} (a {@link System#nanoTime()} value). Work that has started always runs to
   * its end (it checks the deadline itself), so the request's context is never used by two threads.
   */
  void run(long deadlineNanos, Work work) throws Exception {
    if (waiting.get() == 0 && slots.tryAcquire()) {
      try {
        work.run();
      } finally {
        slots.release();
      }
      return;
    }
    if (waiting.incrementAndGet() > queue) {
      waiting.decrementAndGet();
      metrics.rejected();
      throw ApiException.overloaded("the server is busy: " + queue + " requests are already waiting; retry shortly", 1);
    }
    FutureTask<Void> task = new FutureTask<>(() -> {
      boolean got;
      try {
        got = slots.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } finally {
        waiting.decrementAndGet();
      }
      if (!got) {
        throw timedOut();
      }
      try {
        work.run();
      } finally {
        slots.release();
      }
      return null;
    });
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      metrics.rejected();
      throw ApiException.overloaded("the server is stopping; retry shortly", 1);
    }
    try {
      await(task, deadlineNanos);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void await(FutureTask<Void> task, long deadlineNanos) throws ExecutionException {
    boolean interrupted = false;
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        try {
          task.get(left, TimeUnit.NANOSECONDS);
          return;
        } catch (TimeoutException e) {
          // past the deadline: below
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      // Past the deadline (or interrupted): withdraw the work if no computing thread has taken it.
      if (!task.isDone() && pool.remove(task)) {
        waiting.decrementAndGet();
        throw timedOut();
      }
      // It has started: it runs to its end (and reports its own timeout), and the answer is its.
      interrupted |= waitFor(task);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ApiException timedOut() {
    metrics.rejected();
    return ApiException.overloaded("the server is busy: no computing slot became free before the request timeout; retry shortly", 1);
  }

  /** Waits for {@code task} without giving up; returns whether an interrupt was swallowed. */
  private static boolean waitFor(FutureTask<Void> task) throws ExecutionException {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** Stops the computing threads once the work they hold is done; call after the HTTP server stopped. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
