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

/**
 * A film's package version switches with {@code ready} in one transaction; the version it
 * replaces (the unversioned layout too, once the film had a package) is recorded as retired, and
 * found by the sweep only after its grace period.
 */
class PackageVersionStoreTest {
  private static final List<Rendition> LADDER =
      List.of(new Rendition("video", 640, 360, 800_000, "avc1.64001e"));
  @TempDir Path dir;

  /** A SQLite file here, PostgreSQL in {@link PackageVersionStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private FilmStore films;
  private PackageVersionStore versions;
  private String owner;

  @BeforeEach
  void setUp() {
    Database db = open();
    owner = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    films = new FilmStore(db, clock);
    versions = new PackageVersionStore(db);
  }

  private String film() {
    return films.create(owner, new FilmMetadata("Film", "A logline", "A synopsis", 2026, List.of(), List.of(),
        Visibility.PUBLIC, Optional.empty(), Optional.empty())).id();
  }

  @Test
  void firstTranscode_setsTheVersion_andRetiresNothing() {
    String id = film();
    assertThat(versions.current(id)).isEmpty();
    films.markReady(id, LADDER, Duration.ofSeconds(4), "a-000001", true);
    assertThat(versions.current(id)).contains("a-000001");
    assertThat(films.find(id).orElseThrow().status()).isEqualTo(FilmStatus.READY);
    assertThat(versions.retired(id)).isEmpty();
  }

  @Test
  void newVersion_retiresTheOldOne_whichTheSweepFindsAfterTheGracePeriod() {
    String id = film();
    films.markReady(id, LADDER, Duration.ofSeconds(4), "a-000001", true);
    clock.advance(Duration.ofMinutes(1));
    Instant switched = clock.instant();
    films.markReady(id, LADDER, Duration.ofSeconds(4), "b-000002", true);

    assertThat(versions.current(id)).contains("b-000002");
    assertThat(versions.retired(id)).containsExactly(
        new PackageVersionStore.Retired(id, "a-000001", switched));
    assertThat(versions.retiredBefore(switched.minusMillis(1), 10)).isEmpty();
    assertThat(versions.retiredBefore(switched, 10)).extracting(PackageVersionStore.Retired::version)
        .containsExactly("a-000001");
    versions.forget(id, "a-000001");
    assertThat(versions.retired(id)).isEmpty();
  }

  @Test
  void unversionedPackage_isRetiredAsTheEmptyVersion_onLocalDiskNothingIs() {
    String legacy = film();
    films.markReady(legacy, LADDER, Duration.ofSeconds(4));
    films.markReady(legacy, LADDER, Duration.ofSeconds(4), "a-000001", true);
    assertThat(versions.retired(legacy)).extracting(PackageVersionStore.Retired::version)
        .containsExactly(PackageVersionStore.UNVERSIONED);

    String local = film();
    films.markReady(local, LADDER, Duration.ofSeconds(4), "a-000001", false);
    films.markReady(local, LADDER, Duration.ofSeconds(4), "b-000002", false);
    assertThat(versions.current(local)).contains("b-000002");
    assertThat(versions.retired(local)).isEmpty();
  }

  @Test
  void theSameReportTwice_retiresNothing_andDeletingTheFilmForgetsItsVersions() {
    String id = film();
    films.markReady(id, LADDER, Duration.ofSeconds(4), "a-000001", true);
    films.markReady(id, LADDER, Duration.ofSeconds(4), "b-000002", true);
    films.markReady(id, LADDER, Duration.ofSeconds(4), "b-000002", true);
    assertThat(versions.retired(id)).extracting(PackageVersionStore.Retired::version)
        .containsExactly("a-000001");

    assertThat(films.delete(id)).isTrue();
    assertThat(versions.retired(id)).isEmpty();
    assertThat(versions.retiredBefore(clock.instant().plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  @Test
  void anUnversionedPackageAfterAVersionedOne_clearsTheVersion_andRetiresIt() {
    String id = film();
    films.markReady(id, LADDER, Duration.ofSeconds(4), "a-000001", true);
    // A worker from before versions wrote the package unversioned, in place.
    films.markReady(id, LADDER, Duration.ofSeconds(4), null, true);
    assertThat(versions.current(id)).isEmpty();
    assertThat(versions.retired(id)).extracting(PackageVersionStore.Retired::version)
        .containsExactly("a-000001");
  }
}
