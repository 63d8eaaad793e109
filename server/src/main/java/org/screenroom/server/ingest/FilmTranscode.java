package org.screenroom.server.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.screenroom.catalog.film.Rendition;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.storage.PackageVersion;
import org.screenroom.server.subtitle.SubtitleStore;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.TranscodeCancelledException;
import org.screenroom.transcode.TranscodeException;
import org.screenroom.transcode.TranscodeResult;
import org.screenroom.transcode.Transcoder;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a film's transcode that touches only storage and ffmpeg, never the catalog: reads
 * the stored master (copied from the bucket first when it lives in one), writes the package and
 * puts it to storage, and tells how it ended. A server runs it for its
 * own jobs and a clustered worker for the jobs it is given; either way the catalog is then
 * updated from the {@link Report} by {@link Ingestor#record}. Blocking.
 */
public final class FilmTranscode {
  private static final Logger LOG = LoggerFactory.getLogger(FilmTranscode.class);
  /** The film's sentence when its stored master cannot be read. */
  static final String MISSING_MASTER = "The original file is missing on the server: upload it again.";
  /** The film's sentence when its finished package could not be put to storage. */
  static final String STORAGE_SENTENCE = "The film was prepared but could not be stored: retry it,"
      + " or ask the administrator to check the object storage.";

  private final Transcoder transcoder;
  private final FilmFiles files;
  private final FilmStorage storage;
  private final Clock clock;

  /**
   * Transcodes with {@code transcoder} the films laid out by {@code files} (the local working
   * copies) and kept in {@code storage} (the same data directory, or a bucket).
   */
  public FilmTranscode(Transcoder transcoder, FilmFiles files, FilmStorage storage) {
    this(transcoder, files, storage, Clock.systemUTC());
  }

  /** As above, package versions named after the time on {@code clock}. */
  public FilmTranscode(Transcoder transcoder, FilmFiles files, FilmStorage storage, Clock clock) {
    this.transcoder = transcoder;
    this.files = files;
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * How a film's transcode ended.
   *
   * @param renditions the package's renditions when done, else empty
   * @param sourceDuration the master's duration when done, else null
   * @param error the filmmaker's sentence when failed or cancelled, else null
   * @param detail ffmpeg's stderr tail and command for the administrator, or null
   * @param packageVersion the new package's {@link PackageVersion} when done, else null; the
   *     catalog switches the film to it when it records the report
   */
  public record Report(Ingestor.Ending ending, List<Rendition> renditions, Duration sourceDuration,
      String error, String detail, String packageVersion) {
    /** Copies the renditions. */
    public Report {
      renditions = List.copyOf(renditions);
    }

    /** A report without a package version (not done, or from before versions). */
    public Report(Ingestor.Ending ending, List<Rendition> renditions, Duration sourceDuration,
        String error, String detail) {
      this(ending, renditions, sourceDuration, error, detail, null);
    }

    static Report failed(String error, String detail) {
      return new Report(Ingestor.Ending.FAILED, List.of(), null, error, detail);
    }
  }

  /**
   * The stored master of a film (the single file in its master directory), copied there from
   * remote storage first when this machine has no copy.
   */
  public Path master(String filmId) throws IOException {
    return storage.localMaster(filmId, files.masterDir(filmId));
  }

  /**
   * Transcodes the film's stored master under a new package version (its directory published
   * atomically; a cancelled or failed transcode removes its partial output): on local disk in
   * the version's own directory, with a bucket put under that version's keys. The version
   * viewers get now is not touched. With a bucket, the scratch copies this made on the
   * local disk (master, package) are removed however the job ends.
   */
  public Report run(String filmId, ProgressListener listener, CancelSignal cancel) {
    try {
      return transcode(filmId, listener, cancel);
    } finally {
      try {
        storage.removeScratch(files, filmId);
      } catch (IOException | RuntimeException e) {
        // Swept at the next start-up; the job's outcome stands.
        LOG.warn("film {}: scratch copies could not be removed: {}", filmId, e.toString());
      }
    }
  }

  private Report transcode(String filmId, ProgressListener listener, CancelSignal cancel) {
    String version = PackageVersion.next(clock);
    try {
      // Subtitles the filmmaker added are packaged again with every new picture.
      // On local disk the version is written in its own directory beside the one viewers get
      // (which keeps playing until the catalog switches); with a bucket into a scratch directory.
      Path target = storage.remote() ? files.packageDir(filmId)
          : storage.localDir(filmId, version).orElseThrow();
      TranscodeResult result = transcoder.transcode(master(filmId), target,
          new SubtitleStore(files).inputs(filmId), listener, cancel);
      LOG.info("film {}: {} renditions, transcoded in {}", filmId, result.renditions().size(),
          result.duration());
      try {
        storage.putPackage(filmId, version, target);
      } catch (IOException | RuntimeException e) {
        LOG.warn("film {}: the package could not be put to {}", filmId,
            storage.storage().describe(), e);
        return Report.failed(STORAGE_SENTENCE, e.toString());
      }
      return new Report(Ingestor.Ending.DONE, renditions(result), result.source().duration(),
          null, null, version);
    } catch (SourceRejectedException e) {
      return Report.failed(e.getMessage(), null);
    } catch (TranscodeCancelledException e) {
      LOG.info("film {}: transcode cancelled, partial output removed", filmId);
      return new Report(Ingestor.Ending.CANCELLED, List.of(), null, Ingestor.CANCELLED_SENTENCE,
          null);
    } catch (TranscodeException e) {
      LOG.warn("film {} failed to transcode: {}\n{}", filmId, e.getMessage(), e.detail());
      return Report.failed(e.getMessage(), e.detail());
    } catch (IOException e) {
      LOG.warn("film {} has no readable master", filmId, e);
      return Report.failed(MISSING_MASTER, e.toString());
    }
  }

  private static List<Rendition> renditions(TranscodeResult result) {
    return result.renditions().stream()
        .map(r -> new Rendition(r.kind(), r.width(), r.height(), r.bitrate(), r.codec()))
        .toList();
  }
}
