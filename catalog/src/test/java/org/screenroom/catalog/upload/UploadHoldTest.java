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

/**
 * The hold on an upload that replaces the one-origin "receiving" set: one holder at a time
 * across stores sharing the catalog, renewals, a lapsed hold taken over, and an offset only
 * its holder moves.
 */
class UploadHoldTest {
  private static final Duration HOLD = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  /** Two stores over one catalog: two origins. */
  private UploadStore originA;
  private UploadStore originB;
  private String uploadId;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link UploadHoldPostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }

  @BeforeEach
  void setUp() {
    Database db = open();
    String owner = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    String film = new FilmStore(db, clock).create(owner, FilmMetadata.titled("F", Visibility.DRAFT))
        .id();
    originA = new UploadStore(db, clock);
    originB = new UploadStore(open(), clock);
    uploadId = "AAAAAAAAAAAAAAAAAAAAAA";
    originA.create(uploadId, film, owner, "f.mp4", 1000, clock.instant().plus(Duration.ofHours(24)),
        "volume-1");
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private Instant until() {
    return clock.instant().plus(HOLD);
  }

  @Test
  void create_recordsTheUploadsDirectory() {
    assertThat(originB.find(uploadId).orElseThrow().volume()).contains("volume-1");
  }

  @Test
  void hold_isExclusiveAcrossOrigins_untilReleased() {
    assertThat(originA.hold(uploadId, "a", until())).isTrue();
    assertThat(originB.hold(uploadId, "b", until())).isFalse();
    assertThat(originA.hold(uploadId, "a2", until())).as("a second request on the same origin")
        .isFalse();
    assertThat(originB.held(uploadId)).isTrue();

    originB.release(uploadId, "b"); // not b's: changes nothing
    assertThat(originB.hold(uploadId, "b", until())).isFalse();

    originA.release(uploadId, "a");
    assertThat(originB.held(uploadId)).isFalse();
    assertThat(originB.hold(uploadId, "b", until())).isTrue();
  }

  @Test
  void renewedHold_outlivesItsFirstLease_aLapsedOneIsTakenOver() {
    assertThat(originA.hold(uploadId, "a", until())).isTrue();
    clock.advance(Duration.ofSeconds(20));
    assertThat(originA.renew(uploadId, "a", until())).isTrue();
    clock.advance(Duration.ofSeconds(20));
    assertThat(originB.hold(uploadId, "b", until())).as("renewed 20 s ago").isFalse();

    clock.advance(Duration.ofSeconds(31)); // a's origin died: no renewal
    assertThat(originB.held(uploadId)).isFalse();
    assertThat(originB.hold(uploadId, "b", until())).isTrue();
    assertThat(originA.renew(uploadId, "a", until())).as("a lost it").isFalse();
  }

  @Test
  void advance_byTheHolderOnly() {
    assertThat(originA.hold(uploadId, "a", until())).isTrue();
    assertThat(originB.advance(uploadId, "b", 500, clock.instant().plus(Duration.ofHours(24))))
        .isFalse();
    assertThat(originB.find(uploadId).orElseThrow().offset()).isZero();

    assertThat(originA.advance(uploadId, "a", 500, clock.instant().plus(Duration.ofHours(24))))
        .isTrue();
    assertThat(originB.find(uploadId).orElseThrow().offset()).isEqualTo(500);

    clock.advance(HOLD.plusSeconds(1));
    assertThat(originA.advance(uploadId, "a", 600, clock.instant().plus(Duration.ofHours(24))))
        .as("a lapsed hold moves nothing").isFalse();
    assertThat(originB.find(uploadId).orElseThrow().offset()).isEqualTo(500);
  }

  @Test
  void hold_ofAMissingUpload_isRefused() {
    assertThat(originA.hold("BBBBBBBBBBBBBBBBBBBBBB", "a", until())).isFalse();
  }

  @Test
  void racingHolders_exactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        UploadStore store = i % 2 == 0 ? originA : originB;
        String holder = "h" + round + "-" + i;
        tries.add(threads.submit(() -> {
          go.await();
          return store.hold(uploadId, holder, until());
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : tries) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).as("round " + round).isEqualTo(1);
      clock.advance(HOLD.plusSeconds(1)); // the next round takes a lapsed hold
    }
  }
}
