package org.screenroom.server.testing;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Real ffmpeg for tests: the bundled binaries, extracted once per build into
 * {@code target/ffmpeg-cache}, generate tiny lavfi clips and probe what the server serves.
 */
public final class Media {
  /** Shared by every test in the build so ffmpeg is extracted once. */
  public static final Path CACHE = Path.of("target", "ffmpeg-cache").toAbsolutePath();
  private static volatile Toolchain toolchain;

  private Media() {}

  /** The bundled toolchain. */
  public static Toolchain tools() {
    if (toolchain == null) {
      synchronized (Media.class) {
        if (toolchain == null) {
          try {
            toolchain = Toolchain.resolve(Optional.empty(), Optional.empty(), CACHE);
          } catch (Exception e) {
            throw new IllegalStateException("bundled ffmpeg unusable: " + e.getMessage(), e);
          }
        }
      }
    }
    return toolchain;
  }

  /** Writes a test-pattern clip ({@code seconds} long, {@code w}x{@code h}, optional tone). */
  public static Path clip(Path out, int seconds, int w, int h, boolean audio) throws Exception {
    List<String> argv = new ArrayList<>(List.of(tools().ffmpeg().toString(), "-hide_banner",
        "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h + ":rate=25"));
    if (audio) {
      argv.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
    }
    argv.addAll(List.of("-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast",
        "-pix_fmt", "yuv420p"));
    if (audio) {
      argv.addAll(List.of("-c:a", "aac"));
    }
    argv.add(out.toString());
    run(argv);
    return out;
  }

  /** ffprobe's JSON description of a file or URL (format and streams). */
  public static JsonObject probe(String fileOrUrl) throws Exception {
    String json = run(List.of(tools().ffprobe().toString(), "-v", "error", "-print_format", "json",
        "-show_format", "-show_streams", fileOrUrl));
    return new JsonObject(json);
  }

  private static String run(List<String> argv) throws Exception {
    return new ProcessRunner().run(ProcessRequest.of(argv, tools().environment(),
        Duration.ofMinutes(2))).stdout();
  }
}
