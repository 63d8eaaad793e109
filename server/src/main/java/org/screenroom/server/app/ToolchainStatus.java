package org.screenroom.server.app;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import org.screenroom.transcode.toolchain.Toolchain;
import org.screenroom.transcode.toolchain.ToolchainException;

/**
 * Which ffmpeg this server runs, or why none can run. The server still starts without one, so
 * that it can stream what is already packaged; readiness reports the problem.
 */
public final class ToolchainStatus {
  private final Toolchain toolchain;
  private final String problem;

  private ToolchainStatus(Toolchain toolchain, String problem) {
    this.toolchain = toolchain;
    this.problem = problem;
  }

  /** Resolves the configured or bundled ffmpeg (extracting the bundled one once into the cache). */
  public static ToolchainStatus resolve(Optional<Path> ffmpeg, Optional<Path> ffprobe, Path cacheDir) {
    try {
      return new ToolchainStatus(Toolchain.resolve(ffmpeg, ffprobe, cacheDir), null);
    } catch (ToolchainException e) {
      return new ToolchainStatus(null, e.getMessage());
    }
  }

  /** The usable toolchain, if any. */
  public Optional<Toolchain> toolchain() {
    return Optional.ofNullable(toolchain);
  }

  /** Why no transcoder can run, if so. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /**
   * For {@code /health/ready}: origin and version, or the problem. Paths stay out of this public
   * answer; they are in the start-up log.
   */
  public JsonObject describe() {
    if (toolchain == null) {
      return new JsonObject().put("usable", false).put("error", problem);
    }
    return new JsonObject().put("usable", true)
        .put("origin", toolchain.origin().name().toLowerCase(java.util.Locale.ROOT))
        .put("version", toolchain.version());
  }
}
