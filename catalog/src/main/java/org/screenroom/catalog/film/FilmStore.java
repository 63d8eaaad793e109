package org.screenroom.catalog.film;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/**
 * Films and their renditions in the catalog. Every method blocks on JDBC: call it from a worker.
 */
public final class FilmStore {
  private final Jdbi jdbi;
  private final Clock clock;
  private final FilmSearch search;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public FilmStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.search = FilmSearch.of(database.dialect());
  }

  /** Creates a new draft film owned by {@code ownerId}, its slug derived from the title. */
  public Film create(String ownerId, FilmMetadata metadata) {
    return create(ownerId, metadata, FilmDetails.none());
  }

  /**
   * Creates a new draft film owned by {@code ownerId} and answers it. A null slug in
   * {@code details} is derived from the title, with {@code -2}, {@code -3} ... when taken.
   *
   * @throws SlugTakenException when {@code details} names a slug another film has
   */
  public Film create(String ownerId, FilmMetadata metadata, FilmDetails details) {
    String id = Ids.newId();
    try {
      jdbi.useTransaction(h -> {
        String slug = details.slug() != null ? details.slug() : freeSlug(h, Slugs.of(metadata.title()));
        bindMetadata(h.createUpdate(FilmSql.INSERT), metadata)
            .bind("id", id)
            .bind("ownerId", ownerId)
            .bind("slug", slug)
            .bind("trailerFilmId", details.trailerFilmId().orElse(null))
            .bind("now", now())
            .execute();
        replaceLists(h, id, metadata, details);
      });
    } catch (UnableToExecuteStatementException e) {
      throw slugTaken(e, details.slug());
    }
    return find(id).orElseThrow();
  }

  /** The film with {@code id}, if any. */
  public Optional<Film> find(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FilmSql.SELECT_ONE).bind("id", id)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /** The film whose slug is {@code slug}, if any. */
  public Optional<Film> findBySlug(String slug) {
    if (slug == null || slug.length() > Slugs.MAX_LENGTH) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FilmSql.SELECT_BY_SLUG).bind("slug", slug)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /** Replaces the film's metadata, keeping its details; answers the film, or empty if none. */
  public Optional<Film> update(String id, FilmMetadata metadata) {
    return find(id).flatMap(f -> update(id, metadata, f.details()));
  }

  /**
   * Replaces the film's metadata and details (a null slug keeps the current one); answers the
   * updated film, or empty if it does not exist.
   *
   * @throws SlugTakenException when {@code details} names a slug another film has
   */
  public Optional<Film> update(String id, FilmMetadata metadata, FilmDetails details) {
    int rows;
    try {
      rows = jdbi.inTransaction(h -> {
        int n = bindMetadata(h.createUpdate(FilmSql.UPDATE_METADATA), metadata)
            .bind("id", id).bind("now", now()).execute();
        if (n > 0) {
          h.createUpdate(FilmSql.UPDATE_DETAILS).bind("id", id).bind("slug", details.slug())
              .bind("trailerFilmId", details.trailerFilmId().orElse(null)).bind("now", now())
              .execute();
          replaceLists(h, id, metadata, details);
        }
        return n;
      });
    } catch (UnableToExecuteStatementException e) {
      throw slugTaken(e, details.slug());
    }
    return rows == 0 ? Optional.empty() : find(id);
  }

  private static String freeSlug(Handle h, String base) {
    java.util.Set<String> taken = new java.util.HashSet<>(h.createQuery(FilmSql.SLUGS_LIKE)
        .bind("base", base).mapTo(String.class).list());
    int n = 1;
    while (taken.contains(Slugs.candidate(base, n))) {
      n++;
    }
    return Slugs.candidate(base, n);
  }

  private static RuntimeException slugTaken(UnableToExecuteStatementException e, String slug) {
    // SQLite names the column in its message; PostgreSQL names the index (V11_1's films_slug).
    Throwable cause = e.getCause();
    boolean unique = cause instanceof java.sql.SQLException sql && sql.getMessage() != null
        && (sql.getMessage().contains("UNIQUE constraint failed: films.slug")
            || ("23505".equals(sql.getSQLState()) && sql.getMessage().contains("films_slug")));
    return unique ? new SlugTakenException(slug == null ? "(derived)" : slug) : e;
  }

  /** The first page of films matching {@code query}: see {@link #page}. */
  public List<Film> list(FilmQuery query) {
    return page(query).items();
  }

  /**
   * A page of films matching {@code query}: newest first, or best match first when it has a
   * search text.
   *
   * @throws IllegalArgumentException when the query's cursor is not one this store made
   */
  public FilmPage page(FilmQuery query) {
    Optional<FilmCursor> cursor = query.cursor().map(FilmCursor::decode);
    Optional<String> match = query.text().flatMap(search::expression);
    if (query.text().isPresent() && match.isEmpty()) {
      return new FilmPage(List.of(), Optional.empty());
    }
    // One row more than asked tells whether there is a next page.
    int fetch = query.limit() + 1;
    List<Film> rows = jdbi.withHandle(h -> {
      var statement = match.isPresent()
          ? h.createQuery(search.pageSql()).bind("match", match.get())
              .bind("offset", cursor.filter(FilmCursor.Offset.class::isInstance)
                  .map(c -> ((FilmCursor.Offset) c).offset()).orElse(0))
          : h.createQuery(FilmSql.PAGE)
              .bind("afterCreated", after(cursor).map(FilmCursor.After::createdAt).orElse(null))
              .bind("afterId", after(cursor).map(FilmCursor.After::id).orElse(null));
      return statement.bind("ownerId", query.ownerId().orElse(null))
          .bind("publicOnly", query.publicOnly() ? 1 : 0)
          .bind("now", now())
          .bind("genre", query.genre().orElse(null))
          .bind("year", query.year().orElse(null))
          .bind("language", query.language().orElse(null))
          .bind("limit", fetch)
          .map((rs, ctx) -> read(h, rs))
          .list();
    });
    if (rows.size() < fetch) {
      return new FilmPage(rows, Optional.empty());
    }
    List<Film> items = rows.subList(0, query.limit());
    Film last = items.get(items.size() - 1);
    FilmCursor next = match.isPresent()
        ? new FilmCursor.Offset(cursor.filter(FilmCursor.Offset.class::isInstance)
            .map(c -> ((FilmCursor.Offset) c).offset()).orElse(0) + query.limit())
        : new FilmCursor.After(Timestamps.format(last.createdAt()), last.id());
    return new FilmPage(items, Optional.of(next.encode()));
  }

  private static Optional<FilmCursor.After> after(Optional<FilmCursor> cursor) {
    return cursor.filter(FilmCursor.After.class::isInstance).map(FilmCursor.After.class::cast);
  }

  /** Records the verified original. */
  public void setSource(String id, SourceFile source) {
    jdbi.useHandle(h -> h.createUpdate(FilmSql.SET_SOURCE).bind("id", id)
        .bind("filename", source.filename()).bind("size", source.size())
        .bind("sha256", source.sha256()).bind("now", now()).execute());
  }

  /**
   * Marks the film as being processed, at {@code progress} percent (clamped to 0..100). A ready
   * film stays ready (its current version keeps playing): the new version being prepared is
   * recorded as its {@link Film#next()} instead, decided in the one statement.
   */
  public void markProcessing(String id, int progress) {
    int clamped = Math.max(0, Math.min(100, progress));
    jdbi.useHandle(h -> h.createUpdate(FilmSql.SET_PROCESSING).bind("id", id)
        .bind("progress", clamped).bind("now", now()).execute());
  }

  /**
   * Records a transcode's progress on a film that is still processing (clamped to 0..100). A
   * report that arrives after the film settled (cancelled, failed, ready) changes nothing: checked
   * in the same statement, so a late report from a worker cannot bring a cancelled film back. A
   * ready film preparing its next version takes the figure as that version's progress.
   *
   * @return whether the film was processing and took the figure
   */
  public boolean recordProgress(String id, int progress) {
    int clamped = Math.max(0, Math.min(100, progress));
    return jdbi.withHandle(h -> h.createUpdate(FilmSql.SET_PROGRESS).bind("id", id)
        .bind("progress", clamped).bind("now", now()).execute()) == 1;
  }

  /** Marks the film playable with its measured renditions and its unversioned package. */
  public void markReady(String id, List<Rendition> renditions, Duration duration) {
    markReady(id, renditions, duration, null, false);
  }

  /**
   * Marks the film ready with its renditions and, in the same transaction, makes
   * {@code packageVersion} its current package version (null: the package was written
   * unversioned, in place, as before versions). With {@code retireOld} the version it replaces is
   * recorded in {@link PackageVersionStore} for removal after a grace period.
   */
  public void markReady(String id, List<Rendition> renditions, Duration duration,
      String packageVersion, boolean retireOld) {
    jdbi.useTransaction(h -> {
      PackageVersionStore.switchTo(h, id, packageVersion, retireOld, clock.instant());
      h.createUpdate(FilmSql.DELETE_RENDITIONS).bind("id", id).execute();
      PreparedBatch batch = h.prepareBatch(FilmSql.INSERT_RENDITION);
      for (int i = 0; i < renditions.size(); i++) {
        Rendition r = renditions.get(i);
        batch.bind("id", id).bind("ord", i).bind("kind", r.kind()).bind("width", r.width())
            .bind("height", r.height()).bind("bitrate", r.bitrate()).bind("codec", r.codec())
            .add();
      }
      if (!renditions.isEmpty()) {
        batch.execute();
      }
      h.createUpdate(FilmSql.SET_READY).bind("id", id)
          .bind("durationMs", duration.toMillis()).bind("now", now()).execute();
    });
  }

  /**
   * Marks the film failed with a sentence for the filmmaker. A ready film stays ready (its
   * current version keeps playing): the failure is recorded on its {@link Film#next()}.
   */
  public void markFailed(String id, String error) {
    jdbi.useHandle(h -> h.createUpdate(FilmSql.SET_FAILED).bind("id", id)
        .bind("error", error).bind("now", now()).execute());
  }

  /** Deletes the film and everything that hangs off it; answers whether it existed. */
  public boolean delete(String id) {
    return jdbi.inTransaction(h -> {
      h.createUpdate(FilmSql.DELETE_SEARCH).bind("id", id).execute();
      return h.createUpdate(FilmSql.DELETE).bind("id", id).execute();
    }) > 0;
  }

  /**
   * Ids of the films in {@code status}, least recently changed first; for
   * {@link FilmStatus#PROCESSING} also the ready films whose next version is being prepared.
   */
  public List<String> idsWithStatus(FilmStatus status) {
    return jdbi.withHandle(h -> h.createQuery(FilmSql.IDS_BY_STATUS).bind("status", status.wire())
        .mapTo(String.class).list());
  }

  /** How many films the catalog holds. */
  public int count() {
    return jdbi.withHandle(h -> h.createQuery(FilmSql.COUNT).mapTo(Integer.class).one());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindMetadata(
      T statement, FilmMetadata m) {
    return statement.bind("title", m.title())
        .bind("logline", m.logline())
        .bind("synopsis", m.synopsis())
        .bind("year", m.year())
        .bind("visibility", m.visibility().wire())
        .bind("availableFrom", m.availableFrom().map(Timestamps::format).orElse(null))
        .bind("availableUntil", m.availableUntil().map(Timestamps::format).orElse(null));
  }

  private void replaceLists(Handle h, String id, FilmMetadata m, FilmDetails d) {
    search.index(h, id, m, d.tags());
    h.createUpdate(FilmSql.DELETE_GENRES).bind("id", id).execute();
    h.createUpdate(FilmSql.DELETE_CREDITS).bind("id", id).execute();
    for (int i = 0; i < m.genres().size(); i++) {
      h.createUpdate(FilmSql.INSERT_GENRE).bind("id", id).bind("ord", i)
          .bind("genre", m.genres().get(i)).execute();
    }
    for (int i = 0; i < m.credits().size(); i++) {
      Credit c = m.credits().get(i);
      h.createUpdate(FilmSql.INSERT_CREDIT).bind("id", id).bind("ord", i)
          .bind("role", c.role()).bind("name", c.name()).execute();
    }
    replaceList(h, id, FilmSql.DELETE_COUNTRIES, FilmSql.INSERT_COUNTRY, d.countries());
    replaceList(h, id, FilmSql.DELETE_LANGUAGES, FilmSql.INSERT_LANGUAGE, d.languages());
    replaceList(h, id, FilmSql.DELETE_TAGS, FilmSql.INSERT_TAG, d.tags());
  }

  private static void replaceList(Handle h, String id, String delete, String insert,
      List<String> values) {
    h.createUpdate(delete).bind("id", id).execute();
    for (int i = 0; i < values.size(); i++) {
      h.createUpdate(insert).bind("id", id).bind("ord", i).bind("value", values.get(i)).execute();
    }
  }

  private static Film read(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<String> genres = h.createQuery(FilmSql.SELECT_GENRES).bind("id", id)
        .mapTo(String.class).list();
    List<Credit> credits = h.createQuery(FilmSql.SELECT_CREDITS).bind("id", id)
        .map((r, c) -> new Credit(r.getString("role"), r.getString("name"))).list();
    List<Rendition> renditions = h.createQuery(FilmSql.SELECT_RENDITIONS).bind("id", id)
        .map((r, c) -> new Rendition(r.getString("kind"), r.getInt("width"), r.getInt("height"),
            r.getLong("bitrate"), r.getString("codec")))
        .list();
    FilmMetadata metadata = new FilmMetadata(
        rs.getString("title"), rs.getString("logline"), rs.getString("synopsis"),
        (Integer) rs.getObject("year"), genres, credits,
        Visibility.parse(rs.getString("visibility")).orElseThrow(),
        Optional.ofNullable(Timestamps.parse(rs.getString("available_from"))),
        Optional.ofNullable(Timestamps.parse(rs.getString("available_until"))));
    String sourceName = rs.getString("source_filename");
    Optional<SourceFile> source = sourceName == null ? Optional.empty()
        : Optional.of(new SourceFile(sourceName, rs.getLong("source_size"),
            rs.getString("source_sha256")));
    Object durationMs = rs.getObject("duration_ms");
    FilmDetails details = new FilmDetails(rs.getString("slug"),
        h.createQuery(FilmSql.SELECT_COUNTRIES).bind("id", id).mapTo(String.class).list(),
        h.createQuery(FilmSql.SELECT_LANGUAGES).bind("id", id).mapTo(String.class).list(),
        h.createQuery(FilmSql.SELECT_TAGS).bind("id", id).mapTo(String.class).list(),
        Optional.ofNullable(rs.getString("trailer_film_id")));
    java.util.Set<String> grantees = new java.util.HashSet<>(h.createQuery(FilmSql.SELECT_GRANTEES)
        .bind("id", id).mapTo(String.class).list());
    return new Film(id, rs.getString("owner_id"), metadata,
        FilmStatus.fromWire(rs.getString("status")), rs.getInt("progress"), rs.getString("error"),
        source,
        durationMs == null ? Optional.empty() : Optional.of(Duration.ofMillis(((Number) durationMs).longValue())),
        renditions, Timestamps.parse(rs.getString("created_at")),
        Timestamps.parse(rs.getString("updated_at")), details, FilmImageStore.read(h, id), grantees,
        next(rs));
  }

  private static NextVersion next(ResultSet rs) throws SQLException {
    String status = rs.getString("next_status");
    if (status == null) {
      return null;
    }
    return new NextVersion(FilmStatus.fromWire(status), rs.getInt("next_progress"),
        rs.getString("next_error"));
  }
}
