package org.screenroom.server.stream;

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
 * Film id to {@link FilmAccess}, in memory for the segment hot path. Entries refresh from the
 * catalog in the background after {@link #REFRESH} (so a change made by another process shows
 * within seconds) and loads run on a worker executor, never on the event loop.
 */
public final class FilmAccessCache {
  /** How stale an entry may be before a background reload. */
  static final Duration REFRESH = Duration.ofSeconds(2);
  private static final Duration EXPIRE = Duration.ofMinutes(10);
  private static final long MAX_FILMS = 100_000;

  private final AsyncLoadingCache<String, Optional<FilmAccess>> cache;

  /**
   * Creates the cache.
   *
   * @param loader reads a film's access from the catalog (blocking; runs on {@code executor})
   * @param executor a worker executor for loads
   * @param ticker the time source (tests move it by hand)
   */
  public FilmAccessCache(Function<String, Optional<FilmAccess>> loader, Executor executor,
      Ticker ticker) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(MAX_FILMS)
        .refreshAfterWrite(REFRESH)
        .expireAfterWrite(EXPIRE)
        .executor(executor)
        .ticker(ticker)
        .recordStats()
        .buildAsync((id, exec) -> CompletableFuture.supplyAsync(() -> loader.apply(id), exec));
  }

  /** The film's access on {@code context}; completes at once when the entry is in memory. */
  public Future<Optional<FilmAccess>> get(String filmId, Context context) {
    CompletableFuture<Optional<FilmAccess>> f = cache.get(filmId);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      return Future.succeededFuture(f.join());
    }
    return Future.fromCompletionStage(f, context);
  }

  /** Forgets a film so the next request reloads it (after a change in this process). */
  public void invalidate(String filmId) {
    cache.synchronous().invalidate(filmId);
  }

  /** The share of lookups answered from memory. */
  public double hitRate() {
    return cache.synchronous().stats().hitRate();
  }
}
