package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.TestServer;

/** The guard itself: a blocked event loop makes the test server's close() fail. */
class BlockedThreadCheckTest {
  @TempDir Path work;

  @Test
  void blockingAnEventLoop_failsTheTest() throws Exception {
    TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);

    server.server().vertx().runOnContext(v -> {
      try {
        // Deliberately what handlers must never do: wait on an event loop.
        never.await(1_200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.countDown();
    });
    done.await();

    assertThatThrownBy(server::close).isInstanceOf(AssertionError.class)
        .hasMessageContaining("blocked");
  }
}
