package dev.glassbox.sources.llm;

/**
 * Spaces request starts at least {@code 60 s / requestsPerMinute} apart, so a run never bursts
 * above the provider's per-minute quota. Not shared between clients.
 */
final class RateLimiter {
  private final long intervalNanos;
  private long next = Long.MIN_VALUE;

  RateLimiter(int requestsPerMinute) {
    this.intervalNanos = requestsPerMinute == 0 ? 0 : 60_000_000_000L / requestsPerMinute;
  }

  /** Waits until the next request may start. */
  synchronized void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (next != Long.MIN_VALUE && now < next) {
      long wait = next - now;
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      now = next;
    }
    next = now + intervalNanos;
  }
}
