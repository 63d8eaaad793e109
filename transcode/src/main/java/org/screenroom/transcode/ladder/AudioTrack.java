package org.screenroom.transcode.ladder;

/**
 * One audio rendition to encode (AAC-LC, 48 kHz).
 *
 * @param id          directory name, e.g. "a0" (stereo) or "a0_51" (5.1)
 * @param sourceIndex which source audio stream, counted among audio streams (ffmpeg {@code 0:a:N})
 * @param channels    2 or 6
 * @param bitrate     bits per second
 * @param language    ISO 639-2 tag, "und" when unknown
 * @param name        human label for players, e.g. "English (5.1)"
 */
public record AudioTrack(String id, int sourceIndex, int channels, long bitrate, String language, String name) {
}
