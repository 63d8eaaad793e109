package org.screenroom.catalog.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;

/** URL downloads' leases: one per film across origins, renewal, expiry and settling once. */
class UrlDownloadStoreTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private UrlDownloadStore originA;
  private UrlDownloadStore originB;
  private FilmStore films;
  private String film;

  /** The catalog under test: a SQLite file here, PostgreSQL in the Postgres subclass. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }

  @BeforeEach
  void setUp() {
    Database db = open();
    String owner = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    films = new FilmStore(db, clock);
    film = films.create(owner, FilmMetadata.titled("F", Visibility.DRAFT)).id();
    originA = new UrlDownloadStore(db, clock);
    originB = new UrlDownloadStore(open(), clock);
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private Instant until() {
    return clock.instant().plus(LEASE);
  }

  @Test
  void claim_oncePerFilm_untilReleased() {
    assertThat(originA.claim(film, "a", until())).isTrue();
    assertThat(originB.claim(film, "b", until())).isFalse();
    assertThat(originB.find(film).orElseThrow().holder()).isEqualTo("a");

    originB.release(film, "b"); // not b's
    assertThat(originB.find(film)).isPresent();
    originA.release(film, "a");
    assertThat(originB.find(film)).isEmpty();
    assertThat(originB.claim(film, "b", until())).isTrue();
  }

  @Test
  void renewedLease_isNotExpired_aSilentOneIsSettledOnce() {
    assertThat(originA.claim(film, "a", until())).isTrue();
    clock.advance(Duration.ofSeconds(20));
    assertThat(originA.renew(film, "a", until())).isTrue();
    clock.advance(Duration.ofSeconds(20));
    assertThat(originB.expired()).isEmpty();

    clock.advance(Duration.ofSeconds(11)); // origin A died
    List<UrlDownloadStore.Download> expired = originB.expired();
    assertThat(expired).extracting(UrlDownloadStore.Download::filmId).containsExactly(film);
    assertThat(originB.settle(expired.get(0))).isTrue();
    assertThat(originA.settle(expired.get(0))).as("settled already").isFalse();
    assertThat(originA.renew(film, "a", until())).as("a's lease is gone").isFalse();
    assertThat(originB.find(film)).isEmpty();
  }

  @Test
  void settle_losesToARenewalInBetween() {
    assertThat(originA.claim(film, "a", until())).isTrue();
    clock.advance(LEASE.plusSeconds(1));
    UrlDownloadStore.Download seen = originB.expired().get(0);
    assertThat(originA.renew(film, "a", until())).isTrue(); // A was only slow

    assertThat(originB.settle(seen)).isFalse();
    assertThat(originB.find(film)).isPresent();
  }

  @Test
  void claim_takesTheFilmFromAnAbandonedDownload() {
    assertThat(originA.claim(film, "a", until())).isTrue();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(originB.claim(film, "b", until())).isTrue();
    assertThat(originA.find(film).orElseThrow().holder()).isEqualTo("b");
  }

  @Test
  void deletingTheFilm_forgetsItsDownload() {
    assertThat(originA.claim(film, "a", until())).isTrue();
    films.delete(film);
    assertThat(originB.find(film)).isEmpty();
    assertThat(originA.renew(film, "a", until())).isFalse();
  }

  @Test
  void racingClaims_exactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        UrlDownloadStore store = i % 2 == 0 ? originA : originB;
        String holder = "h" + round + "-" + i;
        tries.add(threads.submit(() -> {
          go.await();
          return store.claim(film, holder, until());
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : tries) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).as("round " + round).isEqualTo(1);
      clock.advance(LEASE.plusSeconds(1));
    }
  }
}
