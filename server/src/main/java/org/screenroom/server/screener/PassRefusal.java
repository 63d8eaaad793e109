package org.screenroom.server.screener;

/** Why a screener pass may not play now, with the HTTP status and the juror's sentence. */
public enum PassRefusal {
  /** The window has not opened. */
  NOT_YET_OPEN(403, "This screener opens later: come back when it opens."),
  /** The window closed. */
  EXPIRED(410, "This screener has expired: ask the festival for a new link if you need one."),
  /** The festival cut access. */
  REVOKED(410, "This screener was revoked by the festival: playback has stopped."),
  /** The film was played as many times as the pass allows. */
  PLAYS_USED_UP(403, "You have used all the plays this screener allows for this film."),
  /** A new device beyond the pass's device limit. */
  TOO_MANY_DEVICES(403, "This screener is already in use on as many devices as it allows: "
      + "continue on a device you used before."),
  /** Too many streams playing at once. */
  TOO_MANY_STREAMS(409, "This screener is already playing elsewhere: stop the other playback "
      + "first."),
  /** Terms must be accepted before the first play. */
  TERMS_NOT_ACCEPTED(403, "Accept the screening terms before playing."),
  /** The film is not on this pass. */
  NOT_ON_PASS(404, "This film is not part of your screener.");

  private final int status;
  private final String sentence;

  PassRefusal(int status, String sentence) {
    this.status = status;
    this.sentence = sentence;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** A sentence for the juror. */
  public String sentence() {
    return sentence;
  }

  /** The machine-readable reason sent next to the sentence, e.g. {@code plays_used_up}. */
  public String reason() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
