package org.screenroom.server.ingest.url;

import io.vertx.core.AsyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.catalog.upload.UrlDownloadStore;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.ingest.TranscodeQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a film's original from an address, then hands it to the {@link Ingestor} (check,
 * move in as the master, hash) and the {@link TranscodeQueue}. A failure is recorded on the film
 * with its sentence; the partial download is deleted and an existing master is never touched.
 *
 * <p>A download is recorded in the catalog ({@link UrlDownloadStore}) with a lease its origin
 * renews while it runs, so that one film is downloaded once whichever origin is asked, and a
 * download whose origin died is settled by any origin ({@link #settleAbandoned}): its film is
 * marked failed with a sentence instead of waiting forever.
 */
public final class UrlIngestJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UrlIngestJobs.class);
  /** Temporary downloads live in DATA/uploads/url-*, beside (never inside) the tus uploads. */
  private static final String PREFIX = "url-";
  /** How long a download counts as running without renewal; renewed every third of it. */
  public static final Duration LEASE = Duration.ofSeconds(30);
  /** The sentence a film whose download was abandoned (its origin stopped) is marked with. */
  public static final String ABANDONED = "The server restarted during the download: start it "
      + "again.";
  /** A holder id's length: a UUID's text. */
  private static final int HOLDER_LENGTH = 36;

  private final FilmStore films;
  private final Ingestor ingestor;
  private final TranscodeQueue queue;
  private final UrlFetcher fetcher;
  private final Path uploadsDir;
  private final Ingestor.FilmChanged changed;
  private final UrlDownloadStore downloads;
  private final JobStore jobs;
  private final Clock clock;
  private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "screenroom-url-ingest-lease");
    t.setDaemon(true);
    return t;
  });
  // Hashing a large master takes minutes: on its own threads, so neither the event loop nor the
  // request worker pool (and its blocked-thread checker) waits for it.
  private final ExecutorService ingestThreads = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "screenroom-url-ingest");
    t.setDaemon(true);
    return t;
  });

  /** Creates the jobs; {@code uploadsDir} must be on the data directory's file system. */
  public UrlIngestJobs(FilmStore films, Ingestor ingestor, TranscodeQueue queue,
      UrlFetcher fetcher, Path uploadsDir, Ingestor.FilmChanged changed,
      UrlDownloadStore downloads, JobStore jobs, Clock clock) {
    this.downloads = downloads;
    this.jobs = jobs;
    this.clock = clock;
    this.films = films;
    this.ingestor = ingestor;
    this.queue = queue;
    this.fetcher = fetcher;
    this.uploadsDir = uploadsDir;
    this.changed = changed;
  }

  /**
   * Deletes the temporary directories of downloads no longer running: left by a previous run of
   * this origin, or by another origin sharing the directory that died. A running download's
   * directory (its lease still holds, whichever origin runs it) is left alone. Blocking; call at
   * start-up and now and then.
   */
  public void removeLeftovers() throws IOException {
    if (!Files.isDirectory(uploadsDir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(uploadsDir)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
        if (!running(p.getFileName().toString())) {
          LOG.info("removing the unfinished download {}", p);
          deleteTree(p);
        }
      }
    }
  }

  /** Whether the download named {@code url-FILM-HOLDER} holds its film's unexpired lease. */
  private boolean running(String name) {
    if (name.length() <= PREFIX.length() + HOLDER_LENGTH + 1) {
      return false;
    }
    String holder = name.substring(name.length() - HOLDER_LENGTH);
    String filmId = name.substring(PREFIX.length(), name.length() - HOLDER_LENGTH - 1);
    return downloads.find(filmId)
        .filter(d -> d.holder().equals(holder) && !d.leaseUntil().isBefore(clock.instant()))
        .isPresent();
  }

  /**
   * Settles downloads whose origin died (their lease ran out): the temporary directory goes
   * (when it is in this origin's reach) and the film, still waiting, is marked failed with
   * {@link #ABANDONED}. Of several origins settling one download, one does. Blocking.
   *
   * @return how many were settled here
   */
  public int settleAbandoned() {
    int settled = 0;
    for (UrlDownloadStore.Download d : downloads.expired()) {
      if (!downloads.settle(d)) {
        continue; // renewed at the last moment, or settled by another origin
      }
      settled++;
      try {
        deleteTree(uploadsDir.resolve(PREFIX + d.filmId() + "-" + d.holder()));
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("film {}: could not remove the abandoned download", d.filmId(), e);
      }
      // A download that got as far as queueing its transcode is not failed: the job goes on.
      boolean waiting = films.find(d.filmId()).filter(Film::preparing)
          .isPresent() && jobs.active(d.filmId()).isEmpty();
      LOG.warn("film {}: its download's origin stopped renewing at {}{}", d.filmId(),
          d.leaseUntil(), waiting ? "; marking the film failed" : "");
      if (waiting) {
        fail(d.filmId(), ABANDONED);
      }
    }
    return settled;
  }

  /** A claimed download: the film as the caller now sees it, and the download's holder id. */
  public record Claim(Film film, String holder) {}

  /**
   * Claims the film for a download and marks it {@code processing} (blocking: JDBC).
   *
   * @return the film as the caller now sees it, and the download's holder id
   * @throws ApiError 404 when the caller may not change it, 409 when it is already busy (on
   *     any origin)
   */
  public Claim claim(String filmId, Account caller) {
    Film film = films.find(filmId).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
    String holder = UUID.randomUUID().toString();
    if (film.preparing()
        || !downloads.claim(filmId, holder, clock.instant().plus(LEASE))) {
      throw ApiError.of(409, "This film is already being downloaded or processed: wait until it "
          + "is ready or failed, then send the address again.");
    }
    try {
      films.markProcessing(filmId, 0);
      changed.changed(filmId);
      return new Claim(films.find(filmId).orElseThrow(() -> ApiError.notFound("film")), holder);
    } catch (RuntimeException e) {
      downloads.release(filmId, holder);
      throw e;
    }
  }

  /**
   * Starts downloading a claimed film's original, renewing its lease until it ends; returns at
   * once (call on an event loop).
   */
  public void download(String filmId, String holder, URI url) {
    Path dir = uploadsDir.resolve(PREFIX + filmId + "-" + holder);
    LOG.info("film {}: downloading its original from {}://{}", filmId, url.getScheme(), url.getHost());
    long every = LEASE.toMillis() / 3;
    ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(filmId, holder),
        every, every, TimeUnit.MILLISECONDS);
    fetcher.fetch(url, dir).onComplete(ar -> ingestThreads.execute(() -> {
      try {
        finish(filmId, holder, dir, ar);
      } finally {
        renewal.cancel(false);
      }
    }));
  }

  private void renew(String filmId, String holder) {
    try {
      if (!downloads.renew(filmId, holder, clock.instant().plus(LEASE))) {
        LOG.warn("film {}: the download's lease was lost (settled by another origin, or the "
            + "film deleted); its outcome will be dropped", filmId);
      }
    } catch (RuntimeException e) {
      LOG.warn("film {}: renewing the download's lease failed", filmId, e);
    }
  }

  private void finish(String filmId, String holder, Path dir,
      AsyncResult<UrlFetcher.Fetched> fetched) {
    if (!downloads.renew(filmId, holder, clock.instant().plus(LEASE))) {
      // Settled as abandoned by another origin (this one was silent too long), or the film is
      // gone: what it recorded stands.
      LOG.warn("film {}: the download ended after its lease was lost; its outcome is dropped",
          filmId);
      deleteQuietly(filmId, dir);
      return;
    }
    String failure = null;
    boolean accepted = false;
    try {
      if (fetched.failed()) {
        failure = sentence(filmId, fetched.cause());
      } else {
        // empty: accept() recorded the rejection ("... is a text file, not a video ...").
        accepted = ingestor.accept(filmId, fetched.result().file(), fetched.result().filename())
            .isPresent();
      }
    } catch (IOException e) {
      LOG.warn("film {}: the download could not be stored", filmId, e);
      failure = "The downloaded file could not be stored on the server: try again, or ask "
          + "the administrator to check the data disk.";
    } catch (RuntimeException e) {
      LOG.error("film {}: URL ingest failed unexpectedly", filmId, e);
      failure = "The download failed on the server; it has been logged. Try again shortly.";
    }
    // Clean up before the outcome is visible, so whoever sees "failed" sees no leftovers. The
    // film stays "processing" until then, which keeps a second download out meanwhile.
    deleteQuietly(filmId, dir);
    try {
      if (failure != null) {
        fail(filmId, failure);
      } else if (accepted) {
        queue.submit(filmId);
      }
    } finally {
      // Only once the outcome is recorded: until then the lease says the film is being handled.
      downloads.release(filmId, holder);
    }
  }

  private static void deleteQuietly(String filmId, Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("film {}: could not remove the temporary download {}", filmId, dir, e);
    }
  }

  private static String sentence(String filmId, Throwable cause) {
    if (cause instanceof FetchFailure f) {
      LOG.info("film {}: download failed: {}", filmId, f.getMessage());
      return f.getMessage();
    }
    LOG.error("film {}: download failed unexpectedly", filmId, cause);
    return "The download failed on the server; it has been logged. Try again shortly.";
  }

  private void fail(String filmId, String sentence) {
    films.markFailed(filmId, sentence);
    changed.changed(filmId);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Stops the ingest threads; running downloads end with the Vert.x instance. */
  @Override
  public void close() {
    renewals.shutdownNow();
    ingestThreads.shutdownNow();
    try {
      ingestThreads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
