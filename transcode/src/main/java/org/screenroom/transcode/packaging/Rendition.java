package org.screenroom.transcode.packaging;

import java.util.List;

/**
 * One rendition as packaged on disk, the input of the manifest writers.
 *
 * @param id        rendition id, also its directory name
 * @param video     true for video, false for audio
 * @param codecs    RFC 6381 codec string, e.g. "avc1.64001f" or "mp4a.40.2"
 * @param width     0 for audio
 * @param height    0 for audio
 * @param frameRate frames per second, 0 for audio
 * @param channels  audio channels, 0 for video
 * @param sampleRate audio sample rate, 0 for video
 * @param language  ISO 639-2, "und" when unknown
 * @param initFile  init segment file name inside {@code id/}
 * @param segments  media segments in order, with measured sizes
 */
public record Rendition(String id, boolean video, String codecs, int width, int height, double frameRate,
                        int channels, int sampleRate, String language, String initFile, List<Segment> segments) {
    public Rendition {
        segments = List.copyOf(segments);
    }

    /** A copy with what the packager wrote on disk. */
    public Rendition withMedia(String init, List<Segment> media) {
        return new Rendition(id, video, codecs, width, height, frameRate, channels, sampleRate, language, init, media);
    }

    /** @return the summed segment durations in seconds */
    public double seconds() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /** Highest bits per second of any segment: what HLS BANDWIDTH and DASH bandwidth promise. */
    public long peakBandwidth() {
        return segments.stream().filter(s -> s.seconds() > 0)
                .mapToLong(s -> Math.round(s.bytes() * 8 / s.seconds())).max().orElse(0);
    }

    /** Total bits over total seconds. */
    public long averageBandwidth() {
        double seconds = seconds();
        long bytes = segments.stream().mapToLong(Segment::bytes).sum();
        return seconds > 0 ? Math.round(bytes * 8 / seconds) : 0;
    }
}
