package org.screenroom.catalog.film;

import java.util.List;
import java.util.Optional;

/** A film's poster (at most one) and its stills, in the order they were added. */
public record FilmImages(Optional<FilmImage> poster, List<FilmImage> stills) {
  /** Copies the list. */
  public FilmImages {
    poster = poster == null ? Optional.empty() : poster;
    stills = List.copyOf(stills == null ? List.of() : stills);
  }

  /** No images. */
  public static FilmImages none() {
    return new FilmImages(Optional.empty(), List.of());
  }

  /** The image named {@code name}, poster or still. */
  public Optional<FilmImage> find(String name) {
    return poster.filter(p -> p.name().equals(name))
        .or(() -> stills.stream().filter(s -> s.name().equals(name)).findFirst());
  }
}
