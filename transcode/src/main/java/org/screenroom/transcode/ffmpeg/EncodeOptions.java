package org.screenroom.transcode.ffmpeg;

/**
 * Encoder knobs that are not derived from the source.
 *
 * @param preset           x264 preset, e.g. "medium" (production) or "veryfast" (tests)
 * @param segmentSeconds   target CMAF segment duration
 * @param keyframeSeconds  forced keyframe interval; must divide segmentSeconds so every
 *                         segment starts on a keyframe at the same time in every rung
 */
public record EncodeOptions(String preset, int segmentSeconds, int keyframeSeconds) {
    public EncodeOptions {
        if (keyframeSeconds <= 0 || segmentSeconds <= 0 || segmentSeconds % keyframeSeconds != 0) {
            throw new IllegalArgumentException("segment seconds (" + segmentSeconds
                    + ") must be a positive multiple of keyframe seconds (" + keyframeSeconds + ")");
        }
    }
}
