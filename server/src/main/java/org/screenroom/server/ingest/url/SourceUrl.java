package org.screenroom.server.ingest.url;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.screenroom.server.http.ApiError;

/**
 * The address a film's original is downloaded from: parsed from {@code {"url": "..."}} and
 * checked again for every redirect target. Pure.
 */
public final class SourceUrl {
  /** Browsers and CDNs cope with about 8 KB; signed cloud-storage links stay well under 2 KB. */
  public static final int MAX_LENGTH = 2048;
  private static final Set<String> SCHEMES = Set.of("http", "https");

  private SourceUrl() {}

  /**
   * The URL in a request body.
   *
   * @throws ApiError 400 naming the field {@code url} (or an unknown field) with what to send
   */
  public static URI fromBody(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!"url".equals(key)) {
        throw ApiError.badField(key, "'" + key + "' is not understood here: send only {\"url\": \"https://...\"}.");
      }
    }
    Object raw = body.getValue("url");
    if (!(raw instanceof String text) || text.isBlank()) {
      throw ApiError.badField("url", "Send the file's address as a string: {\"url\": \"https://...\"}.");
    }
    return parse(text.strip());
  }

  /**
   * Parses and checks an absolute http(s) URL.
   *
   * @throws ApiError 400 naming {@code url} when it is too long, not http(s), or holds a password
   */
  static URI parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw ApiError.badField("url", "The address is longer than " + MAX_LENGTH
          + " characters: use a shorter link to the file.");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw ApiError.badField("url", "This is not a valid web address: send a full link such as "
          + "https://example.org/film.mov.");
    }
    problem(uri).ifPresent(p -> {
      throw ApiError.badField("url", p);
    });
    return uri.normalize();
  }

  /** What is wrong with {@code uri} as a download address, or empty when it will do. */
  public static Optional<String> problem(URI uri) {
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null) {
      return Optional.of("The address has no http:// or https:// at the start: send a full link "
          + "such as https://example.org/film.mov.");
    }
    if (!SCHEMES.contains(scheme)) {
      return Optional.of("Screenroom downloads only http and https addresses, not " + scheme
          + ": use a web link to the file, or upload it instead.");
    }
    if (uri.getRawUserInfo() != null) {
      // A password in a link ends up in logs and in the catalog: refuse it outright.
      return Optional.of("The address contains a user name or password: use a link that needs no "
          + "sign-in (for example a share link), or upload the file instead.");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("The address has no server name: send a full link such as "
          + "https://example.org/film.mov.");
    }
    return Optional.empty();
  }
}
