package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.screenroom.catalog.film.Credit;
import org.screenroom.catalog.film.FilmDetails;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.http.ApiError;

/**
 * Pure parser of film bodies ({@code POST} creates, {@code PATCH} changes only the fields sent).
 * Every error is a 400 naming the field and saying what is accepted.
 */
public final class FilmRequest {
  private static final Set<String> WRITABLE = Set.of("title", "logline", "synopsis", "year",
      "genres", "credits", "visibility", "availableFrom", "availableUntil", "slug", "countries",
      "languages", "tags", "trailerFilmId");
  /** Fields a client may echo back from a GET; ignored rather than rejected. */
  private static final Set<String> READ_ONLY = Set.of("id", "status", "progress", "error",
      "renditions", "source", "durationSeconds", "createdAt", "updatedAt", "links", "ownerId",
      "runtimeSeconds", "poster", "stills", "trailer");
  private static final int MAX_TITLE = 300;
  private static final int MAX_LOGLINE = 500;
  private static final int MAX_SYNOPSIS = 20_000;
  private static final int MAX_LIST = 500;
  private static final int MAX_NAME = 200;

  private FilmRequest() {}

  /** Parses a creation body; new films default to {@code defaultVisibility}. */
  public static FilmMetadata create(JsonObject body, Visibility defaultVisibility) {
    if (!body.containsKey("title")) {
      throw ApiError.badField("title", "A film needs a title: send {\"title\": \"...\"}.");
    }
    return patch(FilmMetadata.titled("untitled", defaultVisibility), body);
  }

  /** Applies the fields present in {@code body} to {@code base}. */
  public static FilmMetadata patch(FilmMetadata base, JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!WRITABLE.contains(key) && !READ_ONLY.contains(key)) {
        throw ApiError.badField(key, "Unknown field '" + key + "': films accept " + WRITABLE + ".");
      }
    }
    FilmMetadata m = new FilmMetadata(
        body.containsKey("title") ? title(body.getValue("title")) : base.title(),
        body.containsKey("logline") ? text(body, "logline", MAX_LOGLINE) : base.logline(),
        body.containsKey("synopsis") ? text(body, "synopsis", MAX_SYNOPSIS) : base.synopsis(),
        body.containsKey("year") ? year(body.getValue("year")) : base.year(),
        body.containsKey("genres") ? genres(body.getValue("genres")) : base.genres(),
        body.containsKey("credits") ? credits(body.getValue("credits")) : base.credits(),
        body.containsKey("visibility") ? visibility(body.getValue("visibility")) : base.visibility(),
        body.containsKey("availableFrom") ? instant(body, "availableFrom") : base.availableFrom(),
        body.containsKey("availableUntil") ? instant(body, "availableUntil") : base.availableUntil());
    if (m.availableFrom().isPresent() && m.availableUntil().isPresent()
        && !m.availableFrom().get().isBefore(m.availableUntil().get())) {
      throw ApiError.badField("availableUntil", "availableUntil must come after availableFrom.");
    }
    return m;
  }

  /**
   * Applies the detail fields present in {@code body} ({@code slug}, {@code countries},
   * {@code languages}, {@code tags}, {@code trailerFilmId}) to {@code base}. Call it after
   * {@link #create} or {@link #patch}, which check for unknown fields.
   */
  public static FilmDetails details(FilmDetails base, JsonObject body) {
    return new FilmDetails(
        body.containsKey("slug") ? FilmDetailFields.slug(body.getValue("slug")) : base.slug(),
        body.containsKey("countries") ? FilmDetailFields.countries(body.getValue("countries"))
            : base.countries(),
        body.containsKey("languages") ? FilmDetailFields.languages(body.getValue("languages"))
            : base.languages(),
        body.containsKey("tags") ? FilmDetailFields.tags(body.getValue("tags")) : base.tags(),
        body.containsKey("trailerFilmId")
            ? FilmDetailFields.trailer(body.getValue("trailerFilmId")) : base.trailerFilmId());
  }

  private static String title(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw ApiError.badField("title", "title must be a non-empty string.");
    }
    String title = s.strip();
    if (title.length() > MAX_TITLE) {
      throw ApiError.badField("title", "title is longer than " + MAX_TITLE + " characters.");
    }
    return title;
  }

  private static String text(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.badField(field, field + " must be a string or null.");
    }
    if (s.length() > max) {
      throw ApiError.badField(field, field + " is longer than " + max + " characters.");
    }
    return s;
  }

  private static Integer year(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer y) || y < 1870 || y > 2200) {
      throw ApiError.badField("year", "year must be a whole number such as 2026, or null.");
    }
    return y;
  }

  private static List<String> genres(Object value) {
    if (!(value instanceof JsonArray array) || array.size() > MAX_LIST) {
      throw ApiError.badField("genres", "genres must be a list of strings, e.g. [\"drama\"].");
    }
    List<String> out = new ArrayList<>();
    for (Object g : array) {
      if (!(g instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
        throw ApiError.badField("genres", "each genre must be a non-empty string of at most "
            + MAX_NAME + " characters.");
      }
      out.add(s.strip());
    }
    return out;
  }

  private static List<Credit> credits(Object value) {
    if (!(value instanceof JsonArray array) || array.size() > MAX_LIST) {
      throw ApiError.badField("credits",
          "credits must be a list like [{\"role\": \"director\", \"name\": \"...\"}].");
    }
    List<Credit> out = new ArrayList<>();
    for (Object c : array) {
      if (!(c instanceof JsonObject o) || !(o.getValue("role") instanceof String role)
          || !(o.getValue("name") instanceof String name) || role.isBlank() || name.isBlank()
          || role.length() > MAX_NAME || name.length() > MAX_NAME) {
        throw ApiError.badField("credits",
            "each credit needs a non-empty \"role\" and \"name\" (at most " + MAX_NAME + " characters).");
      }
      out.add(new Credit(role.strip(), name.strip()));
    }
    return out;
  }

  private static Visibility visibility(Object value) {
    return (value instanceof String s ? Visibility.parse(s) : Optional.<Visibility>empty())
        .orElseThrow(() -> ApiError.badField("visibility",
            "visibility must be one of draft, private, unlisted, public."));
  }

  private static Optional<Instant> instant(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    try {
      if (value instanceof String s) {
        return Optional.of(Instant.parse(s));
      }
    } catch (DateTimeParseException e) {
      // reported below with an example
    }
    throw ApiError.badField(field, field + " must be an ISO-8601 UTC instant such as "
        + "2026-05-01T18:00:00Z, or null.");
  }
}
