package org.screenroom.transcode.packaging;

import java.util.Locale;
import java.util.Map;

/**
 * RFC 6381 codec strings. The avc1 string is derived from the profile and level set explicitly
 * on each rung, so it matches what x264 writes into the stream.
 */
public final class CodecStrings {
    /** AAC-LC. */
    public static final String AAC_LC = "mp4a.40.2";
    /** profile_idc and constraint flags byte, as hex, per x264 profile name. */
    private static final Map<String, String> PROFILES = Map.of("baseline", "42c0", "main", "4d40", "high", "6400");

    private CodecStrings() {
    }

    /** e.g. ("high", "3.1") gives "avc1.64001f". */
    public static String avc1(String profile, String level) {
        String prefix = PROFILES.get(profile.toLowerCase(Locale.ROOT));
        if (prefix == null) {
            throw new IllegalArgumentException("unsupported H.264 profile " + profile);
        }
        int levelIdc = (int) Math.round(Double.parseDouble(level) * 10);
        return String.format(Locale.ROOT, "avc1.%s%02x", prefix, levelIdc);
    }
}
