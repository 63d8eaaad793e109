package org.screenroom.server.pages;

import java.util.List;
import org.screenroom.catalog.film.Film;

/**
 * The link-preview tags of a film page (OpenGraph, Twitter card, oEmbed discovery), inserted into
 * the static page's head. Pure: every value is escaped here, whatever the filmmaker typed.
 */
public final class ShareTags {
  private static final int DESCRIPTION_MAX = 300;

  private ShareTags() {}

  /** The page {@code template} with the film's title and share tags in its head. */
  public static String render(String template, Film film, String baseUrl) {
    String pageUrl = baseUrl + "/films/" + film.id();
    String description = description(film);
    List<String> tags = List.of(
        meta("property", "og:type", "video.movie"),
        meta("property", "og:site_name", "Screenroom"),
        meta("property", "og:title", film.title()),
        meta("property", "og:description", description),
        meta("property", "og:url", pageUrl),
        meta("property", "og:video:url", baseUrl + "/embed/" + film.id()),
        meta("property", "og:video:type", "text/html"),
        meta("name", "twitter:card", "player"),
        meta("name", "twitter:title", film.title()),
        meta("name", "twitter:description", description),
        meta("name", "twitter:player", baseUrl + "/embed/" + film.id()),
        meta("name", "description", description),
        "<link rel=\"canonical\" href=\"" + Html.escape(pageUrl) + "\" />",
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\""
            + Html.escape(baseUrl + "/oembed?format=json&url=" + java.net.URLEncoder.encode(pageUrl,
                java.nio.charset.StandardCharsets.UTF_8))
            + "\" title=\"" + Html.escape(film.title()) + "\" />");
    String head = "    " + String.join("\n    ", tags) + "\n  </head>";
    return template
        .replaceFirst("<title>[^<]*</title>",
            java.util.regex.Matcher.quoteReplacement("<title>" + Html.escape(film.title()) + " · Screenroom</title>"))
        .replaceFirst("\\s*</head>", java.util.regex.Matcher.quoteReplacement("\n" + head));
  }

  static String description(Film film) {
    String text = film.metadata().logline() != null && !film.metadata().logline().isBlank()
        ? film.metadata().logline() : film.metadata().synopsis();
    if (text == null || text.isBlank()) {
      return film.title();
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= DESCRIPTION_MAX ? flat : flat.substring(0, DESCRIPTION_MAX - 1) + "…";
  }

  private static String meta(String attribute, String key, String value) {
    return "<meta " + attribute + "=\"" + key + "\" content=\"" + Html.escape(value) + "\" />";
  }
}
