package org.screenroom.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.app.AdminBootstrap;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest FILE}: checks, stores and transcodes a film without a server. Progress goes to
 * stderr; the new film's id is the last line on stdout.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingests a film file: checks it, keeps a verified read-only master, transcodes it",
        "to the HLS/DASH ladder and records it in the catalog. Progress on stderr; the new film id",
        "is printed as the last line on stdout. Bad input exits 1 with one line saying why."})
final class IngestCommand implements Callable<Integer> {
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
    Film done = ingestor.transcode(film.id(), new ProgressBar(System.err, System.console() != null),
        new CancelSignal());
    if (done.status() != FilmStatus.READY) {
      System.err.println("error: " + done.error());
      return ErrorReporter.FAILURE;
    }
    System.err.println("ready: " + done.renditions().size() + " renditions; watch it at /watch/" + done.id()
        + " once the server runs");
    System.out.println(done.id());
    return 0;
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
