package org.screenroom.transcode.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the VOD media playlists ffmpeg's hls muxer writes. Pure. */
public final class MediaPlaylistParser {
    private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:.*URI=\"([^\"]+)\"");
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+)");

    private MediaPlaylistParser() {
    }

    /**
     * @throws IllegalArgumentException when the playlist has no EXT-X-MAP, no segments, or a
     *                                  segment without a preceding EXTINF
     */
    public static MediaPlaylist parse(String text) {
        String init = null;
        Double pending = null;
        List<Segment> segments = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            Matcher map = MAP.matcher(line);
            Matcher inf = EXTINF.matcher(line);
            if (map.lookingAt()) {
                init = map.group(1);
            } else if (inf.lookingAt()) {
                pending = Double.parseDouble(inf.group(1));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (pending == null) {
                    throw new IllegalArgumentException("segment " + line + " has no #EXTINF");
                }
                segments.add(new Segment(line, pending, 0));
                pending = null;
            }
        }
        if (init == null || segments.isEmpty()) {
            throw new IllegalArgumentException("not an fMP4 media playlist (no EXT-X-MAP or no segments)");
        }
        return new MediaPlaylist(init, segments);
    }
}
