package org.screenroom.server.ingest.url;

/**
 * A download that could not finish, with the sentence recorded on the film for its filmmaker.
 * Expected outcomes (a 404, a stall, a loop) carry no stack trace.
 */
public final class FetchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure the filmmaker reads as {@code sentence}. */
  public FetchFailure(String sentence) {
    super(sentence, null, false, false);
  }
}
