package org.screenroom.server.upload;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class UploadHandover implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadHandover.class);
  private static final int STOP_SECONDS = 30;

  private final Ingestor ingestor;
  private final TranscodeQueue queue;
  private final UploadStore uploads;
  private final UploadFiles files;
  private final FilmStore films;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "screenroom-upload-handover");
    t.setDaemon(true);
    return t;
  });

  /** Creates the handover. */
  public UploadHandover(Ingestor ingestor, TranscodeQueue queue, UploadStore uploads,
      UploadFiles files, FilmStore films) {
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

  /** Hands over the uploads a previous run finished receiving but did not hand over. */
  public void recover() {
    uploads.complete().forEach(u -> {
      LOG.info("upload {} for film {} was complete when the server stopped: handing it over",
          u.id(), u.filmId());
      submit(u);
    });
  }

  private void handOver(Upload upload) {
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
