package org.screenroom.transcode.stills;

import java.time.Duration;

/**
 * The poster frame and storyboard sprite cut from the same decode as the rungs.
 *
 * @param posterSeconds    where the poster frame is taken
 * @param posterWidth      even, at most {@link #MAX_POSTER_WIDTH}
 * @param posterHeight     even
 * @param intervalSeconds  one thumbnail every this many seconds
 * @param count            thumbnails in the sprite
 * @param columns          thumbnails per sprite row
 * @param rows             sprite rows
 * @param thumbWidth       even
 * @param thumbHeight      even
 * @param durationSeconds  the film length, which ends the last cue
 */
public record Stills(double posterSeconds, int posterWidth, int posterHeight, int intervalSeconds, int count,
                     int columns, int rows, int thumbWidth, int thumbHeight, double durationSeconds) {
    /** Directory and file of the poster. */
    public static final String POSTER_DIR = "poster";
    public static final String POSTER_FILE = "poster.jpg";
    /** Directory and files of the storyboard. */
    public static final String STORYBOARD_DIR = "storyboard";
    public static final String SPRITE_FILE = "sprite.jpg";
    public static final String THUMBS_FILE = "thumbs.vtt";
    static final int MAX_POSTER_WIDTH = 1280;
    static final double POSTER_AT = 0.10;
    static final int THUMB_LONG_SIDE = 160;
    static final int MAX_COLUMNS = 10;
    /** Keeps the sprite under ~1000 thumbnails (1600 x 9000 px at most for landscape). */
    static final int MAX_THUMBS = 1000;

    /**
     * Plans the stills of a film shown at {@code width x height} (the top rung).
     * Thumbnails every second up to a minute, every 5 s up to 10 minutes, then every 10 s
     * (more when the film is so long that the sprite would pass {@link #MAX_THUMBS}).
     */
    public static Stills plan(Duration duration, int width, int height) {
        double seconds = Math.max(duration.toMillis() / 1000.0, 0.001);
        int posterWidth = Math.min(width, MAX_POSTER_WIDTH);
        int posterHeight = even((double) height * posterWidth / width);
        int interval = seconds <= 60 ? 1 : seconds <= 600 ? 5 : 10;
        interval = Math.max(interval, (int) Math.ceil(seconds / MAX_THUMBS));
        int count = Math.max(1, (int) Math.ceil(seconds / interval));
        int columns = Math.min(MAX_COLUMNS, count);
        int rows = (count + columns - 1) / columns;
        boolean portrait = height > width;
        int thumbWidth = portrait ? even((double) THUMB_LONG_SIDE * width / height) : THUMB_LONG_SIDE;
        int thumbHeight = portrait ? THUMB_LONG_SIDE : even((double) THUMB_LONG_SIDE * height / width);
        return new Stills(round3(seconds * POSTER_AT), posterWidth, posterHeight, interval, count, columns, rows,
                thumbWidth, thumbHeight, seconds);
    }

    private static int even(double value) {
        return Math.max(2, (int) (2 * Math.round(value / 2)));
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
