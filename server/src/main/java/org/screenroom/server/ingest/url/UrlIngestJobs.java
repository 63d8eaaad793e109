package org.screenroom.server.ingest.url;

import io.vertx.core.AsyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.FilmStore;
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
 */
public final class UrlIngestJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UrlIngestJobs.class);
  /** Temporary downloads live in DATA/uploads/url-*, beside (never inside) the tus uploads. */
  private static final String PREFIX = "url-";

  private final FilmStore films;
  private final Ingestor ingestor;
  private final TranscodeQueue queue;
  private final UrlFetcher fetcher;
  private final Path uploadsDir;
  private final Ingestor.FilmChanged changed;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  // Hashing a large master takes minutes: on its own threads, so neither the event loop nor the
  // request worker pool (and its blocked-thread checker) waits for it.
  private final ExecutorService ingestThreads = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "screenroom-url-ingest");
    t.setDaemon(true);
    return t;
  });

  /** Creates the jobs; {@code uploadsDir} must be on the data directory's file system. */
  public UrlIngestJobs(FilmStore films, Ingestor ingestor, TranscodeQueue queue,
      UrlFetcher fetcher, Path uploadsDir, Ingestor.FilmChanged changed) {
    this.films = films;
    this.ingestor = ingestor;
    this.queue = queue;
    this.fetcher = fetcher;
    this.uploadsDir = uploadsDir;
    this.changed = changed;
  }

  /**
   * Deletes downloads a previous run left behind (blocking; call at start-up). Their films are
   * re-queued from their master, if any, by the server's recovery.
   */
  public void removeLeftovers() throws IOException {
    if (!Files.isDirectory(uploadsDir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(uploadsDir)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
        LOG.info("removing the unfinished download {}", p);
        deleteTree(p);
      }
    }
  }

  /**
   * Claims the film for a download and marks it {@code processing} (blocking: JDBC).
   *
   * @return the film as the caller now sees it
   * @throws ApiError 404 when the caller may not change it, 409 when it is already busy
   */
  public Film claim(String filmId, Account caller) {
    Film film = films.find(filmId).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
    if (film.status() == FilmStatus.PROCESSING || !active.add(filmId)) {
      throw ApiError.of(409, "This film is already being downloaded or processed: wait until it "
          + "is ready or failed, then send the address again.");
    }
    try {
      films.markProcessing(filmId, 0);
      changed.changed(filmId);
      return films.find(filmId).orElseThrow(() -> ApiError.notFound("film"));
    } catch (RuntimeException e) {
      active.remove(filmId);
      throw e;
    }
  }

  /** Starts downloading a claimed film's original; returns at once (call on an event loop). */
  public void download(String filmId, URI url) {
    Path dir = uploadsDir.resolve(PREFIX + filmId + "-" + UUID.randomUUID());
    LOG.info("film {}: downloading its original from {}://{}", filmId, url.getScheme(), url.getHost());
    fetcher.fetch(url, dir).onComplete(ar -> ingestThreads.execute(() -> finish(filmId, dir, ar)));
  }

  private void finish(String filmId, Path dir, AsyncResult<UrlFetcher.Fetched> fetched) {
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
    try {
      deleteTree(dir);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("film {}: could not remove the temporary download {}", filmId, dir, e);
    }
    active.remove(filmId);
    if (failure != null) {
      fail(filmId, failure);
    } else if (accepted) {
      queue.submit(filmId);
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
    ingestThreads.shutdownNow();
    try {
      ingestThreads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
