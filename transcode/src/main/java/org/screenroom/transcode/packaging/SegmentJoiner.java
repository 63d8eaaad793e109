package org.screenroom.transcode.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Joins the parts ffmpeg writes (one per key frame interval, each a single fragment) into the
 * segments the playlists list, so a segment holds one fragment per key frame and every key
 * frame can be fetched by one byte range for the I-frame playlist. ffmpeg's hls muxer cannot do
 * this itself: it flushes one fragment per file, and the mp4 muxer's own fragmenting
 * ({@code movflags=+frag_keyframe}) breaks its init segment.
 *
 * <p>Parts are grouped by count, the same count in every rendition, so segment boundaries stay
 * at the same key frames in every rung. The first part keeps its {@code styp}; every
 * {@code sidx} is dropped (each indexes only its own part, and the playlists address segments
 * by file). Fragments use default-base-is-moof offsets, so moving them is safe.
 */
public final class SegmentJoiner {
    /** Name pattern of the joined segments. */
    public static final String SEGMENT_PATTERN = "seg_%05d.m4s";

    private SegmentJoiner() {
    }

    /** @return consecutive groups of {@code perSegment} items; the last may be shorter */
    static <T> List<List<T>> groups(List<T> parts, int perSegment) {
        if (perSegment < 1) {
            throw new IllegalArgumentException("parts per segment must be positive: " + perSegment);
        }
        List<List<T>> groups = new ArrayList<>();
        for (int from = 0; from < parts.size(); from += perSegment) {
            groups.add(List.copyOf(parts.subList(from, Math.min(parts.size(), from + perSegment))));
        }
        return groups;
    }

    /** @return the parts as one segment: the first styp, then every box but styp and sidx. Pure. */
    static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = parts.get(i);
            for (Fmp4Fragments.Box box : Fmp4Fragments.boxes(part)) {
                boolean keep = !box.type().equals("sidx") && (i == 0 || !box.type().equals("styp"));
                if (keep) {
                    out.write(part, (int) box.offset(), (int) box.size());
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * Key frames of a joined segment: one per fragment, each lasting as long as its part.
     *
     * @return the key frames, or an empty list when some fragment does not start with one
     */
    static List<Segment.IFrame> iframes(byte[] joined, List<Segment> parts) {
        return iframes(Fmp4Fragments.keyFrames(joined), parts);
    }

    private static List<Segment.IFrame> iframes(List<Fmp4Fragments.KeyFrameRange> ranges, List<Segment> parts) {
        if (ranges.size() != parts.size()) {
            return List.of();
        }
        List<Segment.IFrame> frames = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            frames.add(new Segment.IFrame(ranges.get(i).offset(), ranges.get(i).length(), parts.get(i).seconds()));
        }
        return frames;
    }

    /**
     * A segment written before its durations were known (while ffmpeg was still encoding).
     *
     * @param parts     the part files it joined, in order (deleted)
     * @param file      the segment file
     * @param bytes     its size
     * @param keyFrames the byte range of each fragment's key frame (empty for audio)
     */
    public record Joined(List<String> parts, String file, long bytes, List<Fmp4Fragments.KeyFrameRange> keyFrames) {
        public Joined {
            parts = List.copyOf(parts);
            keyFrames = List.copyOf(keyFrames);
        }
    }

    /**
     * Joins the part files of segment {@code index} into its segment file and deletes them.
     *
     * @param video whether to find the key frames
     */
    public static Joined joinGroup(Path dir, List<String> partFiles, int index, boolean video) throws IOException {
        List<byte[]> bytes = new ArrayList<>();
        for (String part : partFiles) {
            bytes.add(Files.readAllBytes(dir.resolve(part)));
        }
        byte[] joined = join(bytes);
        String name = String.format(Locale.ROOT, SEGMENT_PATTERN, index);
        Files.write(dir.resolve(name), joined);
        for (String part : partFiles) {
            if (!part.equals(name)) {
                Files.delete(dir.resolve(part));
            }
        }
        return new Joined(partFiles, name, joined.length, video ? Fmp4Fragments.keyFrames(joined) : List.of());
    }

    /** As {@link #joinFiles(Path, List, int, boolean, List)} with nothing joined yet. */
    public static List<Segment> joinFiles(Path dir, List<Segment> parts, int perSegment, boolean video)
            throws IOException {
        return joinFiles(dir, parts, perSegment, video, List.of());
    }

    /**
     * Writes the joined segments into {@code dir} and deletes the parts.
     *
     * @param parts      ffmpeg's parts in playlist order
     * @param perSegment parts per segment
     * @param video      whether to find key frames
     * @param early      the first segments, already joined while ffmpeg encoded (see {@link LiveJoiner})
     * @return the segments with sizes and (video) key frames
     * @throws IOException when a file cannot be read or written, or the playlist lists other parts than
     *                     the ones joined early
     */
    public static List<Segment> joinFiles(Path dir, List<Segment> parts, int perSegment, boolean video,
                                          List<Joined> early) throws IOException {
        List<Segment> segments = new ArrayList<>();
        List<List<Segment>> groups = groups(parts, perSegment);
        if (early.size() > groups.size()) {
            throw new IOException("joined " + early.size() + " segments in " + dir + " but the playlist has "
                    + groups.size());
        }
        for (int k = 0; k < groups.size(); k++) {
            List<Segment> group = groups.get(k);
            List<String> files = group.stream().map(Segment::file).toList();
            Joined joined;
            if (k < early.size()) {
                joined = early.get(k);
                if (!joined.parts().equals(files)) {
                    throw new IOException("the playlist in " + dir + " lists " + files + " for segment " + k
                            + ", but " + joined.parts() + " were joined while encoding");
                }
            } else {
                joined = joinGroup(dir, files, k, video);
            }
            double seconds = group.stream().mapToDouble(Segment::seconds).sum();
            segments.add(new Segment(joined.file(), seconds, joined.bytes(),
                    video ? iframes(joined.keyFrames(), group) : List.of()));
        }
        return segments;
    }
}
