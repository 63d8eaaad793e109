package org.screenroom.catalog.film;

/** Another film already has this slug. */
public final class SlugTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code slug}. */
  public SlugTakenException(String slug) {
    super("The slug '" + slug + "' is taken by another film: choose another.");
  }
}
