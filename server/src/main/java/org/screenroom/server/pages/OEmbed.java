package org.screenroom.server.pages;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.screenroom.catalog.film.Film;

/** oEmbed (https://oembed.com) for film pages: a "video" answer with the embeddable player. */
public final class OEmbed {
  private static final Pattern FILM_URL =
      Pattern.compile("https?://[^/?#]+/(?:films|watch|embed)/([A-Za-z0-9_-]{12})/?(?:[?#].*)?");
  private static final int DEFAULT_WIDTH = 960;
  private static final int MIN_SIZE = 160;

  private OEmbed() {}

  /** The film id named by a page URL, if it is one of this server's film URLs. */
  public static Optional<String> filmId(String url) {
    if (url == null || url.length() > 2048) {
      return Optional.empty();
    }
    Matcher m = FILM_URL.matcher(url);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The oEmbed JSON for {@code film}, sized 16:9 within the consumer's bounds. */
  public static JsonObject answer(Film film, String baseUrl, Optional<Integer> maxWidth,
      Optional<Integer> maxHeight) {
    int width = Math.max(MIN_SIZE, maxWidth.map(w -> Math.min(w, DEFAULT_WIDTH)).orElse(DEFAULT_WIDTH));
    int height = width * 9 / 16;
    if (maxHeight.isPresent() && height > maxHeight.get()) {
      height = Math.max(MIN_SIZE * 9 / 16, maxHeight.get());
      width = height * 16 / 9;
    }
    String src = baseUrl + "/embed/" + film.id();
    String html = "<iframe src=\"" + Html.escape(src) + "\" width=\"" + width + "\" height=\"" + height
        + "\" title=\"" + Html.escape(film.title()) + "\" frameborder=\"0\" "
        + "allow=\"autoplay; fullscreen; picture-in-picture\" allowfullscreen></iframe>";
    return new JsonObject()
        .put("version", "1.0")
        .put("type", "video")
        .put("provider_name", "Screenroom")
        .put("provider_url", baseUrl + "/")
        .put("title", film.title())
        .put("html", html)
        .put("width", width)
        .put("height", height);
  }
}
