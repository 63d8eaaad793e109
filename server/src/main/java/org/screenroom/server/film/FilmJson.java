package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmDetails;
import org.screenroom.catalog.film.FilmImage;
import org.screenroom.catalog.film.FilmMetadata;

/** The film's JSON shape in the API (see CONTRACT.md). */
public final class FilmJson {
  private FilmJson() {}

  /**
   * Renders {@code film}; {@code detailed} adds owner-only fields (the source file). The trailer
   * is named only to its owner: see {@link #render(Film, boolean, Optional)}.
   */
  public static JsonObject render(Film film, boolean detailed) {
    return render(film, detailed, Optional.empty());
  }

  /**
   * Renders {@code film} with its trailer when the caller may see it ({@code visibleTrailer});
   * a trailer the caller may not see is left out, except its id for the owner.
   */
  public static JsonObject render(Film film, boolean detailed, Optional<Film> visibleTrailer) {
    JsonObject json = renderMetadata(film, detailed);
    FilmDetails d = film.details();
    json.put("slug", film.slug())
        .put("countries", new JsonArray(d.countries()))
        .put("languages", new JsonArray(d.languages()))
        .put("tags", new JsonArray(d.tags()))
        .put("runtimeSeconds", film.duration().map(t -> Math.round(t.toMillis() / 1000.0)).orElse(null))
        .put("poster", film.images().poster().map(i -> image(film.id(), i)).orElse(null))
        .put("stills", new JsonArray(film.images().stills().stream()
            .map(i -> (Object) image(film.id(), i)).toList()))
        .put("trailerFilmId", visibleTrailer.map(Film::id)
            .or(() -> detailed ? d.trailerFilmId() : Optional.empty()).orElse(null))
        .put("trailer", visibleTrailer.map(FilmJson::trailer).orElse(null));
    json.getJsonObject("links").put("slug", "/api/films/by-slug/" + film.slug());
    return json;
  }

  /** An image's JSON: its id, original size and a URL per stored width. */
  public static JsonObject image(String filmId, FilmImage image) {
    JsonObject urls = new JsonObject();
    image.widths().forEach(w -> urls.put(Integer.toString(w), imageUrl(filmId, image.name(), w)));
    return new JsonObject().put("id", image.name()).put("width", image.width())
        .put("height", image.height()).put("urls", urls);
  }

  /** The relative URL of one stored width of an image. */
  public static String imageUrl(String filmId, String name, int width) {
    return "/images/" + filmId + "/" + name + "-" + width + ".jpg";
  }

  private static JsonObject trailer(Film trailer) {
    return new JsonObject().put("id", trailer.id()).put("title", trailer.title())
        .put("slug", trailer.slug()).put("status", trailer.status().wire())
        .put("runtimeSeconds", trailer.duration().map(t -> Math.round(t.toMillis() / 1000.0)).orElse(null))
        .put("links", new JsonObject().put("watch", "/watch/" + trailer.id())
            .put("playback", "/api/films/" + trailer.id() + "/playback"));
  }

  private static JsonObject renderMetadata(Film film, boolean detailed) {
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
      // A ready film keeps playing while a new version is prepared: what comes next, for the
      // filmmaker; status, progress and error keep describing what viewers get.
      json.put("nextVersion", film.next() == null ? null : new JsonObject()
          .put("status", film.next().status().wire())
          .put("progress", film.next().progress())
          .put("error", film.next().error()));
    }
    return json;
  }
}
