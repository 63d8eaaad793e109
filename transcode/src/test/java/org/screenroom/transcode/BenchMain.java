package org.screenroom.transcode;

import java.nio.file.Path;
import java.util.Optional;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Entry point for bench/transcode.sh. {@code tools CACHE} prints the toolchain as shell
 * assignments; {@code transcode SOURCE OUT PRESET CACHE} runs the real Transcoder and prints
 * its wall time and rungs. A configured FFMPEG environment variable wins over the bundled build.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Toolchain tools = Toolchain.resolve(Optional.ofNullable(System.getenv("FFMPEG")).map(Path::of),
                Optional.ofNullable(System.getenv("FFPROBE")).map(Path::of), Path.of(args[args.length - 1]));
        if (args[0].equals("tools")) {
            System.out.println("FFMPEG_BIN='" + tools.ffmpeg() + "'");
            System.out.println("FFPROBE_BIN='" + tools.ffprobe() + "'");
            System.out.println("FF_LD='" + tools.environment().getOrDefault("LD_LIBRARY_PATH", "") + "'");
            return;
        }
        Transcoder transcoder = new Transcoder(tools, new ProcessRunner(), TranscodeSettings.defaults().withPreset(args[3]));
        long start = System.nanoTime();
        TranscodeResult result = transcoder.transcode(Path.of(args[1]), Path.of(args[2]), ProgressListener.NONE,
                CancelSignal.none());
        System.out.printf("wall_seconds=%.2f%n", (System.nanoTime() - start) / 1e9);
        result.renditions().forEach(r -> System.out.println("rendition " + r));
    }
}
