package org.screenroom.server.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Credit;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.Server;
import org.screenroom.server.app.AdminBootstrap;
import org.screenroom.server.app.Screenroom;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short generated film (test pattern and tone) so that a new server has something to play.
 * Made in the background with ffmpeg's lavfi sources, then ingested like any upload.
 */
public final class DemoFilm {
  private static final Logger LOG = LoggerFactory.getLogger(DemoFilm.class);
  private static final int SECONDS = 30;

  private DemoFilm() {}

  /** The ffmpeg arguments that generate the demo clip at {@code out}; pure. */
  public static List<String> command(Path ffmpeg, Path out) {
    return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24",
        "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
        "-t", Integer.toString(SECONDS),
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "128k", out.toString());
  }

  /** Starts making the demo film when the catalog holds none; prints its address. */
  public static void createIfCatalogEmpty(Screenroom app, Server server, PrintStream out) {
    if (app.films().count() > 0 || app.toolchain().toolchain().isEmpty() || server.queue().isEmpty()) {
      return;
    }
    Thread maker = new Thread(() -> make(app, server, out), "screenroom-demo");
    maker.setDaemon(true);
    maker.start();
  }

  private static void make(Screenroom app, Server server, PrintStream out) {
    try {
      Toolchain tools = app.toolchain().toolchain().orElseThrow();
      Path clip = app.config().cacheDir().resolve("demo").resolve("screenroom-demo.mp4");
      Files.createDirectories(clip.getParent());
      new ProcessRunner().run(ProcessRequest.of(command(tools.ffmpeg(), clip), tools.environment(),
          Duration.ofMinutes(5)));
      Account admin = app.accounts().findByUsername(AdminBootstrap.ADMIN).orElseThrow();
      FilmMetadata metadata = new FilmMetadata("Screenroom demo",
          "Thirty seconds of test pattern and tone, to try the player.",
          "Generated on this server by ffmpeg when it first started with --demo.", null,
          List.of("demo"), List.of(new Credit("director", "ffmpeg testsrc2")), Visibility.PUBLIC,
          java.util.Optional.empty(), java.util.Optional.empty());
      Film film = app.films().create(admin.id(), metadata);
      app.ingestor().storeMaster(film.id(), clip, clip.getFileName().toString());
      server.queue().orElseThrow().submit(film.id());
      out.println("demo film: " + server.url() + "/watch/" + film.id()
          + " (transcoding now; it plays in about a minute)");
    } catch (Exception e) {
      LOG.warn("could not make the demo film: {}", e.toString(), e);
    }
  }
}
