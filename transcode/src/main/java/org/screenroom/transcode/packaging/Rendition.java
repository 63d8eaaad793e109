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

    /** @return true when every segment has measured key frame ranges */
    public boolean hasIFrames() {
        return video && segments.stream().noneMatch(s -> s.iframes().isEmpty());
    }

    /** Every key frame of the rendition, in order. */
    public List<Segment.IFrame> iframes() {
        return segments.stream().flatMap(s -> s.iframes().stream()).toList();
    }

    /** Peak bits per second of the I-frame playlist (each key frame's bytes over its duration). */
    public long iframePeakBandwidth() {
        return iframes().stream().filter(f -> f.seconds() > 0)
                .mapToLong(f -> Math.round(f.length() * 8 / f.seconds())).max().orElse(0);
    }

    /** Average bits per second of the I-frame playlist. */
    public long iframeAverageBandwidth() {
        double seconds = iframes().stream().mapToDouble(Segment.IFrame::seconds).sum();
        long total = iframes().stream().mapToLong(Segment.IFrame::length).sum();
        return seconds > 0 ? Math.round(total * 8 / seconds) : 0;
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
