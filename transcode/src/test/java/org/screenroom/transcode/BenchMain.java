package org.screenroom.transcode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.screenroom.transcode.ffmpeg.EncodeCommandBuilder;
import org.screenroom.transcode.ladder.AudioPlanner;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.LadderPlanner;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.stills.Stills;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Entry point for bench/transcode.sh. {@code tools CACHE} prints the toolchain as shell
 * assignments; {@code transcode SOURCE OUT PRESET CACHE} runs the real Transcoder and prints
 * its wall time and rungs; {@code command SOURCE OUT PRESET CACHE} prints the ffmpeg command it
 * would run. A configured FFMPEG environment variable wins over the bundled build.
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
        TranscodeSettings settings = TranscodeSettings.defaults().withPreset(args[3]);
        Transcoder transcoder = new Transcoder(tools, new ProcessRunner(), settings);
        if (args[0].equals("command")) {
            // The ffmpeg command Screenroom runs for this source, for the benchmark's report.
            Path source = Path.of(args[1]);
            MediaInfo info = transcoder.prober().inspect(source);
            Ladder ladder = LadderPlanner.plan(info, settings.table());
            Rung top = ladder.rungs().get(0);
            List<String> argv = EncodeCommandBuilder.build(tools.ffmpeg(), source, info, ladder, AudioPlanner.plan(info),
                    Optional.of(Stills.plan(info.duration(), top.width(), top.height())), settings.encodeOptions(),
                    Path.of(args[2]));
            System.out.println(argv.stream().map(a -> a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                    .collect(Collectors.joining(" ")));
            return;
        }
        long start = System.nanoTime();
        TranscodeResult result = transcoder.transcode(Path.of(args[1]), Path.of(args[2]), ProgressListener.NONE,
                CancelSignal.none());
        System.out.printf("wall_seconds=%.2f%n", (System.nanoTime() - start) / 1e9);
        result.renditions().forEach(r -> System.out.println("rendition " + r));
    }
}
