package org.screenroom.transcode.packaging;

import java.util.List;

/**
 * A finished package: video renditions highest first, the audio renditions every video variant
 * may play with (first is the default), and subtitle tracks.
 */
public record PackageDescription(List<Rendition> videos, List<Rendition> audios, List<TextTrack> subtitles) {
    public PackageDescription {
        videos = List.copyOf(videos);
        audios = List.copyOf(audios);
        subtitles = List.copyOf(subtitles);
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("a package needs at least one video rendition");
        }
    }

    /** A copy with these subtitle tracks. */
    public PackageDescription withSubtitles(List<TextTrack> tracks) {
        return new PackageDescription(videos, audios, tracks);
    }

    /** @return the presentation length: the longest rendition */
    public double seconds() {
        double longest = videos.stream().mapToDouble(Rendition::seconds).max().orElse(0);
        return Math.max(longest, audios.stream().mapToDouble(Rendition::seconds).max().orElse(0));
    }

    /** The audio rendition a variant's BANDWIDTH must allow for: the most demanding one. */
    public long audioPeakBandwidth() {
        return audios.stream().mapToLong(Rendition::peakBandwidth).max().orElse(0);
    }

    /** The largest average audio bitrate of the group. */
    public long audioAverageBandwidth() {
        return audios.stream().mapToLong(Rendition::averageBandwidth).max().orElse(0);
    }
}
