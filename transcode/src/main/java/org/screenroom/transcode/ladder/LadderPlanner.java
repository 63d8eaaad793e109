package org.screenroom.transcode.ladder;

import java.util.ArrayList;
import java.util.List;
import org.screenroom.transcode.probe.MediaInfo;
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
 */
public final class LadderPlanner {
    private static final double WIDESCREEN = 16.0 / 9.0;
    /** Used to choose the H.264 level when the source does not declare its rate. */
    private static final double ASSUMED_FPS = 30.0;

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
        double fps = video.frameRate().isKnown() ? video.frameRate().toDouble() : ASSUMED_FPS;
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

    private static Rung rung(String id, LadderTable.Tier tier, int[] longShort, boolean portrait, double fps) {
        int width = portrait ? longShort[1] : longShort[0];
        int height = portrait ? longShort[0] : longShort[1];
        return new Rung(id, width, height, tier.videoBitrate(), tier.maxrate(), tier.bufsize(), tier.profile(),
                H264Level.fit(width, height, fps, tier.maxrate()));
    }

    private static int even(double value) {
        return (int) (2 * Math.round(value / 2));
    }

    private static int evenDown(int value) {
        return value - (value % 2);
    }
}
