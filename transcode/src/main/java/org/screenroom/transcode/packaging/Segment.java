package org.screenroom.transcode.packaging;

/**
 * One media segment of a rendition.
 *
 * @param file         file name inside the rendition directory
 * @param seconds      duration from the playlist's EXTINF
 * @param bytes        file size, 0 until measured
 * @param iframeOffset where the segment's fragment (moof) starts, for the I-frame playlist
 * @param iframeLength bytes from the moof through the end of its first (key) frame; 0 when
 *                     unknown (audio, or not measured)
 */
public record Segment(String file, double seconds, long bytes, long iframeOffset, long iframeLength) {
    /** A segment without I-frame information. */
    public Segment(String file, double seconds, long bytes) {
        this(file, seconds, bytes, 0, 0);
    }

    public Segment withBytes(long size) {
        return new Segment(file, seconds, size, iframeOffset, iframeLength);
    }

    public Segment withIFrame(long offset, long length) {
        return new Segment(file, seconds, bytes, offset, length);
    }
}
