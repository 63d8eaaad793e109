package org.screenroom.transcode.packaging;

import java.util.List;

/**
 * One media segment of a rendition.
 *
 * @param file    file name inside the rendition directory
 * @param seconds duration from the playlist's EXTINF
 * @param bytes   file size, 0 until measured
 * @param iframes the key frames of a video segment, one per fragment, in order; empty for audio
 *                or when not measured
 */
public record Segment(String file, double seconds, long bytes, List<IFrame> iframes) {
    public Segment {
        iframes = List.copyOf(iframes);
    }

    /** A segment without I-frame information. */
    public Segment(String file, double seconds, long bytes) {
        this(file, seconds, bytes, List.of());
    }

    /**
     * A key frame addressable by one byte range of its segment file.
     *
     * @param offset  where its fragment's moof starts in the segment file
     * @param length  bytes from that moof through the end of the key frame's sample
     * @param seconds how long the frame stands for in trick play: until the next key frame
     */
    public record IFrame(long offset, long length, double seconds) {
    }

    public Segment withBytes(long size) {
        return new Segment(file, seconds, size, iframes);
    }

    public Segment withIFrames(List<IFrame> frames) {
        return new Segment(file, seconds, bytes, frames);
    }
}
