package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.film.Slugs;
import org.screenroom.server.http.ApiError;

/**
 * Pure parsers of a film body's detail fields: slug, countries, languages, tags and trailer.
 * Every error is a 400 naming the field and saying what is accepted.
 */
final class FilmDetailFields {
  static final int MAX_COUNTRIES = 50;
  static final int MAX_LANGUAGES = 50;
  static final int MAX_TAGS = 30;
  static final int MAX_TAG = 50;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private FilmDetailFields() {}

  static String slug(Object value) {
    if (!(value instanceof String s) || !Slugs.isValid(s)) {
      throw ApiError.badField("slug", "slug must be lower-case letters and digits in words joined "
          + "by single dashes, at most " + Slugs.MAX_LENGTH + " characters, e.g. cleo-from-5-to-7.");
    }
    return s;
  }

  static List<String> countries(Object value) {
    return list("countries", value, MAX_COUNTRIES, FilmDetailFields::country,
        "countries must be a list of ISO 3166-1 alpha-2 codes such as [\"FR\", \"SN\"]");
  }

  static List<String> languages(Object value) {
    return list("languages", value, MAX_LANGUAGES, FilmDetailFields::language,
        "languages must be a list of BCP 47 language tags such as [\"fr\", \"pt-BR\", \"yue\"]");
  }

  static List<String> tags(Object value) {
    return list("tags", value, MAX_TAGS, t -> t.length() <= MAX_TAG ? t : null,
        "tags must be a list of at most " + MAX_TAGS + " non-empty strings of at most " + MAX_TAG
            + " characters");
  }

  static Optional<String> trailer(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || !Ids.isValid(s)) {
      throw ApiError.badField("trailerFilmId", "trailerFilmId must be the id of another of your "
          + "films, or null.");
    }
    return Optional.of(s);
  }

  /** The upper-case ISO 3166-1 alpha-2 code, or null when {@code raw} is not one. */
  static String country(String raw) {
    String code = raw.toUpperCase(Locale.ROOT);
    return code.length() == 2 && COUNTRIES.contains(code) ? code : null;
  }

  /**
   * The canonical BCP 47 tag ({@code pt-br} -> {@code pt-BR}), or null when {@code raw} is not a
   * well-formed tag whose language is an ISO 639 code (two-letter codes must be known ones).
   */
  static String language(String raw) {
    Locale locale;
    try {
      locale = new Locale.Builder().setLanguageTag(raw).build();
    } catch (IllformedLocaleException e) {
      return null;
    }
    String language = locale.getLanguage();
    boolean known = language.length() == 2 ? LANGUAGES.contains(language)
        : language.length() == 3;
    return known && raw.length() <= 35 ? locale.toLanguageTag() : null;
  }

  private static List<String> list(String field, Object value, int max,
      UnaryOperator<String> normalise, String rule) {
    if (!(value instanceof JsonArray array)) {
      throw ApiError.badField(field, rule + ".");
    }
    if (array.size() > max) {
      throw ApiError.badField(field, field + " holds " + array.size() + " entries; at most " + max
          + " are allowed.");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object item : array) {
      String normalised = item instanceof String s && !s.isBlank() ? normalise.apply(s.strip()) : null;
      if (normalised == null) {
        throw ApiError.badField(field, rule + "; '" + shorten(item) + "' is not one.");
      }
      if (!seen.add(normalised.toLowerCase(Locale.ROOT))) {
        throw ApiError.badField(field, field + " names '" + normalised + "' twice.");
      }
      out.add(normalised);
    }
    return out;
  }

  private static String shorten(Object item) {
    String text = String.valueOf(item);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
