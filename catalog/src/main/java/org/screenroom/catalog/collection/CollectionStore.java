package org.screenroom.catalog.collection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;
import org.screenroom.catalog.film.Visibility;

/** Collections and their ordered films. Every method blocks on JDBC: call it from a worker. */
public final class CollectionStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public CollectionStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Creates an empty collection owned by {@code ownerId}. */
  public Collection create(String ownerId, String title, String description, Visibility visibility) {
    String id = Ids.newId();
    jdbi.useHandle(h -> h.createUpdate(CollectionSql.INSERT).bind("id", id)
        .bind("ownerId", ownerId).bind("title", title).bind("description", description)
        .bind("visibility", visibility.wire()).bind("now", now()).execute());
    return find(id).orElseThrow();
  }

  /** The collection with {@code id}, if any. */
  public Optional<Collection> find(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(CollectionSql.SELECT_ONE).bind("id", id)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /**
   * Collections newest first: every one when {@code everything}, else the public ones and those
   * owned by {@code ownerId} (when present).
   */
  public List<Collection> list(Optional<String> ownerId, boolean everything, int limit) {
    return jdbi.withHandle(h -> h.createQuery(CollectionSql.LIST)
        .bind("everything", everything ? 1 : 0).bind("ownerId", ownerId.orElse(null))
        .bind("limit", limit)
        .map((rs, ctx) -> read(h, rs)).list());
  }

  /**
   * Replaces the collection's films with {@code filmIds}, in that order; answers the collection,
   * or empty when it does not exist. The ids must name existing films, each once.
   */
  public Optional<Collection> setFilms(String id, List<String> filmIds) {
    boolean found = jdbi.inTransaction(h -> {
      if (h.createUpdate(CollectionSql.TOUCH).bind("id", id).bind("now", now()).execute() == 0) {
        return false;
      }
      h.createUpdate(CollectionSql.DELETE_FILMS).bind("id", id).execute();
      for (int i = 0; i < filmIds.size(); i++) {
        h.createUpdate(CollectionSql.INSERT_FILM).bind("id", id).bind("ord", i)
            .bind("filmId", filmIds.get(i)).execute();
      }
      return true;
    });
    return found ? find(id) : Optional.empty();
  }

  /** Deletes the collection (its films stay); answers whether it existed. */
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate(CollectionSql.DELETE).bind("id", id).execute()) > 0;
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static Collection read(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    return new Collection(id, rs.getString("owner_id"), rs.getString("title"),
        rs.getString("description"), Visibility.parse(rs.getString("visibility")).orElseThrow(),
        h.createQuery(CollectionSql.SELECT_FILMS).bind("id", id).mapTo(String.class).list(),
        Timestamps.parse(rs.getString("created_at")), Timestamps.parse(rs.getString("updated_at")));
  }
}
