package org.screenroom.transcode;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.screenroom.transcode.ffmpeg.EncodeCommandBuilder;
import org.screenroom.transcode.ladder.AudioPlanner;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.LadderPlanner;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.VideoStream;
import org.screenroom.transcode.stills.Stills;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Entry point for bench/transcode.sh; the last argument is always the toolchain cache directory.
 * <ul>
 * <li>{@code tools CACHE} prints the toolchain as shell assignments;</li>
 * <li>{@code rungs SOURCE PRESET CACHE} prints the ladder Screenroom plans for the source, one rung a line:
 *     {@code id width height bitrate maxrate bufsize level gop}, so the baselines encode the very same rungs;</li>
 * <li>{@code tonemap SOURCE PRESET CACHE} prints the tone-map filter chain for an HDR source (nothing for SDR);</li>
 * <li>{@code command SOURCE OUT PRESET CACHE} prints the ffmpeg command Screenroom would run;</li>
 * <li>{@code transcode SOURCE OUT PRESET CACHE} runs the real Transcoder and prints the job's wall time, its CPU
 *     time (ffprobe and ffmpeg, which this JVM waited for, plus this JVM's own during the job: start-up of the JVM
 *     excluded, as a server pays it once, not per film) and the time of each stage. The source is first checked
 *     as an upload is (ffprobe, timed apart): the job reuses that probe, as it does in the server.</li>
 * </ul>
 * A configured FFMPEG environment variable wins over the bundled build.
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
        TranscodeSettings settings = TranscodeSettings.defaults().withPreset(args[args.length - 2]);
        Transcoder transcoder = new Transcoder(tools, new ProcessRunner(), settings);
        Path source = Path.of(args[1]);
        switch (args[0]) {
            case "rungs" -> {
                MediaInfo info = transcoder.prober().inspect(source);
                for (Rung r : LadderPlanner.plan(info, settings.table()).rungs()) {
                    System.out.printf(Locale.ROOT, "%s %d %d %d %d %d %s %d%n", r.id(), r.width(), r.height(),
                            r.videoBitrate(), r.maxrate(), r.bufsize(), r.level(),
                            Math.round(r.frameRate().toDouble() * settings.keyframeSeconds()));
                }
            }
            case "tonemap" -> {
                VideoStream video = transcoder.prober().inspect(source).primaryVideo().orElseThrow();
                System.out.println(EncodeCommandBuilder.isHdr(video) ? EncodeCommandBuilder.toneMap(video) : "");
            }
            case "command" -> System.out.println(command(tools, settings, transcoder, source, Path.of(args[2])));
            case "transcode" -> transcode(transcoder, source, Path.of(args[2]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static String command(Toolchain tools, TranscodeSettings settings, Transcoder transcoder, Path source,
                                  Path out) throws Exception {
        MediaInfo info = transcoder.prober().inspect(source);
        Ladder ladder = LadderPlanner.plan(info, settings.table());
        Rung top = ladder.rungs().get(0);
        List<String> argv = EncodeCommandBuilder.build(tools.ffmpeg(), source, info, ladder, AudioPlanner.plan(info),
                Optional.of(Stills.plan(info.duration(), top.width(), top.height())), settings.encodeOptions(), out);
        return argv.stream().map(a -> a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static void transcode(Transcoder transcoder, Path source, Path out) throws Exception {
        // The server checks every upload (ffprobe) before it queues the transcode; the job then
        // reuses that description of the unchanged master. Timed apart, as part of the upload.
        long checkStart = System.nanoTime();
        transcoder.prober().inspect(source);
        System.out.printf(Locale.ROOT, "check_seconds=%.2f%n", (System.nanoTime() - checkStart) / 1e9);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double childrenBefore = childrenCpuSeconds();
        long jvmBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        TranscodeResult result = transcoder.transcode(source, out, ProgressListener.NONE, CancelSignal.none());
        double wall = (System.nanoTime() - start) / 1e9;
        double jvm = (os.getProcessCpuTime() - jvmBefore) / 1e9;
        double children = childrenCpuSeconds() - childrenBefore;
        System.out.printf(Locale.ROOT, "job_seconds=%.2f job_cpu_seconds=%.2f children_cpu_seconds=%.2f%n", wall,
                children + jvm, children);
        result.stages().forEach((name, d) -> System.out.printf(Locale.ROOT, "stage %s %.3f%n", name,
                d.toNanos() / 1e9));
        result.renditions().forEach(r -> System.out.println("rendition " + r));
    }

    /** User + system time of the waited-for children of this process (fields 16 and 17 of /proc/self/stat). */
    private static double childrenCpuSeconds() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): cutime is field 16, cstime field 17. Clock ticks are 100 a second on Linux.
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    }
}
