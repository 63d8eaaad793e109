package org.screenroom.server.http;

/**
 * A request that cannot be served, with the status and the sentence the caller sees as
 * {@code {"error": "..."}}. Thrown from handlers and workers; mapped by {@link Failures}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;
  private final long retryAfterSeconds;

  private ApiError(int status, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private ApiError(int status, String message, String field) {
    this(status, message, field, 0);
  }

  /** A 400 naming the offending body field. */
  public static ApiError badField(String field, String sentence) {
    return new ApiError(400, sentence, field);
  }

  /** Any status with a sentence. */
  public static ApiError of(int status, String sentence) {
    return new ApiError(status, sentence, null);
  }

  /**
   * A 429 telling the caller how long to wait, sent as {@code Retry-After} so scripts and
   * browsers can back off without parsing the sentence.
   */
  public static ApiError tooManyRequests(String sentence, long retryAfterSeconds) {
    return new ApiError(429, sentence, null, Math.max(1, retryAfterSeconds));
  }

  /** A 404 that does not tell whether the thing exists for someone else. */
  public static ApiError notFound(String what) {
    return new ApiError(404, "No " + what + " here: check the address.", null);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** Seconds the caller should wait before trying again, or 0 when the error says nothing. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The body field at fault, or null. */
  public String field() {
    return field;
  }
}
