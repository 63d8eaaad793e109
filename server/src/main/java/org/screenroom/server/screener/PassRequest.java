package org.screenroom.server.screener;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.screenroom.server.http.ApiError;

/**
 * A screener pass asked for (by JSON or a CSV row), validated; pure.
 *
 * @param filmIds empty means "every film of the festival"
 * @param passcode the plain passcode, or null (hashed by the caller, on a worker)
 */
public record PassRequest(String jurorName, String jurorEmail, List<String> filmIds,
    Instant opensAt, Instant expiresAt, Integer maxPlays, Integer maxDevices, Integer maxStreams,
    String passcode) {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
  private static final int MAX_NAME = 200;
  private static final int MAX_LIMIT = 1000;

  /** Parses a JSON body. */
  public static PassRequest fromJson(JsonObject body) {
    List<String> films = new ArrayList<>();
    Object raw = body.getValue("filmIds");
    if (raw instanceof JsonArray a) {
      a.forEach(v -> films.add(String.valueOf(v)));
    }
    return of(body.getString("jurorName"), body.getString("jurorEmail"), films,
        string(body, "opensAt"), string(body, "expiresAt"), integer(body, "maxPlays"),
        integer(body, "maxDevices"), integer(body, "maxStreams"), string(body, "passcode"));
  }

  private static String string(JsonObject body, String key) {
    Object v = body.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  private static String integer(JsonObject body, String key) {
    return string(body, key);
  }

  /** Validates raw values; {@code 400} naming the field on a bad one. */
  public static PassRequest of(String name, String email, List<String> films, String opensAt,
      String expiresAt, String maxPlays, String maxDevices, String maxStreams, String passcode) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME) {
      throw ApiError.badField("jurorName", "jurorName must be the juror's name, 1 to "
          + MAX_NAME + " characters.");
    }
    String e = email == null ? "" : email.strip();
    if (!EMAIL.matcher(e).matches()) {
      throw ApiError.badField("jurorEmail", "jurorEmail must be an email address such as "
          + "juror@example.org.");
    }
    Instant expires = instant("expiresAt", expiresAt);
    if (expires == null) {
      throw ApiError.badField("expiresAt", "expiresAt is required: an ISO-8601 UTC time such as "
          + "2026-06-01T00:00:00Z.");
    }
    Instant opens = instant("opensAt", opensAt);
    if (opens != null && !opens.isBefore(expires)) {
      throw ApiError.badField("opensAt", "opensAt must come before expiresAt.");
    }
    String code = passcode == null || passcode.isBlank() ? null : passcode.strip();
    if (code != null && (code.length() < 4 || code.length() > 100)) {
      throw ApiError.badField("passcode", "passcode must be 4 to 100 characters.");
    }
    return new PassRequest(n, e, List.copyOf(new LinkedHashSet<>(films)), opens, expires,
        limit("maxPlays", maxPlays), limit("maxDevices", maxDevices),
        limit("maxStreams", maxStreams), code);
  }

  /** An ISO-8601 instant, or null when blank; a 400 naming {@code field} when malformed. */
  public static Instant instant(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw ApiError.badField(field, field + " must be an ISO-8601 UTC time such as "
          + "2026-06-01T00:00:00Z.");
    }
  }

  /** A positive whole number up to 1000, or null when blank. */
  public static Integer limit(String field, String raw) {
    if (raw == null || raw.isBlank() || "null".equals(raw)) {
      return null;
    }
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badField(field, field + " must be a whole number from 1 to " + MAX_LIMIT
        + ", or left out for no limit.");
  }
}
