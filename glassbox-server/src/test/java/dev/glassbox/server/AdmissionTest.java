package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Admission on its own: inline when a slot is free, queued onto computing threads otherwise, bounded, with deadlines. */
class AdmissionTest {
  private static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** Starts work that holds the only slot until {@code release} opens; returns once it holds it. */
  private static CompletableFuture<Void> hold(Admission a, CountDownLatch release) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
      try {
        a.run(in(30_000), () -> {
          holding.countDown();
          release.await();
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    return f;
  }

  private static void awaitWaiting(Admission a, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (a.waiting() != n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waiting never reached " + n + ", is " + a.waiting());
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aFreeSlotComputesOnTheCallersThreadAndQueuedWorkOnAComputingThread() throws Exception {
    try (Admission a = new Admission(1, 4, new Metrics())) {
      AtomicReference<Thread> ran = new AtomicReference<>();
      a.run(in(5_000), () -> ran.set(Thread.currentThread()));
      assertThat(ran.get()).as("no hand-off when a slot is free").isSameAs(Thread.currentThread());

      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = hold(a, release);
      CompletableFuture<Thread> queued = CompletableFuture.supplyAsync(() -> {
        AtomicReference<Thread> t = new AtomicReference<>();
        try {
          a.run(in(30_000), () -> t.set(Thread.currentThread()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return t.get();
      });
      awaitWaiting(a, 1);
      assertThat(queued).isNotDone();
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      assertThat(queued.get(10, TimeUnit.SECONDS).getName()).startsWith("glassbox-compute-");
      assertThat(a.waiting()).isZero();
    }
  }

  @Test
  void aFullQueueIsRefusedAndAQueuedRequestPastItsDeadlineIsWithdrawn() throws Exception {
    Metrics metrics = new Metrics();
    try (Admission a = new Admission(1, 1, metrics)) {
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = hold(a, release);
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> a.run(in(300), () -> {
        throw new AssertionError("must not run");
      })).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("request timeout");
      });
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
      assertThat(a.waiting()).as("the withdrawn request no longer counts as waiting").isZero();

      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
        try {
          a.run(in(30_000), () -> { });
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitWaiting(a, 1);
      assertThatThrownBy(() -> a.run(in(30_000), () -> { })).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("1 requests are already waiting");
      });
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
      assertThat(a.waiting()).isZero();
      assertThat(metrics.render()).contains("glassbox_http_rejected_total 2\n");
    }
  }

  @Test
  void theWorksOwnExceptionReachesTheCallerInlineAndQueued() throws Exception {
    try (Admission a = new Admission(1, 4, new Metrics())) {
      assertThatThrownBy(() -> a.run(in(5_000), () -> {
        throw ApiException.badRequest("image", "inline failure");
      })).isInstanceOf(ApiException.class).hasMessageContaining("inline failure");

      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = hold(a, release);
      CompletableFuture<Throwable> queued = CompletableFuture.supplyAsync(() -> {
        try {
          a.run(in(30_000), () -> {
            throw new java.io.IOException("queued failure");
          });
          return null;
        } catch (Exception e) {
          return e;
        }
      });
      awaitWaiting(a, 1);
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
      assertThat(queued.get(10, TimeUnit.SECONDS)).isInstanceOf(java.io.IOException.class).hasMessage("queued failure");
    }
  }
}
