package org.screenroom.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The worker pool for JDBC and other blocking calls made on behalf of HTTP requests, so that no
 * event loop ever waits on the catalog. Unordered: independent requests need not queue behind
 * each other.
 */
public final class Blocking {
  private static final int POOL_SIZE = 8;
  private final WorkerExecutor executor;

  /** Creates (or joins) the shared pool named {@code screenroom-blocking}. */
  public Blocking(Vertx vertx) {
    this.executor = vertx.createSharedWorkerExecutor("screenroom-blocking", POOL_SIZE);
  }

  /** Runs {@code work} on a worker; the future completes on the caller's context. */
  public <T> Future<T> run(Callable<T> work) {
    return executor.executeBlocking(work, /* ordered= */ false);
  }

  /** Releases the pool. */
  public Future<Void> close() {
    return executor.close();
  }
}
