package org.screenroom.server.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by player-web's {@code e2e/play.mjs} (npm playwright-core). Fails, never
 * skips, when Node, the player-web install or Chromium is missing: CI installs them.
 */
public final class Browser {
  private static final Path PLAYER_WEB =
      Path.of(System.getProperty("screenroom.playerWebDir", "../player-web")).toAbsolutePath().normalize();
  private static final Path ARTIFACTS =
      Path.of(System.getProperty("screenroom.testArtifacts", "target/test-artifacts")).toAbsolutePath();

  private Browser() {}

  /** What the page did. */
  public record Playback(int exitCode, JsonObject report, String stderr) {}

  /**
   * Opens {@code url}, waits until the video plays past {@code minSeconds}, saves a screenshot
   * named {@code name}.png under target/test-artifacts.
   */
  public static Playback play(String url, double minSeconds, String name) throws Exception {
    Files.createDirectories(ARTIFACTS);
    if (!Files.isDirectory(PLAYER_WEB.resolve("node_modules/playwright-core"))) {
      throw new AssertionError("player-web/node_modules/playwright-core is missing: build player-web "
          + "first (mvn -pl player-web package runs npm ci)");
    }
    Path out = ARTIFACTS.resolve(name + ".json");
    Path err = ARTIFACTS.resolve(name + ".stderr.txt");
    Process p = new ProcessBuilder(List.of("node", "e2e/play.mjs", "--url", url,
        "--min-time", Double.toString(minSeconds), "--timeout-ms", "60000",
        "--screenshot", ARTIFACTS.resolve(name + ".png").toString()))
        .directory(PLAYER_WEB.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the browser did not finish within 2 minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
    String[] lines = stdout.split("\n");
    JsonObject report = stdout.isEmpty() ? new JsonObject() : new JsonObject(lines[lines.length - 1]);
    return new Playback(p.exitValue(), report, Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Runs one scenario of {@code e2e/player.mjs} ({@code --scenario NAME} plus {@code args}), saving
   * its screenshot as {@code NAME.png} under target/test-artifacts; the report is its JSON line.
   */
  public static Playback scenario(String name, List<String> args) throws Exception {
    Files.createDirectories(ARTIFACTS);
    Path out = ARTIFACTS.resolve(name + ".json");
    Path err = ARTIFACTS.resolve(name + ".stderr.txt");
    List<String> argv = new java.util.ArrayList<>(List.of("node", "e2e/player.mjs", "--scenario",
        name, "--screenshot", ARTIFACTS.resolve(name + ".png").toString()));
    argv.addAll(args);
    Process p = new ProcessBuilder(argv).directory(PLAYER_WEB.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the browser did not finish within 3 minutes");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
    String[] lines = stdout.split("\n");
    JsonObject report = stdout.isEmpty() ? new JsonObject() : new JsonObject(lines[lines.length - 1]);
    return new Playback(p.exitValue(), report, Files.readString(err, StandardCharsets.UTF_8));
  }
}
