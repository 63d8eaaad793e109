package org.screenroom.server.collection;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.http.ApiError;

/** Pure parsers of collection bodies. Every error is a 400 naming the field. */
public final class CollectionRequest {
  static final int MAX_TITLE = 300;
  static final int MAX_DESCRIPTION = 5_000;
  static final int MAX_FILMS = 500;
  private static final Set<String> FIELDS = Set.of("title", "description", "visibility");

  /** A new collection's fields. */
  public record Create(String title, String description, Visibility visibility) {}

  private CollectionRequest() {}

  /** Parses {@code {"title", "description", "visibility"}}; visibility defaults to draft. */
  public static Create create(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!FIELDS.contains(key)) {
        throw ApiError.badField(key, "Unknown field '" + key + "': collections accept " + FIELDS + ".");
      }
    }
    if (!(body.getValue("title") instanceof String t) || t.isBlank() || t.strip().length() > MAX_TITLE) {
      throw ApiError.badField("title", "A collection needs a title of at most " + MAX_TITLE
          + " characters: send {\"title\": \"...\"}.");
    }
    Object d = body.getValue("description");
    if (d != null && (!(d instanceof String s) || s.length() > MAX_DESCRIPTION)) {
      throw ApiError.badField("description", "description must be a string of at most "
          + MAX_DESCRIPTION + " characters, or null.");
    }
    Object v = body.getValue("visibility");
    Visibility visibility = v == null ? Visibility.DRAFT
        : (v instanceof String s ? Visibility.parse(s) : Optional.<Visibility>empty())
            .orElseThrow(() -> ApiError.badField("visibility",
                "visibility must be one of draft, private, unlisted, public."));
    return new Create(t.strip(), (String) d, visibility);
  }

  /** Parses the films of a collection: {@code ["id", ...]} or {@code {"filmIds": [...]}}. */
  public static List<String> filmIds(Object body) {
    Object value = body instanceof JsonObject o ? o.getValue("filmIds") : body;
    if (!(value instanceof JsonArray array) || array.size() > MAX_FILMS) {
      throw ApiError.badField("filmIds", "Send the films in order as a JSON array of film ids "
          + "(at most " + MAX_FILMS + "), e.g. [\"AbCdEf012345\"].");
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object item : array) {
      if (!(item instanceof String id) || !Ids.isValid(id)) {
        throw ApiError.badField("filmIds", "'" + item + "' is not a film id.");
      }
      if (!seen.add(id)) {
        throw ApiError.badField("filmIds", "The film " + id + " is listed twice.");
      }
      ids.add(id);
    }
    return ids;
  }
}
