package org.screenroom.transcode;

import java.time.Duration;
import org.screenroom.transcode.ffmpeg.EncodeOptions;
import org.screenroom.transcode.ladder.LadderTable;

/**
 * How films are transcoded.
 *
 * @param table           the quality tiers
 * @param segmentSeconds  CMAF segment length (default 4)
 * @param keyframeSeconds forced keyframe interval (default 2); must divide segmentSeconds
 * @param preset          x264 preset (default "medium"; tests use "veryfast")
 * @param timeout         ffmpeg is killed past this
 * @param probeTimeout    ffprobe is killed past this
 * @param packager        who packages HLS/DASH (default {@link Packager#FFMPEG})
 */
public record TranscodeSettings(LadderTable table, int segmentSeconds, int keyframeSeconds, String preset,
                                Duration timeout, Duration probeTimeout, Packager packager) {

    /** The settings with the default packager ({@link Packager#FFMPEG}). */
    public TranscodeSettings(LadderTable table, int segmentSeconds, int keyframeSeconds, String preset,
                             Duration timeout, Duration probeTimeout) {
        this(table, segmentSeconds, keyframeSeconds, preset, timeout, probeTimeout, Packager.FFMPEG);
    }

    public TranscodeSettings {
        java.util.Objects.requireNonNull(packager, "packager");
        new EncodeOptions(preset, segmentSeconds, keyframeSeconds); // validates the pair
        if (timeout.isNegative() || timeout.isZero() || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** H.264 High ladder, 4 s segments, 2 s keyframes, preset medium, 12 h timeout, 1 min probe timeout. */
    public static TranscodeSettings defaults() {
        return new TranscodeSettings(LadderTable.h264High(), 4, 2, "medium", Duration.ofHours(12), Duration.ofMinutes(1));
    }

    public TranscodeSettings withPreset(String x264Preset) {
        return new TranscodeSettings(table, segmentSeconds, keyframeSeconds, x264Preset, timeout, probeTimeout,
                packager);
    }

    public TranscodeSettings withPackager(Packager choice) {
        return new TranscodeSettings(table, segmentSeconds, keyframeSeconds, preset, timeout, probeTimeout, choice);
    }

    /** The encoder options for this machine: the encoders share its processors. */
    EncodeOptions encodeOptions() {
        return new EncodeOptions(preset, segmentSeconds, keyframeSeconds, Runtime.getRuntime().availableProcessors());
    }
}
