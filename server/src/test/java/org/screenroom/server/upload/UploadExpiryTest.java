package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.upload.Upload;
import org.screenroom.catalog.upload.UploadStore;
import org.screenroom.server.testing.MutableClock;

/** The expiry sweep on a moved clock, and the true offset a restarted server resumes from. */
class UploadExpiryTest {
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private UploadStore uploads;
  private UploadFiles files;
  private String filmId;
  private String ownerId;

  @BeforeEach
  void catalog() {
    Database db = Database.open(work.resolve("catalog.db"));
    ownerId = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "ada-password", Role.FILMMAKER).id();
    filmId = new FilmStore(db, clock).create(ownerId, FilmMetadata.titled("F", Visibility.DRAFT)).id();
    uploads = new UploadStore(db, clock);
    files = new UploadFiles(work.resolve("uploads"));
  }

  private Upload upload(Duration lifetime) throws Exception {
    String id = UploadFiles.newId();
    Upload u = uploads.create(id, filmId, ownerId, "f.mp4", 1000, clock.instant().plus(lifetime));
    files.create(id);
    return u;
  }

  @Test
  void sweep_removesOnlyExpiredUploads_rowAndFile() throws Exception {
    Upload soon = upload(Duration.ofHours(1));
    Upload later = upload(Duration.ofHours(24));
    UploadCleaner cleaner = new UploadCleaner(uploads, files);

    assertThat(cleaner.sweep(clock.instant())).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(cleaner.sweep(clock.instant())).isEqualTo(1);

    assertThat(uploads.find(soon.id())).isEmpty();
    assertThat(files.part(soon.id())).doesNotExist();
    assertThat(uploads.find(later.id())).isPresent();
    assertThat(files.part(later.id())).exists();
  }

  @Test
  void advance_extendsTheExpiry_soAnActiveUploadSurvivesTheSweep() throws Exception {
    Upload u = upload(Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(59));
    assertThat(uploads.advance(u.id(), 10, clock.instant().plus(UploadRoutes.LIFETIME))).isTrue();
    clock.advance(Duration.ofHours(2));

    assertThat(new UploadCleaner(uploads, files).sweep(clock.instant())).isZero();
    assertThat(uploads.find(u.id()).orElseThrow().offset()).isEqualTo(10);
  }

  @Test
  void trueOffset_isTheSmallerOfStoredOffsetAndFileSize() throws Exception {
    Upload u = upload(Duration.ofHours(1));
    Path part = files.part(u.id());
    uploads.advance(u.id(), 300, u.expiresAt());
    Files.write(part, new byte[500]); // bytes written but never confirmed: not trusted
    assertThat(files.trueOffset(uploads.find(u.id()).orElseThrow())).isEqualTo(300);

    Files.write(part, new byte[200]); // a file shorter than the catalog says: resume from it
    assertThat(files.trueOffset(uploads.find(u.id()).orElseThrow())).isEqualTo(200);

    files.truncate(u.id(), 100);
    assertThat(Files.size(part)).isEqualTo(100);

    Files.delete(part); // a lost file restarts the upload from zero
    assertThat(files.trueOffset(uploads.find(u.id()).orElseThrow())).isZero();
    assertThat(part).exists();
  }

  @Test
  void ids_are128BitUrlSafeAndValidated() {
    String id = UploadFiles.newId();
    assertThat(id).matches("[A-Za-z0-9_-]{22}");
    assertThat(UploadFiles.newId()).isNotEqualTo(id);
    assertThat(UploadFiles.isValidId("../../catalog.db")).isFalse();
    assertThat(UploadFiles.isValidId(id + "x")).isFalse();
  }
}
