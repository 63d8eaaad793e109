package org.screenroom.catalog.festival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/** The V14 catalog on a real SQLite file: festivals, passes, sessions, the delivery log. */
class FestivalStoreTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private FestivalStore festivals;
  private ScreenerStore passes;
  private PlaybackSessionStore sessions;
  private String owner;
  private String film;

  /** The catalog under test; {@link FestivalStorePostgresTest} runs every case on PostgreSQL. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }

  @BeforeEach
  void setUp() {
    Database db = open();
    owner = new AccountStore(db, clock, new PasswordHasher()).create("fest", "fest-password",
        Role.FILMMAKER).id();
    film = new FilmStore(db, clock).create(owner, FilmMetadata.titled("Entry", Visibility.PRIVATE)).id();
    festivals = new FestivalStore(db, clock);
    passes = new ScreenerStore(db, clock);
    sessions = new PlaybackSessionStore(db);
  }

  private NewPass juror(String name) {
    return new NewPass(name, name + "@jury.example", List.of(film), null, null,
        clock.instant().plus(Duration.ofDays(3)), 2, null, null);
  }

  @Test
  void festival_keepsItsFieldsAndSubmittedFilmsOnce() {
    Festival f = festivals.create(owner, new FestivalFields("Jury", "2026", "2026-05-12",
        "2026-05-23", null, null));
    festivals.submit(f.id(), film, owner);
    festivals.submit(f.id(), film, owner);
    Festival read = festivals.find(f.id()).orElseThrow();
    assertThat(read.filmIds()).containsExactly(film);
    assertThat(read.startsOn()).isEqualTo("2026-05-12");
    assertThat(festivals.list(owner, false, 10)).hasSize(1);
    assertThat(festivals.list("someone-else", false, 10)).isEmpty();
    assertThat(festivals.withdraw(f.id(), film)).isTrue();
    assertThat(festivals.find(f.id()).orElseThrow().filmIds()).isEmpty();
  }

  @Test
  void passes_haveDistinctUnguessableCodes_andRevocationKeepsTheFirstTime() {
    Festival f = festivals.create(owner, new FestivalFields("Jury", null, null, null, null, null));
    List<ScreenerPass> created = passes.create(f.id(), List.of(juror("ada"), juror("bo"), juror("cy")));
    Set<String> codes = new HashSet<>();
    created.forEach(p -> codes.add(p.code()));
    assertThat(codes).hasSize(3).allSatisfy(c -> assertThat(c).matches("[A-Za-z0-9_-]{24}"));
    ScreenerPass ada = created.get(0);
    assertThat(passes.findByCode(ada.code()).orElseThrow().id()).isEqualTo(ada.id());
    assertThat(passes.findByCode("../../etc")).isEmpty();
    Instant first = clock.instant();
    passes.revoke(ada.id());
    clock.advance(Duration.ofMinutes(5));
    assertThat(passes.revoke(ada.id()).orElseThrow().revokedAt()).isEqualTo(first);
    assertThat(passes.acceptTerms(ada.id()).orElseThrow().termsAcceptedAt()).isEqualTo(clock.instant());
  }

  @Test
  void passCreation_isAllOrNone() {
    Festival f = festivals.create(owner, new FestivalFields("Jury", null, null, null, null, null));
    NewPass unknownFilm = new NewPass("x", "x@jury.example", List.of("nofilm000001"), null, null,
        clock.instant().plusSeconds(60), null, null, null);
    assertThatThrownBy(() -> passes.create(f.id(), List.of(juror("ada"), unknownFilm)))
        .isInstanceOf(RuntimeException.class);
    assertThat(passes.list(f.id())).isEmpty();
  }

  @Test
  void admitting_twoPlaysRacingForAPassesLastStream_startOneSession() throws Exception {
    Festival f = festivals.create(owner, new FestivalFields("Jury", null, null, null, null, null));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        ScreenerPass pass = passes.create(f.id(), List.of(new NewPass("r" + round,
            "r" + round + "@jury.example", List.of(film), null, null,
            clock.instant().plus(Duration.ofDays(3)), null, null, 1))).get(0);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> play = () -> {
          go.await();
          return sessions.admitting(pass.id(), () -> {
            boolean free = sessions.forViewer(PlaybackSession.SCREENER, pass.id()).isEmpty();
            if (free) {
              sessions.start(film, PlaybackSession.SCREENER, pass.id(),
                  "dev-" + Thread.currentThread().getId(), null, null, clock.instant());
            }
            return free;
          });
        };
        Future<Boolean> a = threads.submit(play);
        Future<Boolean> b = threads.submit(play);
        go.countDown();
        assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
            .as("round %d", round).containsExactlyInAnyOrder(true, false);
        assertThat(sessions.forViewer(PlaybackSession.SCREENER, pass.id())).hasSize(1);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void admitting_aRefusalThrownInside_startsNothing() {
    Festival f = festivals.create(owner, new FestivalFields("Jury", null, null, null, null, null));
    ScreenerPass pass = passes.create(f.id(), List.of(juror("ada"))).get(0);
    assertThatThrownBy(() -> sessions.admitting(pass.id(), () -> {
      sessions.start(film, PlaybackSession.SCREENER, pass.id(), "dev-a", null, null,
          clock.instant());
      throw new IllegalStateException("refused after starting");
    })).hasMessageContaining("refused after starting");
    assertThat(sessions.forViewer(PlaybackSession.SCREENER, pass.id())).isEmpty();
  }

  @Test
  void sessions_roundTripTheirFigures_inStartOrder() {
    PlaybackSession a = sessions.start(film, PlaybackSession.SCREENER, "pass00000001", "dev-a",
        "127.0.0.1", "UA", clock.instant());
    PlaybackSession b = sessions.start(film, PlaybackSession.SCREENER, "pass00000001", "dev-b",
        null, null, clock.instant());
    assertThat(a.id()).matches("[A-Za-z0-9_-]{22}");
    PlaybackSession changed = new PlaybackSession(a.id(), a.filmId(), a.viewerKind(), a.viewerId(),
        a.deviceId(), a.ip(), a.userAgent(), a.startedAt(), clock.instant().plusSeconds(9), 8.5,
        9.0, 8.0, 700, 1, 300, 720, 2_000_000, 0, true, false);
    sessions.save(changed);
    assertThat(sessions.find(a.id())).contains(changed);
    assertThat(sessions.forViewer(PlaybackSession.SCREENER, "pass00000001"))
        .extracting(PlaybackSession::id).containsExactly(a.id(), b.id());
    assertThat(sessions.forFilm(film)).hasSize(2);
  }

  @Test
  void countActive_countsOnlyUnendedSessionsHeardFromSince() {
    PlaybackSession playing = sessions.start(film, PlaybackSession.ANONYMOUS, "v1", "dev-a", null,
        null, clock.instant());
    PlaybackSession ended = sessions.start(film, PlaybackSession.ANONYMOUS, "v2", "dev-b", null,
        null, clock.instant());
    sessions.save(new PlaybackSession(ended.id(), ended.filmId(), ended.viewerKind(),
        ended.viewerId(), ended.deviceId(), null, null, ended.startedAt(), clock.instant(), 1, 1, 1,
        null, 0, 0, null, null, 0, true, false));
    assertThat(sessions.countActive(clock.instant())).isEqualTo(1);
    assertThat(sessions.countActive(clock.instant().plusMillis(1))).isZero();
    assertThat(playing.ended()).isFalse();
  }
}
