package org.screenroom.transcode.ladder;

import java.util.List;

/**
 * Picks the lowest H.264 level (ITU-T H.264 Table A-1) that fits a rung, so the level written
 * into the stream, and therefore the avc1 codec string players use to decide, is honest.
 * Level 3.0 is the floor: every player handles it and it keeps codec strings uniform.
 */
final class H264Level {
    private record Limit(String name, long macroblocksPerSecond, long frameMacroblocks, long maxBitrate) {
    }

    /** Max bitrates are the High-profile values (1.25x the Baseline/Main table). */
    private static final List<Limit> LIMITS = List.of(
            new Limit("3.0", 40_500, 1_620, 12_500_000),
            new Limit("3.1", 108_000, 3_600, 17_500_000),
            new Limit("3.2", 216_000, 5_120, 25_000_000),
            new Limit("4.0", 245_760, 8_192, 25_000_000),
            new Limit("4.1", 245_760, 8_192, 62_500_000),
            new Limit("4.2", 522_240, 8_704, 62_500_000),
            new Limit("5.0", 589_824, 22_080, 168_750_000),
            new Limit("5.1", 983_040, 36_864, 300_000_000),
            new Limit("5.2", 2_073_600, 36_864, 300_000_000),
            new Limit("6.2", 16_711_680, 139_264, 800_000_000));

    private H264Level() {
    }

    static String fit(int width, int height, double framesPerSecond, long maxrate) {
        long frame = (long) Math.ceil(width / 16.0) * (long) Math.ceil(height / 16.0);
        double perSecond = frame * framesPerSecond;
        for (Limit limit : LIMITS) {
            if (frame <= limit.frameMacroblocks() && perSecond <= limit.macroblocksPerSecond()
                    && maxrate <= limit.maxBitrate()) {
                return limit.name();
            }
        }
        return LIMITS.get(LIMITS.size() - 1).name();
    }
}
