package org.screenroom.transcode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/** The bundled toolchain (extracted once per build into target/) and lavfi clip generation. */
public final class TestTools {
    public static final Path CACHE = Path.of("target", "ffmpeg-cache").toAbsolutePath();
    private static Toolchain toolchain;

    private TestTools() {
    }

    public static synchronized Toolchain toolchain() throws Exception {
        if (toolchain == null) {
            toolchain = Toolchain.resolve(Optional.empty(), Optional.empty(), CACHE);
        }
        return toolchain;
    }

    /** Generates a testsrc2 clip (H.264) with an optional 440 Hz sine track. */
    public static Path clip(Path out, int width, int height, int seconds, boolean audio, String... extraOutputArgs)
            throws Exception {
        Toolchain t = toolchain();
        List<String> argv = new ArrayList<>(List.of(t.ffmpeg().toString(), "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=25"));
        if (audio) {
            argv.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        argv.addAll(List.of("-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p"));
        if (audio) {
            argv.addAll(List.of("-c:a", "aac"));
        }
        argv.addAll(List.of(extraOutputArgs));
        argv.add(out.toString());
        new ProcessRunner().run(ProcessRequest.of(argv, t.environment(), Duration.ofSeconds(60)));
        return out;
    }

    /** Runs the bundled ffmpeg with these arguments (after "-v error -y"). */
    public static void ffmpeg(List<String> args) throws Exception {
        Toolchain t = toolchain();
        List<String> argv = new ArrayList<>(List.of(t.ffmpeg().toString(), "-v", "error", "-y"));
        argv.addAll(args);
        new ProcessRunner().run(ProcessRequest.of(argv, t.environment(), Duration.ofSeconds(120)));
    }

    /** Runs the bundled ffprobe and returns stdout. */
    public static String ffprobe(String... args) throws Exception {
        Toolchain t = toolchain();
        List<String> argv = new ArrayList<>(List.of(t.ffprobe().toString(), "-v", "error"));
        argv.addAll(List.of(args));
        return new ProcessRunner().run(ProcessRequest.of(argv, t.environment(), Duration.ofSeconds(60))).stdout();
    }
}
