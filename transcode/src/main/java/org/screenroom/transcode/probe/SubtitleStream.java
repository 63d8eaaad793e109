package org.screenroom.transcode.probe;

/** One subtitle stream as ffprobe describes it; language is "und" when absent. */
public record SubtitleStream(int index, String codec, String language) {
}
