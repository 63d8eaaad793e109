package org.screenroom.server.notify;

import java.time.Duration;

/**
 * Exponential backoff: {@code base}, then doubling, never above {@code cap}, for at most
 * {@code maxAttempts} attempts in all. Pure.
 *
 * @throws IllegalArgumentException when a value is out of range
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {
  /** 30 s, 1 min, 2 min, 4 min, 8 min: six attempts over about a quarter of an hour. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 6);

  /** Checks the values. */
  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("backoff needs base > 0, cap >= base and maxAttempts >= 1");
    }
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    Duration d = base.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 ? cap : d;
  }

  /** Whether another attempt follows failed attempt number {@code attempt}. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }
}
