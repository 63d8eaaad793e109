package org.screenroom.transcode.packaging;

/**
 * One media segment of a rendition.
 *
 * @param file    file name inside the rendition directory
 * @param seconds duration from the playlist's EXTINF
 * @param bytes   file size, 0 until measured
 */
public record Segment(String file, double seconds, long bytes) {
    public Segment withBytes(long size) {
        return new Segment(file, seconds, size);
    }
}
