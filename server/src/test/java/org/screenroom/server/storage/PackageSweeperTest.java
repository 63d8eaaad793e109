package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.catalog.film.Rendition;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.S3Server;

/**
 * The package sweep over a real catalog (SQLite here, PostgreSQL in
 * {@link PackageSweeperPostgresTest}) and real storage (the local disk, and s3proxy): a replaced
 * version goes after the grace period; an orphan (in storage, named by nobody: an upload that
 * died half-way) goes once older than the grace period; the current version, a version being
 * written (its film has a job) and a young orphan stay; two sweepers at once do no harm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageSweeperTest {
  private static final Duration GRACE = Duration.ofMinutes(30);
  @TempDir Path work;
  private S3Server s3;
  private int run;

  /** The catalog under test. */
  Database open(Path dir) {
    return Database.open(dir.resolve("catalog.db"));
  }

  @BeforeAll
  void startS3() throws Exception {
    s3 = S3Server.start("screenroom-sweeper");
  }

  @AfterAll
  void stopS3() throws Exception {
    s3.close();
  }

  private FilmStorage storage(String kind, Path dir) {
    return switch (kind) {
      case "local" -> FilmStorage.local(dir);
      case "s3" -> new FilmStorage(S3Storage.connect(
          s3.settings("run" + run + "/", StorageSettings.Delivery.PROXY)));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "s3"})
  void retiredAndOrphanedVersionsGoAfterTheGracePeriod_namedAndBusyOnesStay(String kind)
      throws Exception {
    run++;
    Path dir = Files.createDirectories(work.resolve(kind + run));
    MutableClock clock = new MutableClock(Instant.now());
    Database db = open(dir);
    FilmStore films = new FilmStore(db, clock);
    PackageVersionStore versions = new PackageVersionStore(db);
    JobStore jobs = new JobStore(db, clock);
    FilmStorage storage = storage(kind, dir);
    String owner = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    String film = films.create(owner, FilmMetadata.titled("Swept", Visibility.PUBLIC)).id();
    String busy = films.create(owner, FilmMetadata.titled("Busy", Visibility.PUBLIC)).id();
    List<Rendition> ladder = List.of(new Rendition("video", 320, 240, 400_000, "avc1.64000d"));

    String retired = version(clock);
    String current = version(clock);
    String orphan = version(clock);
    String writing = version(clock);
    publish(storage, dir, film, retired);
    films.markReady(film, ladder, Duration.ofSeconds(2), retired, true);
    publish(storage, dir, film, current);
    films.markReady(film, ladder, Duration.ofSeconds(2), current, true);
    // An upload that died half-way: some files of a version nobody recorded.
    publish(storage, dir, film, orphan);
    // A version a running transcode is writing.
    jobs.enqueue(busy);
    publish(storage, dir, busy, writing);
    assertThat(versions.retired(film)).extracting(PackageVersionStore.Retired::version)
        .containsExactly(retired);

    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    PackageSweeper sweeper = new PackageSweeper(versions, id -> jobs.active(id).isPresent(),
        storage, clock, GRACE, told::add);
    assertThat(sweeper.sweep()).as("everything is younger than the grace period").isZero();
    assertThat(told).as("nothing removed, nobody told").isEmpty();
    assertThat(stored(storage, film)).containsExactlyInAnyOrder(retired, current, orphan);

    clock.advance(GRACE.plusMinutes(1));
    PackageSweeper other = new PackageSweeper(versions, id -> jobs.active(id).isPresent(),
        storage, clock, GRACE, told::add);
    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(sweeper::sweep);
    CompletableFuture<Integer> two = CompletableFuture.supplyAsync(other::sweep);
    int removed = one.get(60, TimeUnit.SECONDS) + two.get(60, TimeUnit.SECONDS);

    assertThat(removed).isBetween(2, 4);
    assertThat(stored(storage, film)).containsExactly(current);
    assertThat(stored(storage, busy)).containsExactly(writing);
    // The origins drop what they hold of the film (index, open files) once its versions are gone.
    assertThat(told).hasSize(removed).containsOnly(film);
    assertThat(versions.retired(film)).isEmpty();
    assertThat(sweeper.sweep()).as("nothing left to do").isZero();
    if (kind.equals("local")) {
      assertThat(dir.resolve("films/" + film + "/pkg/" + retired)).doesNotExist();
      assertThat(dir.resolve("films/" + film + "/pkg/" + orphan)).doesNotExist();
      assertThat(dir.resolve("films/" + film + "/pkg/" + current + "/master.m3u8")).exists();
    }
  }

  private static String version(MutableClock clock) {
    clock.advance(Duration.ofMillis(1));
    return PackageVersion.next(clock);
  }

  /** Writes a small package as a transcode publishes it (a directory, or put to the bucket). */
  private static void publish(FilmStorage storage, Path dir, String film, String version)
      throws Exception {
    Path pkg = storage.remote()
        ? Files.createDirectories(dir.resolve("scratch/" + film + "/" + version))
        : storage.localDir(film, version).orElseThrow();
    Files.createDirectories(pkg.resolve("v0"));
    Files.writeString(pkg.resolve("master.m3u8"), "#EXTM3U\nv0/playlist.m3u8\n");
    Files.writeString(pkg.resolve("v0/seg_00001.m4s"), "segment of " + version);
    storage.putPackage(film, version, pkg);
  }

  private static List<String> stored(FilmStorage storage, String film) throws Exception {
    return List.copyOf(storage.storedVersions().getOrDefault(film, java.util.Map.of()).keySet());
  }
}
