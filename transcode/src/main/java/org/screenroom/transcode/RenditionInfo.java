package org.screenroom.transcode;

/**
 * One rendition of a finished package.
 *
 * @param kind    "video" or "audio"
 * @param width   0 for audio
 * @param height  0 for audio
 * @param bitrate measured average bits per second
 * @param codec   RFC 6381 codec string
 */
public record RenditionInfo(String kind, int width, int height, long bitrate, String codec) {
}
