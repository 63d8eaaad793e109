package org.screenroom.server.upload;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.SourceFile;
import org.screenroom.catalog.upload.Upload;
import org.screenroom.catalog.upload.UploadStore;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.ingest.TranscodeQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a complete upload to the ingestor: checked, moved in as the verified master (hashing a
 * large file takes minutes), then queued for transcoding; a rejection is recorded on the film.
 * Runs on its own thread, never an event loop or the shared worker pool, and the upload's row is
 * removed only afterwards, so a stop in between hands it over again at the next start.
 *
 * <p>With several origins sharing the catalog, each looks for complete uploads now and then
 * ({@link #recover}); the handover holds the upload's row (renewed while it works), so exactly
 * one origin hands an upload over, and one whose origin died mid-way is taken up by another
 * once its hold ran out.
 */
public final class UploadHandover implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadHandover.class);
  private static final int STOP_SECONDS = 30;

  private final Ingestor ingestor;
  private final TranscodeQueue queue;
  private final UploadStore uploads;
  private final UploadFiles files;
  private final FilmStore films;
  private final Clock clock;
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "screenroom-upload-handover-hold");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "screenroom-upload-handover");
    t.setDaemon(true);
    return t;
  });

  /** Creates the handover. */
  public UploadHandover(Ingestor ingestor, TranscodeQueue queue, UploadStore uploads,
      UploadFiles files, FilmStore films, Clock clock) {
    this.clock = clock;
    this.ingestor = ingestor;
    this.queue = queue;
    this.uploads = uploads;
    this.files = files;
    this.films = films;
  }

  /** Queues a complete upload for acceptance. */
  public void submit(Upload upload) {
    executor.execute(() -> handOver(upload));
  }

  /**
   * Hands over the complete uploads in this origin's uploads directory that nobody is handing
   * over: left by a stop (of this origin or another sharing the directory) between the last
   * byte and the end of the handover. Blocking: JDBC and the directory's id.
   */
  public void recover() {
    Optional<String> volume;
    try {
      volume = files.knownVolume();
    } catch (IOException e) {
      LOG.warn("the uploads directory {} cannot be named; complete uploads wait", files.dir(), e);
      return;
    }
    uploads.complete().stream()
        .filter(u -> u.volume().isEmpty() || u.volume().equals(volume))
        .filter(u -> !uploads.held(u.id()))
        .forEach(u -> {
          LOG.info("upload {} for film {} is complete but was not handed over (a server stopped "
              + "in between): handing it over", u.id(), u.filmId());
          submit(u);
        });
  }

  private void handOver(Upload upload) {
    String holder = "handover-" + UUID.randomUUID();
    if (!uploads.hold(upload.id(), holder, clock.instant().plus(UploadRoutes.HOLD))) {
      LOG.info("upload {} is held by another request or origin; it hands it over", upload.id());
      return;
    }
    long every = UploadRoutes.HOLD.toMillis() / 3;
    ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
      try {
        uploads.renew(upload.id(), holder, clock.instant().plus(UploadRoutes.HOLD));
      } catch (RuntimeException e) {
        LOG.warn("upload {}: renewing the handover's hold failed", upload.id(), e);
      }
    }, every, every, TimeUnit.MILLISECONDS);
    try {
      if (uploads.find(upload.id()).isEmpty()) {
        return; // handed over (or terminated) before this hold was taken
      }
      handOverHeld(upload);
    } finally {
      renewal.cancel(false);
    }
  }

  private void handOverHeld(Upload upload) {
    try {
      if (!java.nio.file.Files.exists(files.part(upload.id()))) {
        LOG.warn("upload {} has no file left; it was handed over before the stop", upload.id());
      } else {
        Optional<SourceFile> source =
            ingestor.accept(upload.filmId(), files.part(upload.id()), upload.filename());
        source.ifPresent(s -> queue.submit(upload.filmId()));
        LOG.info("upload {} for film {} {}", upload.id(), upload.filmId(),
            source.isPresent() ? "accepted, transcode queued" : "rejected");
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("upload {} for film {} could not be stored", upload.id(), upload.filmId(), e);
      films.markFailed(upload.filmId(), "The uploaded file could not be stored on the server: "
          + "upload it again, and tell the administrator if this keeps happening.");
    }
    uploads.delete(upload.id());
  }

  /** Lets a running handover finish (it is not interrupted, so it is not recorded as failed). */
  @Override
  public void close() {
    executor.shutdown();
    renewals.shutdown();
    try {
      if (!executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("upload handover did not finish within {} s; it resumes at the next start",
            STOP_SECONDS);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
