package org.screenroom.server.screener;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Pass id to {@link PassState}, in memory for the segment hot path. Entries refresh from the
 * catalog in the background after {@link #REFRESH}, so a revocation made by another process
 * reaches the hot path within seconds (one made here invalidates at once); loads run on a worker
 * executor, never on the event loop.
 */
public final class PassCache {
  /** How stale an entry may be before a background reload. */
  static final Duration REFRESH = Duration.ofSeconds(2);
  private static final Duration EXPIRE = Duration.ofMinutes(10);
  private static final long MAX_PASSES = 100_000;

  private final AsyncLoadingCache<String, Optional<PassState>> cache;

  /**
   * Creates the cache.
   *
   * @param loader reads a pass's state from the catalog (blocking; runs on {@code executor})
   * @param executor a worker executor for loads
   * @param ticker the time source (tests move it by hand)
   */
  public PassCache(Function<String, Optional<PassState>> loader, Executor executor, Ticker ticker) {
    AsyncCacheLoader<String, Optional<PassState>> async =
        (id, exec) -> CompletableFuture.supplyAsync(() -> loader.apply(id), exec);
    this.cache = Caffeine.newBuilder()
        .maximumSize(MAX_PASSES)
        .refreshAfterWrite(REFRESH)
        .expireAfterWrite(EXPIRE)
        .executor(executor)
        .ticker(ticker)
        .buildAsync(async);
  }

  /** The pass's state on {@code context}; completes at once when the entry is in memory. */
  public Future<Optional<PassState>> get(String passId, Context context) {
    CompletableFuture<Optional<PassState>> f = cache.get(passId);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      return Future.succeededFuture(f.join());
    }
    return Future.fromCompletionStage(f, context);
  }

  /** Forgets a pass so the next request reloads it (after a change in this process). */
  public void invalidate(String passId) {
    cache.synchronous().invalidate(passId);
  }
}
