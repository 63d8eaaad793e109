package org.screenroom.catalog.collection;

import java.time.Instant;
import java.util.List;
import org.screenroom.catalog.film.Visibility;

/**
 * A curated, ordered set of films, owned by the filmmaker who made it.
 *
 * @param description free text, or null
 * @param filmIds the films in the curator's order (the caller may see only some of them)
 */
public record Collection(String id, String ownerId, String title, String description,
    Visibility visibility, List<String> filmIds, Instant createdAt, Instant updatedAt) {

  /** Copies the list. */
  public Collection {
    filmIds = List.copyOf(filmIds);
  }
}
