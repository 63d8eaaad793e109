package org.screenroom.server.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a Vert.x client call chain on one context's event loop and waits for its outcome.
 *
 * <p>Why: a chain such as {@code request(...).compose(r -> r.send()).compose(r -> r.body())}
 * built on the test's own thread attaches each step after the call before it returned. When the
 * answer is quick (loopback) and the test thread is descheduled in between, the response's bytes
 * reach the connection's event loop before {@code body()} is attached, and are dropped: the
 * caller sees the right status and {@code Content-Length} with an empty body (seen about once in
 * 150 runs). Built on the event loop that also delivers the response, the whole chain is in
 * place before that loop can read the answer. Connect through here too, so the connection is
 * bound to the same context.
 */
public final class OnContext {
  private OnContext() {}

  /** Builds {@code chain} on {@code context}'s thread; its result, or an AssertionError. */
  public static <T> T await(Context context, Supplier<Future<T>> chain) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        chain.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    try {
      return promise.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }
}
