package org.screenroom.catalog.film;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a viewer typed into a PostgreSQL {@code to_tsquery} expression with the same meaning
 * as {@link FtsQuery}'s FTS5 one: every word must appear, each as a prefix, diacritics ignored.
 * Words hold only letters and digits and are quoted, so tsquery operators in the input are
 * searched as text, never interpreted.
 */
public final class TsQuery {
  private static final int MAX_TERMS = 12;

  private TsQuery() {}

  /** The tsquery expression, or empty when the text holds no word to search for. */
  public static Optional<String> of(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : fold(text).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && terms.size() < MAX_TERMS) {
        terms.add("'" + word + "':*");
      }
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", terms));
  }

  /**
   * The text in compatibility form, lower case, without diacritics ("Cléo" is "cleo"): what is
   * indexed and what is searched, so that either spelling finds the other, as FTS5's
   * {@code remove_diacritics} does for SQLite.
   */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
