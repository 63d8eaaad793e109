package org.screenroom.transcode.ffmpeg;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ffmpeg's {@code -progress pipe:1} key=value lines; each block ends with a
 * {@code progress=continue|end} line, at which point one {@link Progress} is emitted.
 * Deterministic (no clock); one instance per ffmpeg run, fed from one thread.
 */
public final class ProgressParser {
    private final Duration total;
    private final Map<String, String> block = new HashMap<>();

    /** @param total the source duration, the 100% mark */
    public ProgressParser(Duration total) {
        this.total = total;
    }

    /** @return a report when the line closes a block */
    public Optional<Progress> accept(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!key.equals("progress")) {
            block.put(key, value);
            return Optional.empty();
        }
        boolean finished = value.equals("end");
        Duration encoded = Duration.ofNanos(Math.max(0, number(block.get("out_time_us")).longValue()) * 1000);
        double fps = number(block.get("fps")).doubleValue();
        double speed = number(stripSuffix(block.get("speed"), "x")).doubleValue();
        block.clear();
        return Optional.of(new Progress(finished ? 100.0 : percent(encoded, total), encoded, fps, speed, finished));
    }

    /** Media time over total, clamped to 0..100 (ffmpeg can overshoot by a frame or report N/A). */
    public static double percent(Duration encoded, Duration total) {
        if (total.isZero() || total.isNegative()) {
            return 0.0;
        }
        double ratio = 100.0 * encoded.toNanos() / total.toNanos();
        return Math.max(0.0, Math.min(100.0, ratio));
    }

    private static String stripSuffix(String text, String suffix) {
        return text != null && text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    /** "N/A" and absent values read as 0. */
    private static Number number(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
