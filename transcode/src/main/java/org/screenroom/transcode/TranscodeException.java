package org.screenroom.transcode;

/**
 * A transcode failed for a reason that is not the source file's fault (or could not be
 * pinned on it). {@link #getMessage()} is a sentence for the filmmaker; {@link #detail()}
 * is for the administrator (ffmpeg's stderr tail, the command line).
 */
public class TranscodeException extends Exception {
    private final String detail;

    public TranscodeException(String humanSentence, String detail, Throwable cause) {
        super(humanSentence, cause);
        this.detail = detail;
    }

    /** @return technical detail for the admin log; may be long */
    public String detail() {
        return detail;
    }
}
