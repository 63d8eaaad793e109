package org.screenroom.server.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real npm tus-js-client, driven by player-web's {@code e2e/tus-upload.mjs} in Node. Fails,
 * never skips, when Node or the player-web install is missing.
 */
public final class TusClient {
  private static final Path PLAYER_WEB =
      Path.of(System.getProperty("screenroom.playerWebDir", "../player-web")).toAbsolutePath().normalize();

  private TusClient() {}

  /** What the client did: its exit code, its one-line JSON report and its stderr. */
  public record Run(int exitCode, JsonObject report, String stderr) {
    /** Whether the client reported success. */
    public boolean ok() {
      return exitCode == 0 && report.getBoolean("ok", false);
    }
  }

  /**
   * Uploads {@code file} for {@code filmId} to {@code baseUrl}/api/uploads.
   *
   * @param extra more arguments, e.g. {@code --abort-at-bytes 1000 --url-storage FILE}
   */
  public static Run upload(String baseUrl, String token, Path file, String filmId, String... extra)
      throws Exception {
    if (!Files.isDirectory(PLAYER_WEB.resolve("node_modules/tus-js-client"))) {
      throw new AssertionError("player-web/node_modules/tus-js-client is missing: build player-web "
          + "first (mvn -pl player-web package runs npm ci)");
    }
    List<String> argv = new ArrayList<>(List.of("node", "e2e/tus-upload.mjs",
        "--endpoint", baseUrl + "/api/uploads", "--token", token,
        "--file", file.toAbsolutePath().toString(), "--film-id", filmId));
    argv.addAll(List.of(extra));
    Path out = Files.createTempFile("tus-out", ".json");
    Path err = Files.createTempFile("tus-err", ".txt");
    try {
      Process p = new ProcessBuilder(argv).directory(PLAYER_WEB.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("tus-upload.mjs did not finish within 2 minutes");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
      String[] lines = stdout.split("\n");
      JsonObject report = stdout.isEmpty() ? new JsonObject() : new JsonObject(lines[lines.length - 1]);
      return new Run(p.exitValue(), report, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
