package org.screenroom.server.pages;

import java.util.List;
import org.screenroom.catalog.db.Timestamps;
import org.screenroom.catalog.film.Film;

/** {@code sitemap.xml}: the catalog page and every film page anyone may see now. */
public final class Sitemap {
  private Sitemap() {}

  /** The sitemap for {@code films} (already filtered to public, ready and released). */
  public static String render(String baseUrl, List<Film> films) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    xml.append("  <url><loc>").append(Html.escape(baseUrl + "/")).append("</loc></url>\n");
    for (Film film : films) {
      xml.append("  <url><loc>").append(Html.escape(baseUrl + "/films/" + film.id()))
          .append("</loc><lastmod>").append(Timestamps.format(film.updatedAt()).substring(0, 10))
          .append("</lastmod></url>\n");
    }
    return xml.append("</urlset>\n").toString();
  }
}
