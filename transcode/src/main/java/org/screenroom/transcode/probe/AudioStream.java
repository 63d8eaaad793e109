package org.screenroom.transcode.probe;

/**
 * One audio stream as ffprobe describes it.
 *
 * @param language ISO 639-2 tag, or "und" when absent
 */
public record AudioStream(int index, String codec, int channels, String channelLayout, int sampleRate,
                          String language) {
}
