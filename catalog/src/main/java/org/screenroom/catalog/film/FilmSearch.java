package org.screenroom.catalog.film;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.screenroom.catalog.db.Dialect;

/**
 * Full-text search over what a viewer remembers of a film (title, logline, synopsis, credits,
 * tags), done the way each database does it best: an FTS5 table ranked by BM25 in SQLite, a
 * weighted tsvector ranked by {@code ts_rank} in PostgreSQL. Both weigh the title most, then
 * credits and tags, the logline, and the synopsis least.
 */
sealed interface FilmSearch {
  /** The search for {@code dialect}. */
  static FilmSearch of(Dialect dialect) {
    return switch (dialect) {
      case SQLITE -> new Fts5();
      case POSTGRESQL -> new TsVector();
    };
  }

  /** The query expression for what a viewer typed; empty when it holds no word. */
  Optional<String> expression(String text);

  /** A page of matching films, best first, binding {@code :match}, the filters and a page. */
  String pageSql();

  /** Replaces the film's entry in the index, inside the caller's transaction. */
  void index(Handle h, String id, FilmMetadata metadata, List<String> tags);

  /** What the credits contribute to the index: each person's name and role. */
  static String credits(FilmMetadata m) {
    return String.join(" ", m.credits().stream().map(c -> c.name() + " " + c.role()).toList());
  }

  /** SQLite's FTS5 table, one column per field. */
  record Fts5() implements FilmSearch {
    @Override
    public Optional<String> expression(String text) {
      return FtsQuery.of(text);
    }

    @Override
    public String pageSql() {
      return FilmSql.SEARCH;
    }

    @Override
    public void index(Handle h, String id, FilmMetadata m, List<String> tags) {
      h.createUpdate(FilmSql.DELETE_SEARCH).bind("id", id).execute();
      h.createUpdate(FilmSql.INSERT_SEARCH).bind("id", id).bind("title", m.title())
          .bind("logline", m.logline() == null ? "" : m.logline())
          .bind("synopsis", m.synopsis() == null ? "" : m.synopsis())
          .bind("credits", credits(m))
          .bind("tags", String.join(" ", tags))
          .execute();
    }
  }

  /** PostgreSQL's weighted tsvector, folded to lower case without diacritics. */
  record TsVector() implements FilmSearch {
    @Override
    public Optional<String> expression(String text) {
      return TsQuery.of(text);
    }

    @Override
    public String pageSql() {
      return FilmSql.SEARCH_POSTGRESQL;
    }

    @Override
    public void index(Handle h, String id, FilmMetadata m, List<String> tags) {
      h.createUpdate(FilmSql.DELETE_SEARCH).bind("id", id).execute();
      h.createUpdate(FilmSql.INSERT_SEARCH_POSTGRESQL).bind("id", id)
          .bind("title", TsQuery.fold(m.title()))
          .bind("logline", TsQuery.fold(m.logline()))
          .bind("synopsis", TsQuery.fold(m.synopsis()))
          .bind("people", TsQuery.fold(credits(m) + " " + String.join(" ", tags)))
          .execute();
    }
  }
}
