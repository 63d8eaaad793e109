package org.screenroom.catalog.film;

import java.util.List;
import java.util.Optional;

/** One page of a listing and the cursor of the next, if there is more. */
public record FilmPage(List<Film> items, Optional<String> nextCursor) {
  /** Copies the list. */
  public FilmPage {
    items = List.copyOf(items);
  }
}
