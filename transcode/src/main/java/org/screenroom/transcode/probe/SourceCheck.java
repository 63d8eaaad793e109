package org.screenroom.transcode.probe;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a probed file can be transcoded, and if not, says why in words a filmmaker
 * understands. Pure: the I/O lives in {@link Prober#inspect}.
 */
public final class SourceCheck {
    /** ffprobe phrases that mean the file started fine but was cut short or damaged. */
    private static final List<String> TRUNCATION_HINTS = List.of(
            "moov atom not found", "end of file", "truncat", "partial file", "invalid nal unit size",
            "ebml header parsing failed", "could not find codec parameters");

    private SourceCheck() {
    }

    /** @return the rejection sentence, or empty when the file can be transcoded */
    public static Optional<String> rejection(String fileName, MediaInfo info) {
        if (info.videoStreams().isEmpty()) {
            if (info.hasAudio()) {
                return Optional.of(quote(fileName) + " contains only sound, no picture. "
                        + "Upload the film's video file (for example an MP4, MOV or MKV export).");
            }
            return Optional.of(notMedia(fileName));
        }
        VideoStream video = info.videoStreams().get(0);
        if (video.width() <= 0 || video.height() <= 0) {
            return Optional.of(quote(fileName) + " has a video stream without a picture size, so it cannot "
                    + "be read. Export the film again and upload the new file.");
        }
        if (info.duration().isZero() || info.duration().isNegative()) {
            return Optional.of(quote(fileName) + " has no playable length (its duration is zero or missing). "
                    + "Export the film again and upload the new file.");
        }
        return Optional.empty();
    }

    /** The sentence for a file of zero bytes. */
    public static String emptyFile(String fileName) {
        return quote(fileName) + " is empty (0 bytes); the upload probably failed. Upload the file again.";
    }

    /**
     * The sentence for a file ffprobe could not read, chosen from the file's first bytes (a text
     * file is named as such, whatever its extension) and from what ffprobe printed.
     */
    public static String probeFailure(String fileName, List<String> ffprobeStderr, byte[] head) {
        if (looksLikeText(head)) {
            return quote(fileName) + " is a text file, not a video. "
                    + "Upload a video file such as an MP4, MOV or MKV export of the film.";
        }
        return probeFailure(fileName, ffprobeStderr);
    }

    /** The sentence for a file ffprobe could not read, chosen from what ffprobe printed. */
    public static String probeFailure(String fileName, List<String> ffprobeStderr) {
        String said = String.join("\n", ffprobeStderr).toLowerCase(Locale.ROOT);
        if (TRUNCATION_HINTS.stream().anyMatch(said::contains)) {
            return quote(fileName) + " is incomplete or damaged (its index or data is missing, which usually "
                    + "means the upload or the export was cut short). Export or upload the film again.";
        }
        return notMedia(fileName);
    }

    /**
     * Whether a file's first bytes are plain text: no control bytes other than whitespace. Every
     * media container ffmpeg reads has binary headers (box sizes, magic numbers with NULs) early on.
     */
    static boolean looksLikeText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xff;
            boolean whitespace = c == '\t' || c == '\n' || c == '\r' || c == '\f';
            if (c < 0x20 && !whitespace || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String notMedia(String fileName) {
        return quote(fileName) + " is not a video file Screenroom can read. "
                + "Upload a video file such as an MP4, MOV or MKV export of the film.";
    }

    private static String quote(String fileName) {
        return "\"" + fileName + "\"";
    }
}
