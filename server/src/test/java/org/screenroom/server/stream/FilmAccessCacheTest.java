package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The fast path's peek at the film cache: never loads, refreshes a stale entry as a read does,
 * and counts in the hit ratio only the requests it answered. Loads run on a direct executor, so
 * each is done when the call returns.
 */
class FilmAccessCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger loads = new AtomicInteger();

  private FilmAccessCache cache() {
    return new FilmAccessCache((id, previous) -> {
      loads.incrementAndGet();
      return id.startsWith("none") ? Optional.empty() : Optional.of(new FilmAccess(id, true,
          PackageIndex.empty(), Instant.ofEpochSecond(loads.get())));
    }, Runnable::run, nanos::get);
  }

  @Test
  void peek_neverLoads_andAnswersWhatIsInMemory() throws Exception {
    FilmAccessCache cache = cache();
    Vertx vertx = Vertx.vertx();
    try {
      assertThat(cache.peek("film")).isNull();
      assertThat(loads).hasValue(0);

      cache.get("film", vertx.getOrCreateContext()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      cache.get("none-such", vertx.getOrCreateContext()).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(cache.peek("film")).isNotNull();
      assertThat(cache.peek("none-such")).as("known not to exist").isNull();
      assertThat(loads).hasValue(2);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void peek_ofAStaleEntry_reloadsIt() {
    FilmAccessCache cache = cache();
    cache.get("film", null);
    Instant first = cache.peek("film").version();

    nanos.addAndGet(FilmAccessCache.REFRESH.plus(Duration.ofSeconds(1)).toNanos());
    cache.peek("film"); // the reload runs on the (here direct) executor

    assertThat(loads).hasValue(2);
    assertThat(cache.peek("film").version()).isNotEqualTo(first);
    assertThat(loads).as("fresh again: no further reload").hasValue(2);
  }

  @Test
  void hitRate_countsPeeksOnlyWhenTheyAnswered() {
    FilmAccessCache cache = cache();
    cache.get("film", null); // a miss
    cache.peek("film");
    cache.peek("film");

    assertThat(cache.hitRate()).isEqualTo(0.0);
    cache.peeked();
    assertThat(cache.hitRate()).isEqualTo(0.5);
  }
}
