package org.screenroom.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.screenroom.transcode.ffmpeg.EncodeCommandBuilder;
import org.screenroom.transcode.ffmpeg.ProgressParser;
import org.screenroom.transcode.ladder.AudioPlanner;
import org.screenroom.transcode.ladder.AudioTrack;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.LadderPlanner;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.packaging.CodecStrings;
import org.screenroom.transcode.packaging.LiveJoiner;
import org.screenroom.transcode.packaging.PackageDescription;
import org.screenroom.transcode.packaging.PackageScanner;
import org.screenroom.transcode.packaging.PackageWriter;
import org.screenroom.transcode.packaging.Rendition;
import org.screenroom.transcode.packaging.StagingDirectory;
import org.screenroom.transcode.packaging.TextTrack;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.Prober;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessCancelledException;
import org.screenroom.transcode.process.ProcessFailedException;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.stills.Stills;
import org.screenroom.transcode.toolchain.Toolchain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a source film into a streamable package: probe, check, plan the ladder and audio,
 * encode all rungs, audio renditions, poster and storyboard in one ffmpeg run (its parts joined
 * into CMAF segments as they appear, see {@link LiveJoiner}), then write the playlists,
 * master.m3u8 and manifest.mpd over the same segments. The probe is the prober's own: a master
 * checked at upload is not probed again. Output appears at {@code packageDir} only when complete. Blocking and
 * CPU-heavy: run it on a worker thread.
 */
public final class Transcoder {
    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);
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
     * Transcodes {@code source} into {@code packageDir} (replacing any package there), without subtitles.
     *
     * @throws SourceRejectedException     when the source is not a usable film (message for the filmmaker)
     * @throws TranscodeCancelledException when {@code cancel} was triggered; nothing is left behind
     * @throws TranscodeException          when ffmpeg or the disk fails; nothing is left behind
     */
    public TranscodeResult transcode(Path source, Path packageDir, ProgressListener listener, CancelSignal cancel)
            throws SourceRejectedException, TranscodeException {
        return transcode(source, packageDir, List.of(), listener, cancel);
    }

    /**
     * Transcodes {@code source} into {@code packageDir} with subtitle tracks ({@code subs/{lang}.vtt}).
     * The package also holds {@code poster/poster.jpg}, {@code storyboard/sprite.jpg} with
     * {@code storyboard/thumbs.vtt}, and an I-frame playlist per video rung.
     *
     * @throws SourceRejectedException     when the source or a subtitle file is not usable (message for the filmmaker)
     * @throws IllegalArgumentException    when two subtitles share a language
     * @throws TranscodeCancelledException when {@code cancel} was triggered; nothing is left behind
     * @throws TranscodeException          when ffmpeg or the disk fails; nothing is left behind
     */
    public TranscodeResult transcode(Path source, Path packageDir, List<SubtitleInput> subtitles,
                                     ProgressListener listener, CancelSignal cancel)
            throws SourceRejectedException, TranscodeException {
        Instant started = clock.instant();
        StageClock stages = new StageClock(clock);
        Map<TextTrack, String> texts = SubtitleFiles.read(subtitles);
        MediaInfo info = inspect(source);
        stages.done("probe");
        Ladder ladder = LadderPlanner.plan(info, settings.table());
        List<AudioTrack> audio = AudioPlanner.plan(info);
        Rung top = ladder.rungs().get(0);
        Stills stills = Stills.plan(info.duration(), top.width(), top.height());
        logPackager();
        StagingDirectory staging = stage(packageDir);
        boolean published = false;
        List<Rendition> planned = planned(ladder, audio);
        int perSegment = settings.encodeOptions().keyframesPerSegment();
        try (LiveJoiner joiner = new LiveJoiner(staging.path(), planned.stream().map(Rendition::id).toList(),
                planned.stream().map(Rendition::video).toList(), perSegment, EncodeCommandBuilder.PART_PATTERN)) {
            Files.createDirectories(staging.path().resolve(Stills.POSTER_DIR));
            Files.createDirectories(staging.path().resolve(Stills.STORYBOARD_DIR));
            encode(EncodeCommandBuilder.build(toolchain.ffmpeg(), source, info, ladder, audio, Optional.of(stills),
                    settings.encodeOptions(), staging.path()), info, progress -> {
                        listener.onProgress(progress);
                        joiner.nudge();
                    }, cancel);
            stages.done("encode");
            PackageDescription pkg = PackageScanner.scan(staging.path(), planned, perSegment, joiner.finish())
                    .withSubtitles(List.copyOf(texts.keySet()));
            PackageWriter.write(staging.path(), pkg, texts, stills);
            stages.done("package");
            staging.publish();
            published = true;
            stages.done("publish");
            LOG.info("transcoded {} in {} ({})", source.getFileName(), Duration.between(started, clock.instant()),
                    stages.times());
            return new TranscodeResult(info, renditionInfos(pkg), Duration.between(started, clock.instant()),
                    stages.times());
        } catch (IOException e) {
            throw new TranscodeException("The film could not be packaged because of a server storage problem. "
                    + "Try again later or contact the administrator.", e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeCancelledException(e);
        } finally {
            if (!published) {
                discard(staging);
            }
        }
    }

    /** Bento4 packaging is planned (commands in packaging.bento4) but not run yet: say so once per film. */
    private void logPackager() {
        Packager effective = settings.packager().resolve(Packager.searchPath(System.getenv("PATH")));
        if (effective == Packager.BENTO4) {
            LOG.warn("packager {} resolved to Bento4, which this build does not run yet; packaging with ffmpeg",
                    settings.packager());
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

    private void encode(List<String> argv, MediaInfo info, ProgressListener listener, CancelSignal cancel)
            throws TranscodeException {
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
    static List<Rendition> planned(Ladder ladder, List<AudioTrack> audio) {
        List<Rendition> renditions = new ArrayList<>();
        for (Rung r : ladder.rungs()) {
            renditions.add(new Rendition(r.id(), true, CodecStrings.avc1(r.profile(), r.level()), r.width(),
                    r.height(), r.frameRate().toDouble(), 0, 0, "und", "", "", List.of()));
        }
        for (AudioTrack a : audio) {
            renditions.add(new Rendition(a.id(), false, CodecStrings.AAC_LC, 0, 0, 0, a.channels(), AUDIO_SAMPLE_RATE,
                    a.language(), a.name(), "", List.of()));
        }
        return renditions;
    }

    private static List<RenditionInfo> renditionInfos(PackageDescription pkg) {
        List<RenditionInfo> infos = new ArrayList<>();
        pkg.videos().forEach(v -> infos.add(new RenditionInfo("video", v.width(), v.height(), v.averageBandwidth(),
                v.codecs())));
        pkg.audios().forEach(a -> infos.add(new RenditionInfo("audio", 0, 0, a.averageBandwidth(), a.codecs())));
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
