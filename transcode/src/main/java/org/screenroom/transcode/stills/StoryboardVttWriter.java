package org.screenroom.transcode.stills;

import java.util.Locale;

/**
 * Writes storyboard/thumbs.vtt: one WebVTT cue per thumbnail pointing into the sprite with a
 * media fragment ({@code sprite.jpg#xywh=x,y,w,h}), the format video.js, Plyr and JW Player
 * read for seek previews. Pure.
 */
public final class StoryboardVttWriter {
    private StoryboardVttWriter() {
    }

    public static String write(Stills stills) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < stills.count(); i++) {
            double start = (double) i * stills.intervalSeconds();
            double end = Math.min(start + stills.intervalSeconds(), stills.durationSeconds());
            int x = (i % stills.columns()) * stills.thumbWidth();
            int y = (i / stills.columns()) * stills.thumbHeight();
            out.append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
                    .append(String.format(Locale.ROOT, "%s#xywh=%d,%d,%d,%d\n", Stills.SPRITE_FILE, x, y,
                            stills.thumbWidth(), stills.thumbHeight()));
        }
        return out.toString();
    }

    /** hh:mm:ss.mmm, as WebVTT requires. */
    public static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
