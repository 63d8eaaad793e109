package org.screenroom.server.stream;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Pure evaluation of HTTP conditional request headers (RFC 9110 section 13) for one file. */
public final class Conditional {
  private Conditional() {}

  /** {@code instant} as an HTTP date ({@code Sun, 06 Nov 1994 08:49:37 GMT}). */
  public static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  /**
   * Whether the client's copy is current: {@code If-None-Match} when present (strong comparison
   * against our strong ETag, {@code *} matches), else {@code If-Modified-Since} at second
   * precision.
   */
  public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag,
      Instant modified) {
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String tag = candidate.strip();
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        if (tag.equals("*") || tag.equals(etag)) {
          return true;
        }
      }
      return false;
    }
    if (ifModifiedSince != null) {
      try {
        Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        return !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether a {@code Range} header applies: without {@code If-Range}, or when it names our
   * current ETag (a date in If-Range is not trusted: the whole file is sent).
   */
  public static boolean rangeApplies(String ifRange, String etag) {
    return ifRange == null || ifRange.strip().equals(etag);
  }
}
