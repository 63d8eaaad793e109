package org.screenroom.catalog.film;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a viewer typed into an FTS5 MATCH expression: every word must appear, each as a
 * prefix ("varda clé" finds "Agnès Varda" in "Cléo"). Words are quoted, so FTS5 operators and
 * punctuation in the input are searched as text, never interpreted.
 */
public final class FtsQuery {
  private static final int MAX_TERMS = 12;

  private FtsQuery() {}

  /** The MATCH expression, or empty when the text holds no word to search for. */
  public static Optional<String> of(String text) {
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
    List<String> terms = new ArrayList<>();
    for (String word : normalised.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && terms.size() < MAX_TERMS) {
        terms.add("\"" + word.replace("\"", "\"\"") + "\"*");
      }
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", terms));
  }
}
