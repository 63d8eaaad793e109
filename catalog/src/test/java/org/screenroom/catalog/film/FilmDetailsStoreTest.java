package org.screenroom.catalog.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Slugs, countries, languages, tags, trailers, images and grants on a real SQLite file. */
class FilmDetailsStoreTest {
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link FilmDetailsStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private FilmStore films;
  private FilmImageStore images;
  private FilmGrantStore grants;
  private String owner;
  private String bob;

  @BeforeEach
  void setUp() {
    Database db = open();
    AccountStore accounts = new AccountStore(db, clock, new PasswordHasher());
    owner = accounts.create("ada", "pw-long-enough", Role.FILMMAKER).id();
    bob = accounts.create("bob", "pw-long-enough", Role.FILMMAKER).id();
    films = new FilmStore(db, clock);
    images = new FilmImageStore(db);
    grants = new FilmGrantStore(db, clock);
  }

  private Film film(String title) {
    return films.create(owner, FilmMetadata.titled(title, Visibility.PUBLIC));
  }

  @Test
  void create_derivesSlugFromTitle_andNumbersTakenOnes() {
    assertThat(film("Cléo from 5 to 7").slug()).isEqualTo("cleo-from-5-to-7");
    assertThat(film("Cléo from 5 to 7!").slug()).isEqualTo("cleo-from-5-to-7-2");
    assertThat(film("CLEO from 5 to 7").slug()).isEqualTo("cleo-from-5-to-7-3");
    assertThat(film("東京物語").slug()).isEqualTo("film");
    assertThat(film("東京物語").slug()).isEqualTo("film-2");
  }

  @Test
  void details_roundTrip_andFindBySlug() {
    Film trailer = film("Trailer");
    FilmDetails d = new FilmDetails("night-bus", List.of("FR", "SN"), List.of("fr", "wo", "pt-BR"),
        List.of("night", "bus"), Optional.of(trailer.id()));

    Film created = films.create(owner, FilmMetadata.titled("Night Bus", Visibility.PUBLIC), d);

    assertThat(films.find(created.id()).orElseThrow().details()).isEqualTo(d);
    assertThat(films.findBySlug("night-bus")).map(Film::id).contains(created.id());
    assertThat(films.findBySlug("night")).isEmpty();
  }

  @Test
  void update_metadataOnly_keepsDetails_andNullSlugKeepsTheSlug() {
    FilmDetails d = new FilmDetails("mine", List.of("FR"), List.of("fr"), List.of("x"), Optional.empty());
    Film f = films.create(owner, FilmMetadata.titled("A", Visibility.DRAFT), d);

    films.update(f.id(), FilmMetadata.titled("B", Visibility.PUBLIC));
    assertThat(films.find(f.id()).orElseThrow().details()).isEqualTo(d);

    films.update(f.id(), FilmMetadata.titled("B", Visibility.PUBLIC),
        new FilmDetails(null, List.of(), List.of("de"), List.of(), Optional.empty()));
    Film after = films.find(f.id()).orElseThrow();
    assertThat(after.slug()).isEqualTo("mine");
    assertThat(after.details().languages()).containsExactly("de");
    assertThat(after.details().countries()).isEmpty();
  }

  @Test
  void slug_takenByAnotherFilm_isSlugTakenException() {
    films.create(owner, FilmMetadata.titled("A", Visibility.DRAFT), FilmDetails.none().withSlug("same"));
    Film b = film("B");

    assertThatThrownBy(() -> films.create(owner, FilmMetadata.titled("C", Visibility.DRAFT),
        FilmDetails.none().withSlug("same"))).isInstanceOf(SlugTakenException.class);
    assertThatThrownBy(() -> films.update(b.id(), b.metadata(), b.details().withSlug("same")))
        .isInstanceOf(SlugTakenException.class);
    assertThat(films.find(b.id()).orElseThrow().slug()).isEqualTo("b");
  }

  @Test
  void languageFilter_matchesTagAndMoreSpecificTags_caseInsensitively() {
    Film fr = films.create(owner, FilmMetadata.titled("Fr", Visibility.PUBLIC),
        new FilmDetails(null, List.of(), List.of("fr"), List.of(), Optional.empty()));
    Film frCa = films.create(owner, FilmMetadata.titled("FrCa", Visibility.PUBLIC),
        new FilmDetails(null, List.of(), List.of("en", "fr-CA"), List.of(), Optional.empty()));
    film("None");

    assertThat(byLanguage("fr")).containsExactlyInAnyOrder(fr.id(), frCa.id());
    assertThat(byLanguage("FR-ca")).containsExactly(frCa.id());
    assertThat(byLanguage("f")).isEmpty();
    assertThat(byLanguage("en")).containsExactly(frCa.id());
  }

  private List<String> byLanguage(String language) {
    return films.list(new FilmQuery(Optional.empty(), false, Optional.empty(), 10, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(language))).stream().map(Film::id).toList();
  }

  @Test
  void search_findsTags() {
    Film f = films.create(owner, FilmMetadata.titled("Quiet", Visibility.PUBLIC),
        new FilmDetails(null, List.of(), List.of(), List.of("afrofuturism"), Optional.empty()));

    assertThat(films.list(new FilmQuery(Optional.empty(), false, Optional.of("afrofutur"), 10)))
        .extracting(Film::id).containsExactly(f.id());
  }

  @Test
  void runtime_isTheStoredDuration() {
    Film f = film("Timed");
    films.markReady(f.id(), List.of(), Duration.ofMillis(93_500));

    assertThat(films.find(f.id()).orElseThrow().duration()).contains(Duration.ofMillis(93_500));
  }

  @Test
  void deletingTheTrailerFilm_unlinksIt() {
    Film trailer = film("Trailer");
    Film main = films.create(owner, FilmMetadata.titled("Main", Visibility.PUBLIC),
        new FilmDetails(null, List.of(), List.of(), List.of(), Optional.of(trailer.id())));

    films.delete(trailer.id());

    assertThat(films.find(main.id()).orElseThrow().details().trailerFilmId()).isEmpty();
  }

  @Test
  void images_posterReplaced_stillsOrdered_removed() {
    Film f = film("Pictures");
    FilmImage p1 = image("poster00001A", FilmImage.Kind.POSTER);
    FilmImage p2 = image("poster00002A", FilmImage.Kind.POSTER);
    FilmImage s1 = image("still000001A", FilmImage.Kind.STILL);
    FilmImage s2 = image("still000002A", FilmImage.Kind.STILL);

    assertThat(images.setPoster(f.id(), p1)).isEmpty();
    assertThat(images.setPoster(f.id(), p2)).contains(p1);
    images.addStill(f.id(), s1);
    images.addStill(f.id(), s2);
    FilmImages stored = films.find(f.id()).orElseThrow().images();
    assertThat(stored.poster()).contains(p2);
    assertThat(stored.stills()).containsExactly(s1, s2);

    assertThat(images.removeImage(f.id(), s1.name())).contains(s1);
    assertThat(images.removeImage(f.id(), s1.name())).isEmpty();
    assertThat(films.find(f.id()).orElseThrow().images().stills()).containsExactly(s2);
  }

  private FilmImage image(String name, FilmImage.Kind kind) {
    return new FilmImage(name, kind, 1920, 1080, List.of(320, 640, 1280), clock.instant());
  }

  @Test
  void grants_areIdempotent_listedByUsername_andOnTheFilm() {
    Film f = film("Secret");
    grants.grant(f.id(), bob);
    grants.grant(f.id(), bob);

    assertThat(grants.grants(f.id())).containsExactly(new FilmGrant("bob", clock.instant()));
    assertThat(films.find(f.id()).orElseThrow().grantees()).containsExactly(bob);
    assertThat(grants.revoke(f.id(), bob)).isTrue();
    assertThat(grants.revoke(f.id(), bob)).isFalse();
    assertThat(films.find(f.id()).orElseThrow().grantees()).isEmpty();
  }
}
