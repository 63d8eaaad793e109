package org.screenroom.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.app.AdminBootstrap;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.jobs.JobRunner;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest FILE}: checks, stores and transcodes a film without a server, as a persisted
 * transcode job (queued, running, then done or failed, as the API shows it afterwards). Progress
 * goes to stderr; the new film's id is the last line on stdout.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingests a film file: checks it, keeps a verified read-only master, transcodes it",
        "to the HLS/DASH ladder and records it in the catalog. Progress on stderr; the new film id",
        "is printed as the last line on stdout. Bad input exits 1 with one line saying why."})
final class IngestCommand implements Callable<Integer> {
  /** How long an interrupted ingest waits for its job to be recorded as cancelled. */
  private static final long STOP_WAIT_SECONDS = 10;

  @Mixin SharedOptions shared;

  @Parameters(index = "0", paramLabel = "FILE", description = "The film file (any container ffmpeg reads).")
  Path file;

  @Option(names = "--title", paramLabel = "TITLE", description = "The film's title (default: the file name).")
  String title;

  @Option(names = "--visibility", paramLabel = "VISIBILITY", defaultValue = "unlisted",
      description = "draft, private, unlisted (anyone with the link; the default) or public.")
  String visibility;

  @Option(names = "--owner", paramLabel = "USERNAME", defaultValue = AdminBootstrap.ADMIN,
      description = "The account that owns the film (default: admin).")
  String owner;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = shared.flags();
    ServerConfig config = ConfigLogging.load(flags);
    Visibility vis = Visibility.parse(visibility).orElseThrow(() -> new IllegalArgumentException(
        "--visibility must be draft, private, unlisted or public, not '" + visibility + "'."));
    Screenroom app = Screenroom.open(config, Clock.systemUTC());
    app.generatedAdminPassword().ifPresent(pw -> System.err.println(
        "admin account created: username 'admin', password '" + pw + "' (shown only this once)"));
    Account account = app.accounts().findByUsername(owner).orElseThrow(() ->
        new IllegalArgumentException("No account named '" + owner + "': pass --owner with an existing username."));
    if (app.toolchain().problem().isPresent()) {
      throw new IllegalStateException(app.toolchain().problem().get());
    }
    Ingestor ingestor = app.ingestor();
    try {
      ingestor.check(file);
    } catch (SourceRejectedException e) {
      System.err.println("error: " + e.getMessage());
      return ErrorReporter.FAILURE;
    }
    String name = file.getFileName().toString();
    String filmTitle = title != null && !title.isBlank() ? title.strip() : stripExtension(name);
    Film film = app.films().create(account.id(), FilmMetadata.titled(filmTitle, vis));
    System.err.println("film " + film.id() + ": storing the original and its SHA-256");
    ingestor.storeMaster(film.id(), file, name);
    // The same persisted job as an upload's: visible in GET /api/jobs afterwards, with ffmpeg's
    // stderr kept for the administrator when it fails. No worker threads: only this job runs here.
    JobRunner runner = new JobRunner(app.jobs(), app.films(), ingestor, app.files(), 1,
        ProgressObserver.NONE);
    CancelSignal cancel = new CancelSignal();
    CountDownLatch ended = new CountDownLatch(1);
    Thread interrupted = new Thread(() -> stop(cancel, ended), "screenroom-ingest-cancel");
    Runtime.getRuntime().addShutdownHook(interrupted);
    Job job;
    try {
      System.err.println("film " + film.id() + ": transcoding");
      job = runner.runHere(film.id(), new ProgressBar(System.err, System.console() != null), cancel);
    } finally {
      ended.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(interrupted);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C arrived as the job ended: the hook finds it over and returns at once.
    }
    Film done = app.films().find(film.id()).orElseThrow();
    if (job.state() != JobState.DONE || done.status() != FilmStatus.READY) {
      System.err.println("error: " + (done.error() != null ? done.error() : job.error()));
      return ErrorReporter.FAILURE;
    }
    System.err.println("ready: " + done.renditions().size() + " renditions; watch it at /watch/" + done.id()
        + " once the server runs");
    System.out.println(done.id());
    return 0;
  }

  /**
   * Ctrl-C or a TERM signal during the transcode: stop ffmpeg and let the job be recorded as
   * cancelled (not left running) before the JVM exits.
   */
  private static void stop(CancelSignal cancel, CountDownLatch ended) {
    cancel.cancel();
    try {
      ended.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
