package org.screenroom.transcode.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what ffmpeg wrote (media playlists and parts) into the planned renditions, joining the
 * parts into segments.
 * The file names are checked against the names the server's segment route accepts, so a
 * package that could not be served is refused here rather than at playback.
 */
public final class PackageScanner {
    /** Directory names the server accepts. */
    public static final Pattern DIR_NAME = Pattern.compile("[a-z0-9_]{1,16}");
    /** File names the server accepts inside a rendition directory. */
    public static final Pattern FILE_NAME = Pattern.compile("[a-z0-9_-]{1,64}\\.(m4s|mp4|m3u8|vtt|jpg)");

    private PackageScanner() {
    }

    /**
     * Reads ffmpeg's playlists and joins its parts into segments (see {@link SegmentJoiner}).
     *
     * @param planned    renditions with everything but the media filled in
     * @param perSegment ffmpeg parts (key frame intervals) per segment
     * @throws IOException when a playlist is missing or unreadable, or names a file the server could not serve
     */
    public static PackageDescription scan(Path dir, List<Rendition> planned, int perSegment) throws IOException {
        return scan(dir, planned, perSegment, Map.of());
    }

    /**
     * As {@link #scan(Path, List, int)}, taking over the segments joined while ffmpeg encoded.
     *
     * @param early segments already joined, by rendition id (see {@link LiveJoiner})
     */
    public static PackageDescription scan(Path dir, List<Rendition> planned, int perSegment,
                                          Map<String, List<SegmentJoiner.Joined>> early) throws IOException {
        List<Rendition> videos = new ArrayList<>();
        List<Rendition> audios = new ArrayList<>();
        for (Rendition r : planned) {
            Rendition scanned = scanOne(dir, r, perSegment, early.getOrDefault(r.id(), List.of()));
            (r.video() ? videos : audios).add(scanned);
        }
        return new PackageDescription(videos, audios, List.of());
    }

    private static Rendition scanOne(Path dir, Rendition r, int perSegment, List<SegmentJoiner.Joined> early)
            throws IOException {
        requireName(DIR_NAME, r.id());
        Path renditionDir = dir.resolve(r.id());
        MediaPlaylist playlist;
        try {
            playlist = MediaPlaylistParser.parse(Files.readString(renditionDir.resolve(HlsMasterWriter.MEDIA_PLAYLIST)));
        } catch (IllegalArgumentException e) {
            throw new IOException("unusable playlist for rendition " + r.id() + ": " + e.getMessage(), e);
        }
        requireName(FILE_NAME, playlist.initFile());
        for (Segment s : playlist.segments()) {
            requireName(FILE_NAME, s.file());
        }
        return r.withMedia(playlist.initFile(),
                SegmentJoiner.joinFiles(renditionDir, playlist.segments(), perSegment, r.video(), early));
    }

    private static void requireName(Pattern pattern, String name) throws IOException {
        if (!pattern.matcher(name).matches()) {
            throw new IOException("packaged name " + name + " would not be served (expected " + pattern + ")");
        }
    }
}
