package org.screenroom.server.pages;

import io.vertx.core.json.JsonObject;

/**
 * Puts the playback answer into the watch page, so the player starts without an API round trip:
 * a {@code <script type="application/json">} data block (never executed, so the CSP without
 * inline scripts holds) and a preload of the manifest the player will ask for first, fetched
 * while the scripts still load. Pure.
 */
public final class WatchBoot {
  /** The id of the data block the player reads. */
  public static final String BLOCK_ID = "playback";

  private WatchBoot() {}

  /**
   * The watch page {@code template} carrying {@code playback} (the answer of
   * {@code GET /api/films/{id}/playback}) for film {@code filmId}; {@code format} is the page's
   * {@code ?format=} ({@code dash} preloads the DASH manifest, anything else the HLS one).
   * A template without {@code </head>} is answered unchanged.
   */
  public static String render(String template, String filmId, JsonObject playback, String format) {
    int head = template.indexOf("</head>");
    if (head < 0) {
      return template;
    }
    String manifest = playback.getString("dash".equalsIgnoreCase(format) ? "dash" : "hls");
    JsonObject data = playback.copy().put("filmId", filmId);
    StringBuilder out = new StringBuilder(template.length() + 512);
    out.append(template, 0, head);
    if (manifest != null) {
      // Same request mode as the player's XHR/fetch (CORS, same-origin credentials), so the
      // browser hands the preloaded answer over instead of fetching twice.
      out.append("<link rel=\"preload\" as=\"fetch\" crossorigin href=\"")
          .append(Html.escape(manifest)).append("\">\n");
    }
    out.append("<script type=\"application/json\" id=\"").append(BLOCK_ID).append("\">")
        .append(scriptSafe(data.encode())).append("</script>\n");
    out.append(template, head, template.length());
    return out.toString();
  }

  /**
   * JSON that cannot end its script element or open a comment: {@code <}, {@code >} and
   * {@code &} as JSON escapes, which every JSON parser reads back as the same characters.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
