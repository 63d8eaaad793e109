package org.screenroom.transcode.probe;

/**
 * An exact ratio as ffprobe prints it ("25/1", "30000/1001", "16:9"). ffprobe writes "0/0" or
 * "0:1" for unknown values; {@link #isKnown()} tells those apart.
 */
public record Rational(long numerator, long denominator) {
    /** The unknown value. */
    public static final Rational UNKNOWN = new Rational(0, 0);
    /** Square pixels. */
    public static final Rational ONE = new Rational(1, 1);

    /** Parses "a/b" or "a:b"; anything else (null, garbage) is {@link #UNKNOWN}. */
    public static Rational parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String[] parts = text.strip().split("[/:]");
        if (parts.length != 2) {
            return UNKNOWN;
        }
        try {
            return new Rational(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** @return true when both parts are positive */
    public boolean isKnown() {
        return numerator > 0 && denominator > 0;
    }

    /** @return the value, or 0 when unknown */
    public double toDouble() {
        return isKnown() ? (double) numerator / denominator : 0.0;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
