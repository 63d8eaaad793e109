package org.screenroom.transcode.ladder;

import java.util.ArrayList;
import java.util.List;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.Rational;
import org.screenroom.transcode.probe.VideoStream;

/**
 * Cuts a source into the renditions of a {@link LadderTable}. Pure.
 *
 * <p>Geometry rules, all on the <em>displayed</em> picture (sample aspect ratio applied,
 * rotation honoured):
 * <ul>
 *   <li>A tier of N lines is a 16:9 box of N x N*16/9 laid along the picture's orientation; the
 *       picture is fitted inside it keeping its display aspect. So 1080 lines gives 1920x1080 for
 *       16:9, 1920x804 for scope 2.39, 1440x1080 for 4:3, and 1080x1920 for a vertical film.</li>
 *   <li>A tier is used only if the fitted size does not exceed the source: never upscale.</li>
 *   <li>A source smaller than the lowest tier gets one rung at its own size with the lowest
 *       tier's bitrates.</li>
 *   <li>Dimensions are rounded to even numbers (4:2:0 chroma needs them).</li>
 * </ul>
 *
 * <p>Frame-rate rules (output is always constant frame rate):
 * <ul>
 *   <li>The nominal rate is the average rate, else the base rate, snapped to a broadcast or
 *       cinema rate (23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60) within 1.5%, so a jittery VFR
 *       phone clip or a 23.976 film keeps its exact rational rate; failing that the average is
 *       rounded to whole frames and capped at 60 (30 when nothing is declared).</li>
 *   <li>Rungs of 720 lines and more keep it; rungs below 720 lines halve rates above 30
 *       (50 to 25, 59.94 to 29.97): small screens gain more from bits per frame than from
 *       motion, and halving keeps every other frame so keyframes stay at the same instants.</li>
 * </ul>
 */
public final class LadderPlanner {
    private static final double WIDESCREEN = 16.0 / 9.0;
    /** Used when the source declares no rate at all. */
    private static final Rational ASSUMED_RATE = new Rational(30, 1);
    private static final List<Rational> STANDARD_RATES = List.of(new Rational(24000, 1001), new Rational(24, 1),
            new Rational(25, 1), new Rational(30000, 1001), new Rational(30, 1), new Rational(48, 1),
            new Rational(50, 1), new Rational(60000, 1001), new Rational(60, 1));
    private static final double SNAP_TOLERANCE = 0.015;
    private static final long MAX_RATE = 60;
    /** Rungs with fewer lines than this halve high frame rates. */
    static final int FULL_MOTION_LINES = 720;
    /** Rates above this (31 fps and up) are halved on rungs below {@link #FULL_MOTION_LINES}. */
    private static final double HALVE_ABOVE = 30.5;

    private LadderPlanner() {
    }

    /**
     * @throws IllegalArgumentException when the source has no video stream (see SourceCheck)
     */
    public static Ladder plan(MediaInfo source, LadderTable table) {
        VideoStream video = source.primaryVideo()
                .orElseThrow(() -> new IllegalArgumentException("source has no video stream"));
        int displayWidth = video.displayWidth();
        int displayHeight = video.displayHeight();
        boolean portrait = displayHeight > displayWidth;
        int longSide = Math.max(displayWidth, displayHeight);
        int shortSide = Math.min(displayWidth, displayHeight);
        Rational fps = nominalRate(video);
        List<Rung> rungs = new ArrayList<>();
        for (LadderTable.Tier tier : table.tiers()) {
            int[] fitted = fit(tier.lines(), longSide, shortSide);
            if (fitted[0] <= longSide && fitted[1] <= shortSide) {
                rungs.add(rung("v" + tier.lines(), tier, fitted, portrait, fps));
            }
        }
        if (rungs.isEmpty()) {
            int[] own = {evenDown(longSide), evenDown(shortSide)};
            rungs.add(rung("v" + own[1], table.lowest(), own, portrait, fps));
        }
        return new Ladder(rungs);
    }

    /** @return {long side, short side} of the picture fitted in the tier's 16:9 box */
    static int[] fit(int lines, int longSide, int shortSide) {
        double aspect = (double) longSide / shortSide;
        int boxLong = even(lines * WIDESCREEN);
        if (aspect >= WIDESCREEN) {
            return new int[] {boxLong, even(boxLong / aspect)};
        }
        return new int[] {even(lines * aspect), lines};
    }

    private static Rung rung(String id, LadderTable.Tier tier, int[] longShort, boolean portrait, Rational fps) {
        int width = portrait ? longShort[1] : longShort[0];
        int height = portrait ? longShort[0] : longShort[1];
        Rational rate = longShort[1] < FULL_MOTION_LINES && fps.toDouble() > HALVE_ABOVE ? half(fps) : fps;
        return new Rung(id, width, height, tier.videoBitrate(), tier.maxrate(), tier.bufsize(), tier.profile(),
                H264Level.fit(width, height, rate.toDouble(), tier.maxrate()), rate);
    }

    /**
     * The constant rate the package is encoded at: the average rate snapped to a standard rate,
     * else the base rate snapped, else the average rounded to whole frames (capped at 60).
     */
    public static Rational nominalRate(VideoStream video) {
        Rational average = video.averageFrameRate();
        Rational base = video.frameRate();
        for (Rational declared : List.of(average, base)) {
            if (declared.isKnown()) {
                Rational standard = snap(declared.toDouble());
                if (standard != null) {
                    return standard;
                }
            }
        }
        Rational declared = average.isKnown() ? average : base.isKnown() ? base : ASSUMED_RATE;
        return new Rational(Math.max(1, Math.min(MAX_RATE, Math.round(declared.toDouble()))), 1);
    }

    /** The nearest standard rate within the tolerance, or null. */
    private static Rational snap(double fps) {
        Rational nearest = null;
        for (Rational standard : STANDARD_RATES) {
            double error = Math.abs(fps - standard.toDouble());
            if (error <= standard.toDouble() * SNAP_TOLERANCE
                    && (nearest == null || error < Math.abs(fps - nearest.toDouble()))) {
                nearest = standard;
            }
        }
        return nearest;
    }

    /** Half the rate in lowest terms: 50/1 gives 25/1, 60000/1001 gives 30000/1001. */
    static Rational half(Rational rate) {
        return rate.numerator() % 2 == 0 ? new Rational(rate.numerator() / 2, rate.denominator())
                : new Rational(rate.numerator(), rate.denominator() * 2);
    }

    private static int even(double value) {
        return (int) (2 * Math.round(value / 2));
    }

    private static int evenDown(int value) {
        return value - (value % 2);
    }
}
