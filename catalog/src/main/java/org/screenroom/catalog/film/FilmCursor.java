package org.screenroom.catalog.film;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque page cursors. A listing continues after a (created_at, id) key, so a film added while
 * someone pages does not shift the pages; a ranked search continues at an offset.
 */
public sealed interface FilmCursor {
  /** After the film created at {@code createdAt} with {@code id} (newest-first order). */
  record After(String createdAt, String id) implements FilmCursor {}

  /** From the {@code offset}-th search result. */
  record Offset(int offset) implements FilmCursor {}

  /** The largest offset a cursor may name; deeper search pages are not useful. */
  int MAX_OFFSET = 10_000;

  /** Text shapes a decoded cursor may have. */
  Pattern AFTER = Pattern.compile("k\\|(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)\\|([A-Za-z0-9_-]{12})");
  Pattern OFFSET = Pattern.compile("o\\|(\\d{1,5})");

  /** The URL-safe text of this cursor. */
  default String encode() {
    String raw = this instanceof After a ? "k|" + a.createdAt() + "|" + a.id()
        : "o|" + ((Offset) this).offset();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a cursor made by {@link #encode()}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static FilmCursor decode(String text) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a page cursor", e);
    }
    var after = AFTER.matcher(raw);
    if (after.matches()) {
      return new After(after.group(1), after.group(2));
    }
    var offset = OFFSET.matcher(raw);
    if (offset.matches() && Integer.parseInt(offset.group(1)) <= MAX_OFFSET) {
      return new Offset(Integer.parseInt(offset.group(1)));
    }
    throw new IllegalArgumentException("not a page cursor");
  }
}
