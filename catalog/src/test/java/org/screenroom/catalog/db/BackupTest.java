package org.screenroom.catalog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;

class BackupTest {
  @TempDir Path dir;

  @Test
  void backup_takenDuringWrites_isConsistentAndRestores() throws Exception {
    Database db = Database.open(dir.resolve("catalog.db"));
    String owner = new AccountStore(db, Clock.systemUTC(), new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    FilmStore films = new FilmStore(db, Clock.systemUTC());
    for (int i = 0; i < 20; i++) {
      films.create(owner, FilmMetadata.titled("before " + i, Visibility.PUBLIC));
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch writing = new CountDownLatch(5);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<Integer> written = writer.submit(() -> {
      int n = 0;
      while (!stop.get()) {
        films.create(owner, FilmMetadata.titled("during " + n++, Visibility.PUBLIC));
        writing.countDown();
      }
      return n;
    });
    writing.await();
    Path backup = dir.resolve("backups/catalog-backup.db");
    Backup.write(db, backup);
    stop.set(true);
    int during = written.get();
    writer.shutdown();

    assertThat(Backup.check(backup)).isEmpty();
    Database copy = Database.open(backup);
    int inBackup = new FilmStore(copy, Clock.systemUTC()).count();
    assertThat(inBackup).isBetween(20 + 5, 20 + during);
    int indexed = copy.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM film_search")
        .mapTo(Integer.class).one());
    assertThat(indexed).isEqualTo(inBackup);

    Path live = dir.resolve("restored/catalog.db");
    Files.createDirectories(live.getParent());
    Database.open(live);
    Path kept = Backup.restore(backup, live, "20260101T000000Z");
    assertThat(kept).exists();
    assertThat(new FilmStore(Database.open(live), Clock.systemUTC()).count()).isEqualTo(inBackup);
  }

  @Test
  void backup_toExistingFile_isRefused_andRestoreOfGarbageIsRefused() throws Exception {
    Database db = Database.open(dir.resolve("catalog.db"));
    Path existing = Files.writeString(dir.resolve("exists.db"), "x");
    Path garbage = Files.writeString(dir.resolve("garbage.db"), "not sqlite at all");

    assertThatThrownBy(() -> Backup.write(db, existing)).hasMessageContaining("already exists");
    assertThat(Backup.check(garbage)).isNotEmpty();
    assertThatThrownBy(() -> Backup.restore(garbage, dir.resolve("catalog.db"), "x"))
        .hasMessageContaining("not a sound catalog backup");
    assertThat(new FilmStore(Database.open(dir.resolve("catalog.db")), Clock.systemUTC()).count()).isZero();
  }
}
