package org.screenroom.catalog.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;

class FilmStoreTest {
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link FilmStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private FilmStore films;
  private String owner;
  private String other;

  @BeforeEach
  void setUp() {
    Database db = open();
    AccountStore accounts = new AccountStore(db, clock, new PasswordHasher());
    owner = accounts.create("ada", "pw-long-enough", Role.FILMMAKER).id();
    other = accounts.create("bob", "pw-long-enough", Role.FILMMAKER).id();
    films = new FilmStore(db, clock);
  }

  private FilmMetadata metadata(String title, Visibility visibility) {
    return new FilmMetadata(title, "A logline", "A synopsis", 2026, List.of("drama", "documentary"),
        List.of(new Credit("director", "Agnès Varda"), new Credit("cast", "Corinne Marchand")),
        visibility, Optional.empty(), Optional.empty());
  }

  @Test
  void create_thenFind_roundTripsEveryField() {
    FilmMetadata m = new FilmMetadata("Cléo", "'; DROP TABLE films; --", "<script>x</script>", 1962,
        List.of("drama"), List.of(new Credit("director", "Agnès Varda")), Visibility.UNLISTED,
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Instant.parse("2027-01-01T00:00:00Z")));

    Film created = films.create(owner, m);
    Film found = films.find(created.id()).orElseThrow();

    assertThat(found.metadata()).isEqualTo(m);
    assertThat(found.status()).isEqualTo(FilmStatus.DRAFT);
    assertThat(found.ownerId()).isEqualTo(owner);
    assertThat(found.createdAt()).isEqualTo(clock.instant());
    assertThat(found.source()).isEmpty();
  }

  @Test
  void progress_isTakenWhileProcessing_butNeverRevivesASettledFilm() {
    Film film = films.create(owner, metadata("Film", Visibility.PUBLIC));
    assertThat(films.recordProgress(film.id(), 10)).as("a draft takes no progress").isFalse();
    films.markProcessing(film.id(), 0);
    assertThat(films.recordProgress(film.id(), 37)).isTrue();
    assertThat(films.find(film.id()).orElseThrow())
        .extracting(Film::status, Film::progress)
        .containsExactly(FilmStatus.PROCESSING, 37);
    films.markFailed(film.id(), "Cancelled.");
    // A worker's report sent before the cancel and recorded after it.
    assertThat(films.recordProgress(film.id(), 60)).isFalse();
    assertThat(films.find(film.id()).orElseThrow().status()).isEqualTo(FilmStatus.FAILED);
  }

  @Test
  void lifecycle_processingReadyFailed() {
    Film film = films.create(owner, metadata("Film", Visibility.PUBLIC));
    films.setSource(film.id(), new SourceFile("master.mov", 1234, "ab".repeat(32)));
    films.markProcessing(film.id(), 140);
    assertThat(films.find(film.id()).orElseThrow().progress()).isEqualTo(100);
    films.markProcessing(film.id(), 42);
    assertThat(films.find(film.id()).orElseThrow())
        .extracting(Film::status, Film::progress)
        .containsExactly(FilmStatus.PROCESSING, 42);

    List<Rendition> ladder = List.of(new Rendition("video", 640, 360, 900_000, "avc1.64001e"),
        new Rendition("audio", 0, 0, 128_000, "mp4a.40.2"));
    films.markReady(film.id(), ladder, Duration.ofMillis(4_000));
    Film ready = films.find(film.id()).orElseThrow();
    assertThat(ready.status()).isEqualTo(FilmStatus.READY);
    assertThat(ready.renditions()).isEqualTo(ladder);
    assertThat(ready.duration()).contains(Duration.ofSeconds(4));
    assertThat(ready.source()).contains(new SourceFile("master.mov", 1234, "ab".repeat(32)));

    Film other = films.create(owner, metadata("Other", Visibility.PUBLIC));
    films.markProcessing(other.id(), 0);
    films.markFailed(other.id(), "The file has no video stream.");
    assertThat(films.find(other.id()).orElseThrow())
        .extracting(Film::status, Film::error, Film::next)
        .containsExactly(FilmStatus.FAILED, "The file has no video stream.", null);
  }

  @Test
  void readyFilm_keepsPlayingWhileItsNextVersionIsPrepared_failsOrIsReplaced() {
    Film film = films.create(owner, metadata("Film", Visibility.PUBLIC));
    films.markProcessing(film.id(), 0);
    List<Rendition> first = List.of(new Rendition("video", 640, 360, 900_000, "avc1.64001e"));
    films.markReady(film.id(), first, Duration.ofSeconds(4), "v1-aaaaaa", true);

    // A re-transcode: the film stays ready with its renditions, the next version is processing.
    films.markProcessing(film.id(), 0);
    assertThat(films.recordProgress(film.id(), 55)).isTrue();
    Film preparing = films.find(film.id()).orElseThrow();
    assertThat(preparing.status()).isEqualTo(FilmStatus.READY);
    assertThat(preparing.progress()).isEqualTo(100);
    assertThat(preparing.renditions()).isEqualTo(first);
    assertThat(preparing.next()).isEqualTo(new NextVersion(FilmStatus.PROCESSING, 55, null));
    assertThat(films.idsWithStatus(FilmStatus.PROCESSING)).containsExactly(film.id());
    assertThat(films.idsWithStatus(FilmStatus.READY)).containsExactly(film.id());

    // It fails (or is cancelled): the old version stays live, the failure is on the next one.
    films.markFailed(film.id(), "Cancelled.");
    Film failed = films.find(film.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(FilmStatus.READY);
    assertThat(failed.error()).isNull();
    assertThat(failed.next()).isEqualTo(new NextVersion(FilmStatus.FAILED, 55, "Cancelled."));
    assertThat(films.recordProgress(film.id(), 70)).as("a late report").isFalse();
    assertThat(films.idsWithStatus(FilmStatus.PROCESSING)).isEmpty();

    // Retried, and done: the switch clears the next version.
    films.markProcessing(film.id(), 0);
    assertThat(films.find(film.id()).orElseThrow().next())
        .isEqualTo(new NextVersion(FilmStatus.PROCESSING, 0, null));
    List<Rendition> second = List.of(new Rendition("video", 1280, 720, 2_500_000, "avc1.64001f"));
    films.markReady(film.id(), second, Duration.ofSeconds(4), "v2-bbbbbb", true);
    Film replaced = films.find(film.id()).orElseThrow();
    assertThat(replaced.status()).isEqualTo(FilmStatus.READY);
    assertThat(replaced.next()).isNull();
    assertThat(replaced.renditions()).isEqualTo(second);
  }

  @Test
  void list_publicOnly_showsOnlyReleasedReadyPublicFilms() {
    Film pub = films.create(owner, metadata("Public", Visibility.PUBLIC));
    Film unlisted = films.create(owner, metadata("Unlisted", Visibility.UNLISTED));
    FilmMetadata later = new FilmMetadata("Later", null, null, null, List.of(), List.of(),
        Visibility.PUBLIC, Optional.of(clock.instant().plusSeconds(60)), Optional.empty());
    Film future = films.create(owner, later);
    Film notReady = films.create(other, metadata("Processing", Visibility.PUBLIC));
    for (Film f : List.of(pub, unlisted, future)) {
      films.markReady(f.id(), List.of(), Duration.ofSeconds(1));
    }

    List<Film> anonymous = films.list(new FilmQuery(Optional.empty(), true, Optional.empty(), 50));
    assertThat(anonymous).extracting(Film::id).containsExactly(pub.id());

    clock.advance(Duration.ofSeconds(61));
    anonymous = films.list(new FilmQuery(Optional.empty(), true, Optional.empty(), 50));
    assertThat(anonymous).extracting(Film::id).containsExactlyInAnyOrder(pub.id(), future.id());

    List<Film> mine = films.list(new FilmQuery(Optional.of(other), false, Optional.empty(), 50));
    assertThat(mine).extracting(Film::id).containsExactly(notReady.id());
  }

  private List<String> search(String text) {
    return films.list(new FilmQuery(Optional.empty(), false, Optional.of(text), 10)).stream()
        .map(Film::title).toList();
  }

  @Test
  void search_findsByCastMemberPrefixAndIgnoresAccents() {
    films.create(owner, metadata("Cléo from 5 to 7", Visibility.PUBLIC));
    films.create(owner, new FilmMetadata("Sans toit ni loi", null, "A drifter in winter.", 1985,
        List.of("drama"), List.of(new Credit("cast", "Sandrine Bonnaire")), Visibility.PUBLIC,
        Optional.empty(), Optional.empty()));

    assertThat(search("Marchand")).containsExactly("Cléo from 5 to 7");
    assertThat(search("corinne march")).containsExactly("Cléo from 5 to 7");
    assertThat(search("cleo")).containsExactly("Cléo from 5 to 7");
    assertThat(search("bonnaire")).containsExactly("Sans toit ni loi");
    assertThat(search("varda bonnaire")).isEmpty();
  }

  @Test
  void search_ranksTitleAboveSynopsis() {
    films.create(owner, new FilmMetadata("Harbour", null, "A story about the river and the sea.", null,
        List.of(), List.of(), Visibility.PUBLIC, Optional.empty(), Optional.empty()));
    films.create(owner, new FilmMetadata("River", null, "A story about a harbour.", null,
        List.of(), List.of(), Visibility.PUBLIC, Optional.empty(), Optional.empty()));

    assertThat(search("river")).containsExactly("River", "Harbour");
  }

  @Test
  void search_operatorsAndPunctuation_areSearchedAsText() {
    films.create(owner, new FilmMetadata("100% Cotton", null, null, null, List.of(), List.of(),
        Visibility.PUBLIC, Optional.empty(), Optional.empty()));

    assertThat(search("%")).isEmpty();
    assertThat(search("100%")).containsExactly("100% Cotton");
    for (String hostile : List.of("\"", "NEAR(a b)", "cotton OR", "* AND -", "title:cotton", "'; DROP TABLE films; --")) {
      assertThat(search(hostile)).as(hostile).isNotNull();
    }
    assertThat(films.count()).isEqualTo(1);
  }

  @Test
  void list_filtersByGenreAndYear() {
    films.create(owner, metadata("Doc", Visibility.PUBLIC));
    films.create(owner, new FilmMetadata("Comedy", null, null, 2020, List.of("Comedy"), List.of(),
        Visibility.PUBLIC, Optional.empty(), Optional.empty()));

    FilmQuery comedies = new FilmQuery(Optional.empty(), false, Optional.empty(), 10,
        Optional.of("comedy"), Optional.empty(), Optional.empty());
    FilmQuery of2026 = new FilmQuery(Optional.empty(), false, Optional.empty(), 10,
        Optional.empty(), Optional.of(2026), Optional.empty());

    assertThat(films.list(comedies)).extracting(Film::title).containsExactly("Comedy");
    assertThat(films.list(of2026)).extracting(Film::title).containsExactly("Doc");
  }

  @Test
  void page_cursorWalksEveryFilmOnce_evenWhenOneIsAddedMeanwhile() {
    for (int i = 0; i < 5; i++) {
      films.create(owner, metadata("Film " + i, Visibility.PUBLIC));
      clock.advance(Duration.ofSeconds(1));
    }
    FilmPage first = films.page(new FilmQuery(Optional.empty(), false, Optional.empty(), 2));
    films.create(owner, metadata("Newer", Visibility.PUBLIC));
    FilmPage second = films.page(new FilmQuery(Optional.empty(), false, Optional.empty(), 2,
        Optional.empty(), Optional.empty(), first.nextCursor()));
    FilmPage third = films.page(new FilmQuery(Optional.empty(), false, Optional.empty(), 2,
        Optional.empty(), Optional.empty(), second.nextCursor()));

    assertThat(first.items()).extracting(Film::title).containsExactly("Film 4", "Film 3");
    assertThat(second.items()).extracting(Film::title).containsExactly("Film 2", "Film 1");
    assertThat(third.items()).extracting(Film::title).containsExactly("Film 0");
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void page_searchCursor_continuesByOffset_andForgedCursorIsRefused() {
    for (int i = 0; i < 3; i++) {
      films.create(owner, metadata("Night " + i, Visibility.PUBLIC));
    }
    FilmPage first = films.page(new FilmQuery(Optional.empty(), false, Optional.of("night"), 2));
    FilmPage second = films.page(new FilmQuery(Optional.empty(), false, Optional.of("night"), 2,
        Optional.empty(), Optional.empty(), first.nextCursor()));

    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> films.page(new FilmQuery(Optional.empty(),
        false, Optional.empty(), 2, Optional.empty(), Optional.empty(), Optional.of("bm90IGEgY3Vyc29y"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete_removesFilmAndItsSearchEntry() {
    Film film = films.create(owner, metadata("Gone", Visibility.PUBLIC));

    assertThat(films.delete(film.id())).isTrue();
    assertThat(films.find(film.id())).isEmpty();
    assertThat(search("gone")).isEmpty();
  }

  @Test
  void update_replacesMetadata_unknownIdIsEmpty() {
    Film film = films.create(owner, metadata("Old", Visibility.DRAFT));
    FilmMetadata changed = FilmMetadata.titled("New", Visibility.PRIVATE);

    assertThat(films.update(film.id(), changed)).map(Film::metadata).contains(changed);
    assertThat(films.update("AAAAAAAAAAAA", changed)).isEmpty();
    assertThat(films.find("../../etc")).isEmpty();
  }
}
