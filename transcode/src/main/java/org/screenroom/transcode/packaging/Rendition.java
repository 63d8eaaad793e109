package org.screenroom.transcode.packaging;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One rendition as packaged on disk, the input of the manifest writers.
 *
 * @param id         rendition id, also its directory name
 * @param video      true for video, false for audio
 * @param codecs     RFC 6381 codec string, e.g. "avc1.64001f" or "mp4a.40.2"
 * @param width      0 for audio
 * @param height     0 for audio
 * @param frameRate  frames per second, 0 for audio or when unknown
 * @param channels   audio channels, 0 for video
 * @param sampleRate audio sample rate, 0 for video
 * @param language   ISO 639-2, "und" when unknown
 * @param name       label shown by players (audio), "" for video
 * @param initFile   init segment file name inside {@code id/}
 * @param segments   media segments in order, with measured sizes
 */
public record Rendition(String id, boolean video, String codecs, int width, int height, double frameRate,
                        int channels, int sampleRate, String language, String name, String initFile,
                        List<Segment> segments) {
    public Rendition {
        segments = List.copyOf(segments);
    }

    /** A copy with what the packager wrote on disk. */
    public Rendition withMedia(String init, List<Segment> media) {
        return new Rendition(id, video, codecs, width, height, frameRate, channels, sampleRate, language, name, init,
                media);
    }

    /** @return the summed segment durations in seconds */
    public double seconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /** Highest bits per second of any segment: what HLS BANDWIDTH and DASH bandwidth promise. */
    public long peakBandwidth() {
        return peak(Segment::bytes);
    }

    /** Total bits over total seconds. */
    public long averageBandwidth() {
        return average(Segment::bytes);
    }

    /** @return true when every segment has a measured key frame range */
    public boolean hasIFrames() {
        return video && segments.stream().allMatch(s -> s.iframeLength() > 0);
    }

    /** Peak bits per second of the I-frame playlist (key frame bytes over segment duration). */
    public long iframePeakBandwidth() {
        return peak(Segment::iframeLength);
    }

    /** Average bits per second of the I-frame playlist. */
    public long iframeAverageBandwidth() {
        return average(Segment::iframeLength);
    }

    private long peak(ToLongFunction<Segment> bytes) {
        return segments.stream().filter(s -> s.seconds() > 0)
                .mapToLong(s -> Math.round(bytes.applyAsLong(s) * 8 / s.seconds())).max().orElse(0);
    }

    private long average(ToLongFunction<Segment> bytes) {
        double seconds = seconds();
        long total = segments.stream().mapToLong(bytes).sum();
        return seconds > 0 ? Math.round(total * 8 / seconds) : 0;
    }
}
