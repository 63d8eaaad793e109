package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;

/** The film's JSON shape in the API (see CONTRACT.md). */
public final class FilmJson {
  private FilmJson() {}

  /** Renders {@code film}; {@code detailed} adds owner-only fields (the source file). */
  public static JsonObject render(Film film, boolean detailed) {
    FilmMetadata m = film.metadata();
    JsonArray credits = new JsonArray();
    m.credits().forEach(c -> credits.add(new JsonObject().put("role", c.role()).put("name", c.name())));
    JsonArray renditions = new JsonArray();
    film.renditions().forEach(r -> renditions.add(new JsonObject().put("kind", r.kind())
        .put("width", r.width()).put("height", r.height()).put("bitrate", r.bitrate())
        .put("codec", r.codec())));
    JsonObject json = new JsonObject()
        .put("id", film.id())
        .put("title", m.title())
        .put("logline", m.logline())
        .put("synopsis", m.synopsis())
        .put("year", m.year())
        .put("genres", new JsonArray(m.genres()))
        .put("credits", credits)
        .put("visibility", m.visibility().wire())
        .put("availableFrom", m.availableFrom().map(Instant::toString).orElse(null))
        .put("availableUntil", m.availableUntil().map(Instant::toString).orElse(null))
        .put("status", film.status().wire())
        .put("progress", film.progress())
        .put("error", film.error())
        .put("durationSeconds", film.duration().map(d -> d.toMillis() / 1000.0).orElse(null))
        .put("renditions", renditions)
        .put("createdAt", film.createdAt().toString())
        .put("updatedAt", film.updatedAt().toString())
        .put("links", new JsonObject()
            .put("page", "/films/" + film.id())
            .put("watch", "/watch/" + film.id())
            .put("playback", "/api/films/" + film.id() + "/playback"));
    if (detailed) {
      json.put("source", film.source().map(s -> new JsonObject().put("filename", s.filename())
          .put("size", s.size()).put("sha256", s.sha256())).orElse(null));
    }
    return json;
  }
}
