package org.screenroom.transcode.packaging;

import java.util.Locale;

/**
 * Writes the media playlists of a package: each rendition's {@code index.m3u8} (replacing
 * ffmpeg's, so every one, audio included, says EXT-X-INDEPENDENT-SEGMENTS), each video
 * rendition's {@code iframes.m3u8} (one byte range per key frame, so trick play steps by key
 * frame interval, not by segment), and each subtitle track's one-segment playlist. Pure.
 */
public final class MediaPlaylistWriter {
    /** I-frame playlist name inside each video rendition directory. */
    public static final String IFRAME_PLAYLIST = "iframes.m3u8";

    private MediaPlaylistWriter() {
    }

    public static String media(Rendition r) {
        StringBuilder out = header(r.segments().stream().mapToDouble(Segment::seconds).max().orElse(0)).append("#EXT-X-MAP:URI=\"").append(r.initFile()).append("\"\n");
        for (Segment s : r.segments()) {
            out.append(extinf(s.seconds())).append(s.file()).append('\n');
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /**
     * @throws IllegalArgumentException when the rendition has no measured key frame ranges
     */
    public static String iframes(Rendition r) {
        if (!r.hasIFrames()) {
            throw new IllegalArgumentException("rendition " + r.id() + " has no key frame ranges");
        }
        StringBuilder out = header(r.iframes().stream().mapToDouble(Segment.IFrame::seconds).max().orElse(0))
                .append("#EXT-X-I-FRAMES-ONLY\n")
                .append("#EXT-X-MAP:URI=\"").append(r.initFile()).append("\"\n");
        for (Segment s : r.segments()) {
            for (Segment.IFrame f : s.iframes()) {
                out.append(extinf(f.seconds())).append("#EXT-X-BYTERANGE:").append(f.length()).append('@')
                        .append(f.offset()).append('\n').append(s.file()).append('\n');
            }
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** A WebVTT track as one segment lasting the whole film. */
    public static String subtitles(TextTrack track, double seconds) {
        return "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:" + targetDuration(seconds) + "\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n" + extinf(seconds) + track.vttFile() + "\n"
                + "#EXT-X-ENDLIST\n";
    }

    private static StringBuilder header(double longest) {
        return new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:")
                .append(targetDuration(longest))
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    }

    /** RFC 8216 4.3.3.1: every EXTINF rounded to the nearest integer must not exceed it. */
    static long targetDuration(double longestSeconds) {
        return Math.max(1, Math.round(longestSeconds));
    }

    private static String extinf(double seconds) {
        return String.format(Locale.ROOT, "#EXTINF:%.6f,", seconds) + "\n";
    }
}
