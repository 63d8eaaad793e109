package org.screenroom.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.screenroom.transcode.ffmpeg.EncodeCommandBuilder;
import org.screenroom.transcode.ffmpeg.ProgressParser;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.LadderPlanner;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.packaging.CodecStrings;
import org.screenroom.transcode.packaging.DashManifestWriter;
import org.screenroom.transcode.packaging.HlsMasterWriter;
import org.screenroom.transcode.packaging.PackageDescription;
import org.screenroom.transcode.packaging.PackageScanner;
import org.screenroom.transcode.packaging.Rendition;
import org.screenroom.transcode.packaging.StagingDirectory;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.Prober;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.probe.VideoStream;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessCancelledException;
import org.screenroom.transcode.process.ProcessFailedException;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a source film into a streamable package: probe, check, plan the ladder, encode all
 * rungs in one ffmpeg run, then write master.m3u8 and manifest.mpd over the same CMAF
 * segments. Output appears at {@code packageDir} only when complete. Blocking and
 * CPU-heavy: run it on a worker thread.
 */
public final class Transcoder {
    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);
    private static final int AUDIO_CHANNELS = 2;
    private static final int AUDIO_SAMPLE_RATE = 48_000;

    private final Toolchain toolchain;
    private final ProcessRunner runner;
    private final TranscodeSettings settings;
    private final Clock clock;
    private final Prober prober;

    public Transcoder(Toolchain toolchain, ProcessRunner runner, TranscodeSettings settings) {
        this(toolchain, runner, settings, Clock.systemUTC());
    }

    /** @param clock measures {@link TranscodeResult#duration()} */
    public Transcoder(Toolchain toolchain, ProcessRunner runner, TranscodeSettings settings, Clock clock) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.prober = new Prober(toolchain, runner, settings.probeTimeout());
    }

    /** The prober this transcoder uses, for checking uploads before queueing them. */
    public Prober prober() {
        return prober;
    }

    /**
     * Transcodes {@code source} into {@code packageDir} (replacing any package there).
     *
     * @throws SourceRejectedException     when the source is not a usable film (message for the filmmaker)
     * @throws TranscodeCancelledException when {@code cancel} was triggered; nothing is left behind
     * @throws TranscodeException          when ffmpeg or the disk fails; nothing is left behind
     */
    public TranscodeResult transcode(Path source, Path packageDir, ProgressListener listener, CancelSignal cancel)
            throws SourceRejectedException, TranscodeException {
        Instant started = clock.instant();
        MediaInfo info = inspect(source);
        Ladder ladder = LadderPlanner.plan(info, settings.table());
        StagingDirectory staging = stage(packageDir);
        boolean published = false;
        try {
            encode(source, info, ladder, staging.path(), listener, cancel);
            PackageDescription pkg = PackageScanner.scan(staging.path(), planned(info, ladder));
            writeManifests(staging.path(), pkg);
            staging.publish();
            published = true;
            return new TranscodeResult(info, renditionInfos(pkg), Duration.between(started, clock.instant()));
        } catch (IOException e) {
            throw new TranscodeException("The film could not be packaged because of a server storage problem. "
                    + "Try again later or contact the administrator.", e.toString(), e);
        } finally {
            if (!published) {
                discard(staging);
            }
        }
    }

    private MediaInfo inspect(Path source) throws SourceRejectedException, TranscodeException {
        try {
            return prober.inspect(source);
        } catch (ProcessCancelledException e) {
            throw new TranscodeCancelledException(e);
        } catch (ProcessFailedException e) {
            throw new TranscodeException("The server could not run ffprobe, so the film was not transcoded. "
                    + "Contact the administrator.", e.getMessage(), e);
        } catch (IOException e) {
            throw new TranscodeException("The uploaded file could not be read on the server. Upload it again.",
                    e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeCancelledException(e);
        }
    }

    private static StagingDirectory stage(Path packageDir) throws TranscodeException {
        try {
            return StagingDirectory.beside(packageDir);
        } catch (IOException e) {
            throw new TranscodeException("The server has no room to write the film. Contact the administrator.",
                    e.toString(), e);
        }
    }

    private void encode(Path source, MediaInfo info, Ladder ladder, Path out, ProgressListener listener,
                        CancelSignal cancel) throws TranscodeException {
        List<String> argv = EncodeCommandBuilder.build(toolchain.ffmpeg(), source, info, ladder,
                settings.encodeOptions(), out);
        ProgressParser progress = new ProgressParser(info.duration());
        ProcessRequest request = ProcessRequest.of(argv, toolchain.environment(), settings.timeout())
                .withStdoutLines(line -> progress.accept(line).ifPresent(listener::onProgress))
                .withCancel(cancel);
        try {
            runner.run(request);
        } catch (ProcessCancelledException e) {
            throw new TranscodeCancelledException(e);
        } catch (ProcessFailedException e) {
            throw new TranscodeException("Encoding the film failed. The administrator can see the details; "
                    + "re-exporting the film (H.264 or ProRes in MP4/MOV) often helps.", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeCancelledException(e);
        }
    }

    /** What was asked of ffmpeg, before reading what it wrote. */
    static List<Rendition> planned(MediaInfo info, Ladder ladder) {
        VideoStream video = info.primaryVideo().orElseThrow();
        double fps = video.frameRate().toDouble();
        List<Rendition> renditions = new ArrayList<>();
        for (Rung r : ladder.rungs()) {
            renditions.add(new Rendition(r.id(), true, CodecStrings.avc1(r.profile(), r.level()), r.width(),
                    r.height(), fps, 0, 0, "und", "", List.of()));
        }
        if (info.hasAudio()) {
            renditions.add(new Rendition(EncodeCommandBuilder.AUDIO_ID, false, CodecStrings.AAC_LC, 0, 0, 0,
                    AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, info.audioStreams().get(0).language(), "", List.of()));
        }
        return renditions;
    }

    private static void writeManifests(Path dir, PackageDescription pkg) throws IOException {
        // Replaces ffmpeg's master.m3u8: ours carries FRAME-RATE, measured peaks and the explicit codec levels.
        Files.writeString(dir.resolve("master.m3u8"), HlsMasterWriter.write(pkg), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest.mpd"), DashManifestWriter.write(pkg), StandardCharsets.UTF_8);
    }

    private static List<RenditionInfo> renditionInfos(PackageDescription pkg) {
        List<RenditionInfo> infos = new ArrayList<>();
        pkg.videos().forEach(v -> infos.add(new RenditionInfo("video", v.width(), v.height(), v.averageBandwidth(),
                v.codecs())));
        pkg.audio().ifPresent(a -> infos.add(new RenditionInfo("audio", 0, 0, a.averageBandwidth(), a.codecs())));
        return infos;
    }

    private static void discard(StagingDirectory staging) {
        try {
            staging.discard();
        } catch (IOException e) {
            // The original failure is what the caller needs; a leftover hidden dir is only logged.
            LOG.error("could not delete partial package {}", staging.path(), e);
        }
    }
}
