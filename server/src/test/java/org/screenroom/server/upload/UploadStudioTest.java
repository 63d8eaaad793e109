package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;

/**
 * Real Chromium uploads through the studio page (player-web/e2e/studio-upload.mjs): the page's
 * bundled tus-js-client under the page's CSP, reloaded mid-upload and resumed, byte-exact.
 */
class UploadStudioTest {
  private static final Path PLAYER_WEB =
      Path.of(System.getProperty("screenroom.playerWebDir", "../player-web")).toAbsolutePath().normalize();
  private static final Path ARTIFACTS =
      Path.of(System.getProperty("screenroom.testArtifacts", "target/test-artifacts")).toAbsolutePath();
  @TempDir Path work;

  @Test
  void studioPage_reloadedMidUpload_resumesTheSameUpload_andTheMasterIsByteExact() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC())) {
      String token = UploadTest.filmmaker(server, "ada");
      String film = new RawTus(server).film(token, "From the studio");
      Path clip = Media.clip(work.resolve("studio-clip.mp4"), 8, 640, 360, true);
      Files.createDirectories(ARTIFACTS);

      JsonObject report = run(List.of("node", "e2e/studio-upload.mjs", "--url", server.url() + "/studio",
          "--username", "ada", "--password", "ada-password", "--film-id", film,
          "--file", clip.toString(), "--reload-at-percent", "30",
          "--screenshot", ARTIFACTS.resolve("studio-upload.png").toString()));

      assertThat(report.getBoolean("ok", false)).as(report.encodePrettily()).isTrue();
      assertThat(report.getInteger("creations")).as("one upload, continued after the reload").isEqualTo(1);
      assertThat(report.getInteger("heads")).isPositive();
      assertThat(UploadTest.awaitSource(server, film).getString("sha256")).isEqualTo(UploadTest.sha256(clip));
    }
  }

  private static JsonObject run(List<String> argv) throws Exception {
    Path out = Files.createTempFile("studio", ".json");
    Path err = Files.createTempFile("studio", ".txt");
    Process p = new ProcessBuilder(argv).directory(PLAYER_WEB.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("studio-upload.mjs did not finish within 2 minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
    String[] lines = stdout.split("\n");
    JsonObject report = stdout.isEmpty() ? new JsonObject() : new JsonObject(lines[lines.length - 1]);
    return report.put("stderr", Files.readString(err, StandardCharsets.UTF_8));
  }
}
