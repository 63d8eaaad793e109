package org.screenroom.server.http;

/**
 * A request that cannot be served, with the status and the sentence the caller sees as
 * {@code {"error": "..."}}. Thrown from handlers and workers; mapped by {@link Failures}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  private ApiError(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  /** A 400 naming the offending body field. */
  public static ApiError badField(String field, String sentence) {
    return new ApiError(400, sentence, field);
  }

  /** Any status with a sentence. */
  public static ApiError of(int status, String sentence) {
    return new ApiError(status, sentence, null);
  }

  /** A 404 that does not tell whether the thing exists for someone else. */
  public static ApiError notFound(String what) {
    return new ApiError(404, "No " + what + " here: check the address.", null);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The body field at fault, or null. */
  public String field() {
    return field;
  }
}
