package org.screenroom.transcode.ladder;

import java.util.Comparator;
import java.util.List;

/**
 * The quality tiers a source may be cut into, highest first.
 *
 * @param tiers at least one tier
 */
public record LadderTable(List<Tier> tiers) {

    /**
     * One quality tier.
     *
     * @param lines        nominal lines of the tier (1080 for "1080p"), measured on the picture's
     *                     shorter side so a vertical film gets the same tiers as a landscape one
     * @param videoBitrate target bits per second
     * @param maxrate      VBV peak bits per second
     * @param bufsize      VBV buffer in bits
     * @param profile      x264 profile name
     */
    public record Tier(int lines, long videoBitrate, long maxrate, long bufsize, String profile) {
        /** A High-profile tier with maxrate {@link #MAXRATE_FACTOR}x and bufsize {@link #BUFSIZE_FACTOR}x. */
        static Tier of(int lines, long kbps) {
            long bitrate = kbps * 1000;
            return new Tier(lines, bitrate, Math.round(bitrate * MAXRATE_FACTOR), bitrate * BUFSIZE_FACTOR, "high");
        }
    }

    /** Peak allowed 7% over target: constrained VBR keeps segment sizes predictable for ABR. */
    static final double MAXRATE_FACTOR = 1.07;
    /** A buffer of twice the target rate lets x264 spend bits on hard scenes without large peaks. */
    static final long BUFSIZE_FACTOR = 2;

    public LadderTable {
        tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::lines).reversed()).toList();
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a ladder table needs at least one tier");
        }
    }

    /**
     * The default H.264 High table: 2160/1440/1080/720/480/360 lines at
     * 16000/10000/6000/3500/1800/900 kbps, maxrate 1.07x, bufsize 2x.
     */
    public static LadderTable h264High() {
        return new LadderTable(List.of(Tier.of(2160, 16_000), Tier.of(1440, 10_000), Tier.of(1080, 6_000),
                Tier.of(720, 3_500), Tier.of(480, 1_800), Tier.of(360, 900)));
    }

    /** @return the lowest tier */
    public Tier lowest() {
        return tiers.get(tiers.size() - 1);
    }
}
