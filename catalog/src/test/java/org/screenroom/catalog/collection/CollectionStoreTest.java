package org.screenroom.catalog.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;

class CollectionStoreTest {
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link CollectionStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private CollectionStore collections;
  private FilmStore films;
  private String ada;
  private String bob;

  @BeforeEach
  void setUp() {
    Database db = open();
    AccountStore accounts = new AccountStore(db, clock, new PasswordHasher());
    ada = accounts.create("ada", "pw-long-enough", Role.FILMMAKER).id();
    bob = accounts.create("bob", "pw-long-enough", Role.FILMMAKER).id();
    collections = new CollectionStore(db, clock);
    films = new FilmStore(db, clock);
  }

  private String film(String title) {
    return films.create(ada, FilmMetadata.titled(title, Visibility.PUBLIC)).id();
  }

  @Test
  void setFilms_keepsTheOrder_andReplaces() {
    String a = film("A");
    String b = film("B");
    String c = film("C");
    Collection col = collections.create(ada, "Night films", "After dark.", Visibility.PUBLIC);

    assertThat(collections.setFilms(col.id(), List.of(c, a, b)).orElseThrow().filmIds())
        .containsExactly(c, a, b);
    assertThat(collections.setFilms(col.id(), List.of(b, c)).orElseThrow().filmIds())
        .containsExactly(b, c);
    assertThat(collections.find(col.id()).orElseThrow())
        .extracting(Collection::title, Collection::description, Collection::visibility, Collection::ownerId)
        .containsExactly("Night films", "After dark.", Visibility.PUBLIC, ada);
    assertThat(collections.setFilms("AAAAAAAAAAAA", List.of(a))).isEmpty();
  }

  @Test
  void deletingAFilm_removesItFromCollections() {
    String a = film("A");
    String b = film("B");
    Collection col = collections.create(ada, "Two", null, Visibility.PUBLIC);
    collections.setFilms(col.id(), List.of(a, b));

    films.delete(a);

    assertThat(collections.find(col.id()).orElseThrow().filmIds()).containsExactly(b);
  }

  @Test
  void list_publicAndOwn_orEverythingForAdmin() {
    Collection adaDraft = collections.create(ada, "Ada draft", null, Visibility.DRAFT);
    clock.advance(java.time.Duration.ofSeconds(1));
    Collection bobPublic = collections.create(bob, "Bob public", null, Visibility.PUBLIC);
    clock.advance(java.time.Duration.ofSeconds(1));
    Collection bobPrivate = collections.create(bob, "Bob private", null, Visibility.PRIVATE);

    assertThat(collections.list(Optional.empty(), false, 50)).extracting(Collection::id)
        .containsExactly(bobPublic.id());
    assertThat(collections.list(Optional.of(ada), false, 50)).extracting(Collection::id)
        .containsExactly(bobPublic.id(), adaDraft.id());
    assertThat(collections.list(Optional.empty(), true, 50)).extracting(Collection::id)
        .containsExactly(bobPrivate.id(), bobPublic.id(), adaDraft.id());
    assertThat(collections.delete(bobPublic.id())).isTrue();
    assertThat(collections.delete(bobPublic.id())).isFalse();
  }
}
