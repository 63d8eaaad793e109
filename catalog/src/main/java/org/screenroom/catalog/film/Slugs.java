package org.screenroom.catalog.film;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slugs: a film's readable address, lower-case ASCII letters and digits in words joined by single
 * dashes ({@code cleo-from-5-to-7}). Pure.
 */
public final class Slugs {
  /** The longest slug accepted or derived. */
  public static final int MAX_LENGTH = 80;
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final String FALLBACK = "film";

  private Slugs() {}

  /** Whether {@code slug} is a well-formed slug a filmmaker may choose. */
  public static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && SHAPE.matcher(slug).matches();
  }

  /**
   * The slug derived from a title: accents dropped, anything but letters and digits becomes a
   * dash, cut at a word boundary to {@link #MAX_LENGTH}; {@code film} when nothing is left
   * (a title in a script without ASCII letters).
   */
  public static String of(String title) {
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (ascii.length() > MAX_LENGTH) {
      int cut = ascii.lastIndexOf('-', MAX_LENGTH);
      ascii = ascii.substring(0, cut > 0 ? cut : MAX_LENGTH).replaceAll("-+$", "");
    }
    return ascii.isEmpty() ? FALLBACK : ascii;
  }

  /** The {@code n}-th candidate for a taken base: {@code base}, then {@code base-2}, ... */
  static String candidate(String base, int n) {
    if (n <= 1) {
      return base;
    }
    String suffix = "-" + n;
    String head = base.length() + suffix.length() > MAX_LENGTH
        ? base.substring(0, MAX_LENGTH - suffix.length()).replaceAll("-+$", "") : base;
    return head + suffix;
  }
}
