package org.screenroom.transcode.ffmpeg;

/**
 * Encoder knobs that are not derived from the source.
 *
 * @param preset           x264 preset, e.g. "medium" (production) or "veryfast" (tests)
 * @param segmentSeconds   target CMAF segment duration
 * @param keyframeSeconds  forced keyframe interval; must divide segmentSeconds so every
 *                         segment starts on a keyframe at the same time in every rung
 * @param cpus             processors the encoders share; 0 lets each x264 encoder pick its own
 *                         thread count (which oversubscribes a small machine, see
 *                         {@link EncodeCommandBuilder#encoderThreads})
 */
public record EncodeOptions(String preset, int segmentSeconds, int keyframeSeconds, int cpus) {
    public EncodeOptions {
        if (keyframeSeconds <= 0 || segmentSeconds <= 0 || segmentSeconds % keyframeSeconds != 0) {
            throw new IllegalArgumentException("segment seconds (" + segmentSeconds
                    + ") must be a positive multiple of keyframe seconds (" + keyframeSeconds + ")");
        }
        if (cpus < 0) {
            throw new IllegalArgumentException("cpus must not be negative: " + cpus);
        }
    }

    /** Options with x264's own thread counts. */
    public EncodeOptions(String preset, int segmentSeconds, int keyframeSeconds) {
        this(preset, segmentSeconds, keyframeSeconds, 0);
    }

    /** @return how many key frame intervals (and ffmpeg parts) make one segment */
    public int keyframesPerSegment() {
        return segmentSeconds / keyframeSeconds;
    }
}
