package org.screenroom.transcode.probe;

/**
 * The uploaded file cannot become a film. {@link #getMessage()} is a sentence for the
 * filmmaker that says what is wrong and what to do.
 */
public final class SourceRejectedException extends Exception {
    public SourceRejectedException(String humanSentence) {
        super(humanSentence);
    }
}
