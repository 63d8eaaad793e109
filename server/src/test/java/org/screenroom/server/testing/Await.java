package org.screenroom.server.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Polls a condition that another thread or process makes true, failing after a deadline. */
public final class Await {
  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** The first present value of {@code probe} within {@code timeout}. */
  public static <T> T until(Duration timeout, String what, Callable<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("failed waiting for " + what + ": " + e, e);
    }
  }
}
