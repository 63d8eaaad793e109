package org.screenroom.server.screener;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Festivals;
import org.screenroom.server.testing.TestServer;

/**
 * A juror in real Chromium ({@code player-web/e2e/screener.mjs}): accepts the terms, plays a real
 * transcoded film in the screener room with the watermark composited into the canvas (and put
 * back when its DOM copy is hidden), then the festival revokes the pass and playback stops within
 * 5 seconds. Fails, never skips, when Node or Chromium is missing.
 */
class ScreenerBrowserTest {
  private static final Path PLAYER_WEB = Path.of(System.getProperty("screenroom.playerWebDir",
      "../player-web")).toAbsolutePath().normalize();
  private static final Path ARTIFACTS = Path.of(System.getProperty("screenroom.testArtifacts",
      "target/test-artifacts")).toAbsolutePath();

  @TempDir Path work;

  @Test
  void revokedJuror_stopsWithinFiveSeconds_andTheWatermarkCoversThePicture() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC())) {
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String filmId = Festivals.readyFilm(server, work, "admin", 20);
      Festivals as = new Festivals(server, admin);
      JsonObject pass = as.pass(as.festival("Browser"), filmId,
          server.app().clock().instant().plus(Duration.ofDays(1)),
          new JsonObject().put("jurorName", "Chantal Juror").put("jurorEmail", "chantal@jury.example"));

      JsonObject report = run(List.of("node", "e2e/screener.mjs",
          "--url", pass.getString("url") + "?muted=1",
          "--revoke-url", server.url() + "/api/screeners/" + pass.getString("id"),
          "--token", admin, "--min-time", "1.5", "--timeout-ms", "60000",
          "--screenshot", ARTIFACTS.resolve("screener.png").toString()));

      assertThat(report.getString("error")).as(report.encode()).isNull();
      assertThat(report.getString("watermarkText")).isEqualTo("Chantal Juror · chantal@jury.example");
      assertThat(report.getInteger("watermarkFrames")).isGreaterThan(5);
      assertThat(report.getValue("overlayBack")).isEqualTo("Chantal Juror · chantal@jury.example");
      assertThat(report.getBoolean("videoVisible")).isFalse();
      assertThat(report.getInteger("downloadLinks")).isZero();
      assertThat(report.getDouble("currentTime")).isGreaterThan(1.5);
      assertThat(report.getJsonArray("errorsBeforeRevoke")).isEmpty();
      assertThat(report.getString("playerState")).isEqualTo("stopped");
      assertThat(report.getString("notice")).contains("revoked");
      assertThat(report.getLong("stoppedAfterMs")).isLessThan(5000);
      assertThat(report.getBoolean("ok")).as(report.encode()).isTrue();
    }
  }

  private static JsonObject run(List<String> command) throws Exception {
    Files.createDirectories(ARTIFACTS);
    Path out = ARTIFACTS.resolve("screener.json");
    Path err = ARTIFACTS.resolve("screener.stderr.txt");
    Process p = new ProcessBuilder(command).directory(PLAYER_WEB.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the browser did not finish within 3 minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
    if (stdout.isEmpty()) {
      throw new AssertionError("screener.mjs printed nothing: " + Files.readString(err));
    }
    String[] lines = stdout.split("\n");
    return new JsonObject(lines[lines.length - 1]);
  }
}
