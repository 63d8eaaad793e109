package org.screenroom.catalog.festival;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/** Festivals and their submitted films. Every method blocks on JDBC: call it from a worker. */
public final class FestivalStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public FestivalStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Creates a festival owned by {@code ownerId}. */
  public Festival create(String ownerId, FestivalFields fields) {
    String id = Ids.newId();
    jdbi.useHandle(h -> bind(h.createUpdate(FestivalSql.INSERT_FESTIVAL), fields)
        .bind("id", id).bind("ownerId", ownerId).bind("now", now()).execute());
    return find(id).orElseThrow();
  }

  /** Replaces the festival's fields; empty when there is no such festival. */
  public Optional<Festival> update(String id, FestivalFields fields) {
    int n = jdbi.withHandle(h -> bind(h.createUpdate(FestivalSql.UPDATE_FESTIVAL), fields)
        .bind("id", id).bind("now", now()).execute());
    return n == 0 ? Optional.empty() : find(id);
  }

  /** The festival with {@code id}, if any. */
  public Optional<Festival> find(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.SELECT_FESTIVAL).bind("id", id)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /** Festivals newest first: all when {@code everything}, else those of {@code ownerId}. */
  public List<Festival> list(String ownerId, boolean everything, int limit) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.LIST_FESTIVALS)
        .bind("everything", everything ? 1 : 0).bind("ownerId", ownerId).bind("limit", limit)
        .map((rs, ctx) -> read(h, rs)).list());
  }

  /** Deletes the festival with its passes, sessions stay; answers whether it existed. */
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate(FestivalSql.DELETE_FESTIVAL).bind("id", id)
        .execute()) > 0;
  }

  /** Submits a film (once; again is a no-op). */
  public void submit(String festivalId, String filmId, String submittedBy) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.SUBMIT_FILM).bind("id", festivalId)
        .bind("filmId", filmId).bind("by", submittedBy).bind("now", now()).execute());
  }

  /** Withdraws a film; answers whether it was submitted. */
  public boolean withdraw(String festivalId, String filmId) {
    return jdbi.withHandle(h -> h.createUpdate(FestivalSql.WITHDRAW_FILM).bind("id", festivalId)
        .bind("filmId", filmId).execute()) > 0;
  }

  private static Update bind(Update u, FestivalFields f) {
    return u.bind("name", f.name()).bind("edition", f.edition()).bind("startsOn", f.startsOn())
        .bind("endsOn", f.endsOn()).bind("webhookUrl", f.webhookUrl())
        .bind("webhookSecret", f.webhookSecret());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static Festival read(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    return new Festival(id, rs.getString("owner_id"), rs.getString("name"),
        rs.getString("edition"), rs.getString("starts_on"), rs.getString("ends_on"),
        rs.getString("webhook_url"), rs.getString("webhook_secret"),
        h.createQuery(FestivalSql.FESTIVAL_FILMS).bind("id", id).mapTo(String.class).list(),
        Timestamps.parse(rs.getString("created_at")));
  }
}
