package org.screenroom.transcode.packaging;

import java.util.List;

/** The parts of an fMP4 HLS media playlist the manifests need. */
public record MediaPlaylist(String initFile, List<Segment> segments) {
    public MediaPlaylist {
        segments = List.copyOf(segments);
    }
}
