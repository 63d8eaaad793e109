package org.screenroom.transcode;

/** The caller cancelled the transcode; partial output has been deleted. */
public final class TranscodeCancelledException extends TranscodeException {
    public TranscodeCancelledException(Throwable cause) {
        super("The transcode was cancelled.", "cancelled by request", cause);
    }
}
