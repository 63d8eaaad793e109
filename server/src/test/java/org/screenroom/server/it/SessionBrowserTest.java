package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * The studio in Debian's Chromium (player-web's {@code e2e/studio.mjs}): sign in through the form,
 * stay signed in across a reload by the HttpOnly cookie alone, sign out with the CSRF token.
 */
class SessionBrowserTest {
  private static final Path PLAYER_WEB =
      Path.of(System.getProperty("screenroom.playerWebDir", "../player-web")).toAbsolutePath().normalize();

  @Test
  void studio_signInReloadSignOut_inChromium(@TempDir Path work) throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"),
        new MutableClock(Instant.parse("2026-06-01T12:00:00Z")))) {
      Path out = work.resolve("studio.json");
      Process p = new ProcessBuilder(List.of("node", "e2e/studio.mjs", "--url", server.url(),
          "--username", "admin", "--password", TestServer.ADMIN_PASSWORD))
          .directory(PLAYER_WEB.toFile()).redirectOutput(out.toFile())
          .redirectError(work.resolve("studio.stderr.txt").toFile()).start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the browser finished").isTrue();
      String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
      JsonObject report = new JsonObject(stdout.substring(stdout.lastIndexOf('\n') + 1));

      assertThat(report.getBoolean("ok")).as(report.encodePrettily()).isTrue();
      assertThat(report.getBoolean("sessionCookieReadable")).isFalse();
      assertThat(report.getJsonArray("consoleErrors")).isEmpty();
      assertThat(p.exitValue()).isZero();
    }
  }
}
