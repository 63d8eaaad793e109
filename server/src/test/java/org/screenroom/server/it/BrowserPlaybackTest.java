package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Browser;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/** Real Chromium plays the real package through /watch/{id}: hls.js and dash.js. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserPlaybackTest {
  @TempDir static Path work;
  private TestServer server;
  private String filmId;

  @BeforeAll
  void serveOneFilm() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    Path clip = Media.clip(work.resolve("clip.mp4"), 6, 640, 360, true);
    var admin = server.app().accounts().findByUsername("admin").orElseThrow();
    filmId = server.app().films().create(admin.id(),
        FilmMetadata.titled("Browser test", Visibility.UNLISTED)).id();
    var ingestor = server.app().ingestor();
    ingestor.storeMaster(filmId, clip, "clip.mp4");
    var film = ingestor.transcode(filmId, ProgressListener.NONE, new CancelSignal());
    assertThat(film.status().wire()).as(String.valueOf(film.error())).isEqualTo("ready");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "watch-hls, /watch/ID?autoplay=1&muted=1, hls.js",
      "watch-dash, /watch/ID?autoplay=1&muted=1&format=dash, dash.js",
  })
  void watchPage_playsPastOneAndAHalfSeconds_withoutConsoleErrors(String name, String path,
      String engine) throws Exception {
    Browser.Playback playback = Browser.play(server.url() + path.replace("ID", filmId), 1.5, name);

    assertThat(playback.report().getBoolean("ok", false))
        .as(playback.report().encodePrettily() + "\n" + playback.stderr()).isTrue();
    assertThat(playback.exitCode()).isZero();
    assertThat(playback.report().getDouble("currentTime")).isGreaterThan(1.5);
    assertThat(playback.report().getString("engine")).isEqualTo(engine);
    assertThat(playback.report().getInteger("videoHeight")).isEqualTo(360);
    assertThat(playback.report().getJsonArray("consoleErrors").getList()).isEqualTo(List.of());
  }
}
