package org.screenroom.server.stream;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Film id to {@link FilmAccess}, in memory for the segment hot path. Entries refresh from the
 * catalog in the background after {@link #REFRESH} (so a change made by another process shows
 * within seconds) and loads run on a worker executor, never on the event loop. A refresh re-reads
 * the package only when the film changed.
 */
public final class FilmAccessCache {
  /** How stale an entry may be before a background reload. */
  static final Duration REFRESH = Duration.ofSeconds(2);
  private static final Duration EXPIRE = Duration.ofMinutes(10);
  private static final long MAX_FILMS = 100_000;
  private static final long MAX_INVALIDATED = 10_000;

  /** Reads a film's access from the catalog and disk (blocking). */
  @FunctionalInterface
  public interface Loader {
    /**
     * The film's access now, or empty if there is no such film.
     *
     * @param previous what the cache held before, whose package index may be reused
     */
    Optional<FilmAccess> load(String filmId, Optional<FilmAccess> previous);
  }

  private final AsyncLoadingCache<String, Optional<FilmAccess>> cache;
  /**
   * What an invalidated entry held, handed to the next load as its previous value: a film
   * changed in this process still keeps serving the package version it just replaced (see
   * {@link PackageAccess}), as a film changed by another process does through a refresh.
   */
  private final Cache<String, FilmAccess> invalidated;
  private final LongAdder peekHits = new LongAdder();

  /**
   * Creates the cache.
   *
   * @param loader reads a film's access (runs on {@code executor})
   * @param executor a worker executor for loads
   * @param ticker the time source (tests move it by hand)
   */
  public FilmAccessCache(Loader loader, Executor executor, Ticker ticker) {
    this.invalidated = Caffeine.newBuilder().maximumSize(MAX_INVALIDATED)
        .expireAfterWrite(REFRESH.multipliedBy(30)).ticker(ticker).build();
    AsyncCacheLoader<String, Optional<FilmAccess>> async = new AsyncCacheLoader<>() {
      @Override
      public CompletableFuture<Optional<FilmAccess>> asyncLoad(String id, Executor exec) {
        return CompletableFuture.supplyAsync(() -> {
          Optional<FilmAccess> previous = Optional.ofNullable(invalidated.getIfPresent(id));
          Optional<FilmAccess> now = loader.load(id, previous);
          invalidated.invalidate(id);
          return now;
        }, exec);
      }

      @Override
      public CompletableFuture<Optional<FilmAccess>> asyncReload(String id,
          Optional<FilmAccess> old, Executor exec) {
        return CompletableFuture.supplyAsync(() -> loader.load(id, old), exec);
      }
    };
    this.cache = Caffeine.newBuilder()
        .maximumSize(MAX_FILMS)
        .refreshAfterWrite(REFRESH)
        .expireAfterWrite(EXPIRE)
        .executor(executor)
        .ticker(ticker)
        .recordStats()
        .buildAsync(async);
  }

  /** The film's access on {@code context}; completes at once when the entry is in memory. */
  public Future<Optional<FilmAccess>> get(String filmId, Context context) {
    CompletableFuture<Optional<FilmAccess>> f = cache.get(filmId);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      return Future.succeededFuture(f.join());
    }
    return Future.fromCompletionStage(f, context);
  }

  /**
   * The film's access when it is in memory now, else null (also for a film known not to
   * exist), never loading it: for the fast segment path, which hands anything else to the
   * route that calls {@link #get}. It starts the background refresh of a stale entry, as a read
   * does, but is not counted in {@link #hitRate}: a request handed on is counted by its
   * {@link #get}, one answered from the peek by {@link #peeked}.
   */
  public FilmAccess peek(String filmId) {
    CompletableFuture<Optional<FilmAccess>> f = cache.asMap().get(filmId);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return null;
    }
    return f.join().orElse(null);
  }

  /** Counts a request answered from {@link #peek} as the hit it was. */
  public void peeked() {
    peekHits.increment();
  }

  /** Forgets a film so the next request reloads it (after a change in this process). */
  public void invalidate(String filmId) {
    CompletableFuture<Optional<FilmAccess>> held = cache.getIfPresent(filmId);
    if (held != null && held.isDone() && !held.isCompletedExceptionally()) {
      held.join().ifPresent(a -> invalidated.put(filmId, a));
    }
    cache.synchronous().invalidate(filmId);
  }

  /** The share of lookups answered from memory (peeks that answered a request included). */
  public double hitRate() {
    CacheStats stats = cache.synchronous().stats();
    long peeks = peekHits.sum();
    long requests = stats.requestCount() + peeks;
    return requests == 0 ? 1.0 : (double) (stats.hitCount() + peeks) / requests;
  }
}
