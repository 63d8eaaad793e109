package org.screenroom.server.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.SourceFile;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.Transcoder;
import org.screenroom.transcode.ffmpeg.Progress;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a film's original becomes a streamable package, shared by the CLI, uploads and URL
 * ingest: check the file, keep a verified read-only master, transcode it, record the outcome on
 * the film. Blocking: run it on a worker or a transcode thread.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
  /** The film's sentence after its transcode was cancelled. */
  public static final String CANCELLED_SENTENCE =
      "Processing was cancelled before it finished: retry it to prepare the film again.";
  /** Progress is written to the catalog at most this often. */
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private final FilmStore films;
  private final FilmFiles files;
  private final Transcoder transcoder;
  private final Clock clock;
  private final FilmChanged changed;
  private final FilmStorage storage;

  /** Told when a film's state changed, so in-memory caches can forget it. */
  @FunctionalInterface
  public interface FilmChanged {
    /** The film with {@code filmId} changed in the catalog. */
    void changed(String filmId);
  }

  /** Creates the ingestor over local storage (the data directory). */
  public Ingestor(FilmStore films, FilmFiles files, Transcoder transcoder, Clock clock,
      FilmChanged changed) {
    this(films, files, transcoder, clock, changed, FilmStorage.local(files.dataDir()));
  }

  /**
   * Creates the ingestor.
   *
   * @param storage where masters and packages are kept; with a bucket, the data directory's
   *     copies are scratch files for ffmpeg
   */
  public Ingestor(FilmStore films, FilmFiles files, Transcoder transcoder, Clock clock,
      FilmChanged changed, FilmStorage storage) {
    this.storage = storage;
    this.films = films;
    this.files = files;
    this.transcoder = transcoder;
    this.clock = clock;
    this.changed = changed;
  }

  /**
   * Checks a local file before anything is created for it.
   *
   * @throws SourceRejectedException with a sentence for the filmmaker when it is not a usable film
   */
  public MediaInfo check(Path file) throws SourceRejectedException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (!Files.exists(file)) {
      throw new SourceRejectedException("The file " + name + " does not exist: check the path.");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new SourceRejectedException("The file " + name
          + " cannot be read: give the path of a readable video file.");
    }
    try {
      return transcoder.prober().inspect(file);
    } catch (IOException e) {
      throw new SourceRejectedException("The file " + name + " cannot be read (" + e.getMessage()
          + "): check its permissions.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceRejectedException("Checking " + name + " was interrupted: try again.");
    } catch (org.screenroom.transcode.process.ProcessFailedException e) {
      throw new IllegalStateException("ffprobe could not run: " + e.getMessage(), e);
    }
  }

  /**
   * Copies {@code source} in as the film's verified master and records it on the film.
   *
   * @throws IOException when the copy fails; the film is unchanged
   */
  public SourceFile storeMaster(String filmId, Path source, String filename) throws IOException {
    MasterCopy.Result copy = MasterCopy.copy(source, files.masterDir(filmId), filename, bytes -> { });
    storage.putMaster(filmId, copy.file());
    SourceFile stored = new SourceFile(filename, copy.size(), copy.sha256());
    films.setSource(filmId, stored);
    return stored;
  }

  /**
   * Accepts a finished upload or download as the film's original: checks it (a rejection is
   * recorded on the film as {@code failed} with its sentence, and the file is deleted), then moves
   * it in as the read-only master, hashing it, and records the source. The caller then queues the
   * transcode. The file must be on the same file system as the data directory.
   *
   * @return the stored source, or empty when the file was rejected
   * @throws IOException when the file cannot be moved or read; the film is marked failed
   */
  public java.util.Optional<SourceFile> accept(String filmId, Path received, String filename)
      throws IOException {
    try {
      check(received);
    } catch (SourceRejectedException e) {
      films.markFailed(filmId, namedAsUploaded(e.getMessage(), received, filename));
      changed.changed(filmId);
      Files.deleteIfExists(received);
      return java.util.Optional.empty();
    }
    MasterCopy.Result moved = MasterCopy.move(received, files.masterDir(filmId), filename);
    storage.putMaster(filmId, moved.file());
    SourceFile stored = new SourceFile(filename, moved.size(), moved.sha256());
    films.setSource(filmId, stored);
    changed.changed(filmId);
    return java.util.Optional.of(stored);
  }

  /**
   * A rejection sentence names the file it checked; a received file has a server-side name
   * ({@code ID.part}), so the filmmaker's own file name is put in its place.
   */
  static String namedAsUploaded(String sentence, Path received, String filename) {
    if (received.getFileName() == null || filename == null) {
      return sentence;
    }
    return sentence.replace("\"" + received.getFileName() + "\"", "\"" + filename + "\"")
        .replace(" " + received.getFileName() + " ", " " + filename + " ");
  }

  /**
   * The stored master of a film (the single file in its master directory), copied there from
   * remote storage first when this machine has no copy.
   */
  public Path master(String filmId) throws IOException {
    return filmTranscode().master(filmId);
  }

  /**
   * Transcodes the film's stored master, recording progress, then {@code ready} with renditions
   * or {@code failed} with a sentence for the filmmaker (a cancelled transcode is recorded as
   * failed with {@link #CANCELLED_SENTENCE}).
   *
   * @param listener also receives every progress report (e.g. a terminal progress bar)
   * @return the film as it ended
   */
  public Film transcode(String filmId, ProgressListener listener, CancelSignal cancel) {
    Outcome outcome = process(filmId, listener, ProgressListener.NONE, cancel);
    if (outcome.ending() == Ending.CANCELLED) {
      cancelled(filmId);
      return films.find(filmId).orElseThrow();
    }
    return outcome.film();
  }

  /**
   * Transcodes the film's stored master for a job: records progress on the film (at most once a
   * second of the clock), then {@code ready} or {@code failed} with its sentence. A cancelled
   * transcode leaves the film as it is: the caller decides what cancelling means.
   *
   * @param listener receives every progress report, first
   * @param recorded receives the reports just written to the catalog (at most once a second)
   * @return how it ended, with the sentence and the administrator's detail on failure
   */
  public Outcome process(String filmId, ProgressListener listener, ProgressListener recorded,
      CancelSignal cancel) {
    films.markProcessing(filmId, 0);
    changed.changed(filmId);
    ProgressListener recording = throttled(filmId, listener, recorded);
    return record(filmId, filmTranscode().run(filmId, recording, cancel));
  }

  /**
   * Records on the film how its transcode ended, here or on a clustered worker: {@code ready}
   * with its renditions, or {@code failed} with its sentence; a cancelled transcode leaves the
   * film as it is (the caller decides what cancelling means).
   *
   * @return how it ended, with the film as it ended
   */
  public Outcome record(String filmId, FilmTranscode.Report report) {
    Outcome outcome = switch (report.ending()) {
      case DONE -> {
        // The new package version becomes the one viewers get in the same transaction; the
        // version it replaces is kept for the grace period (recorded, so every origin still
        // serves it), then swept.
        films.markReady(filmId, report.renditions(), report.sourceDuration(),
            report.packageVersion(), true);
        LOG.info("film {} ready: {} renditions", filmId, report.renditions().size());
        yield new Outcome(null, Ending.DONE, null, null);
      }
      case FAILED -> failed(filmId, report.error(), report.detail());
      case CANCELLED -> new Outcome(null, Ending.CANCELLED, CANCELLED_SENTENCE, null);
    };
    changed.changed(filmId);
    return outcome.withFilm(films.find(filmId).orElseThrow());
  }

  /**
   * The film's side of a transcode that ended on a clustered worker, without telling the caches:
   * {@code ready} with its renditions, or {@code failed} with the worker's sentence or the
   * cancelled one. The caller runs it inside the transaction that ends the job (so a result that
   * lost its job records nothing) and calls {@link #announce} once that committed.
   */
  public void recordElsewhere(String filmId, FilmTranscode.Report report) {
    switch (report.ending()) {
      // The worker put the package to the shared storage under the report's version.
      case DONE -> films.markReady(filmId, report.renditions(), report.sourceDuration(),
          report.packageVersion(), true);
      case FAILED -> films.markFailed(filmId, report.error());
      case CANCELLED -> films.markFailed(filmId, CANCELLED_SENTENCE);
    }
  }

  /** Tells the in-memory caches that the film changed (after the change committed). */
  public void announce(String filmId) {
    changed.changed(filmId);
  }

  /**
   * Records a progress report of a film transcoded elsewhere (at most 99 %: 100 comes with
   * {@code ready}).
   */
  public void progressed(String filmId, int percent) {
    films.recordProgress(filmId, Math.min(99, percent));
  }

  /**
   * Removes the staging directories of package versions an interrupted transcode of the film
   * was writing on local disk.
   *
   * @return how many were removed
   */
  public int discardStaging(String filmId) throws IOException {
    return storage.discardStaging(filmId);
  }

  /** The files-and-ffmpeg part of a transcode, over this server's storage. */
  public FilmTranscode filmTranscode() {
    return new FilmTranscode(transcoder, files, storage, clock);
  }

  /** Marks the film as waiting for its transcode (processing, 0 %). */
  public void queued(String filmId) {
    films.markProcessing(filmId, 0);
    changed.changed(filmId);
  }

  /** Marks the film failed because its transcode was cancelled. */
  public void cancelled(String filmId) {
    films.markFailed(filmId, CANCELLED_SENTENCE);
    changed.changed(filmId);
  }

  /** Marks the film failed with {@code sentence}, e.g. after an unexpected error in a runner. */
  public void failed(String filmId, String sentence) {
    films.markFailed(filmId, sentence);
    changed.changed(filmId);
  }

  private Outcome failed(String filmId, String sentence, String detail) {
    films.markFailed(filmId, sentence);
    return new Outcome(null, Ending.FAILED, sentence, detail);
  }

  /** How a transcode ended. */
  public enum Ending { DONE, FAILED, CANCELLED }

  /**
   * A transcode's end, for the job that ran it.
   *
   * @param film the film as it ended
   * @param error the filmmaker's sentence when failed or cancelled, else null
   * @param detail ffmpeg's stderr tail and command for the administrator, or null
   */
  public record Outcome(Film film, Ending ending, String error, String detail) {
    Outcome withFilm(Film f) {
      return new Outcome(f, ending, error, detail);
    }
  }

  private ProgressListener throttled(String filmId, ProgressListener listener,
      ProgressListener recorded) {
    ProgressThrottle throttle = new ProgressThrottle(clock, PROGRESS_INTERVAL);
    return (Progress p) -> {
      listener.onProgress(p);
      if (throttle.due()) {
        // 99 at most: 100 is written together with "ready".
        films.recordProgress(filmId, Math.min(99, (int) Math.floor(p.percent())));
        recorded.onProgress(p);
      }
    };
  }
}
