package org.screenroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.util.Locale;

/**
 * Tests of the native epoll path. On Linux, where CI runs and where the server uses epoll by
 * default, a missing epoll is a failure, never a skip; only other systems (no epoll at all) skip.
 */
public final class Epolls {
  private Epolls() {}

  /** Fails on Linux, skips elsewhere, unless {@code enabled} (epoll really in use). */
  public static void require(boolean enabled) {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      assertThat(enabled).as("Netty's native epoll transport on Linux (unavailable because: %s)",
          Epoll.unavailabilityCause()).isTrue();
    } else {
      assumeTrue(enabled, "no native epoll transport on this system");
    }
  }
}
