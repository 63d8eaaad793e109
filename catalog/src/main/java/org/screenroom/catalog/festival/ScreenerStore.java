package org.screenroom.catalog.festival;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/** Screener passes. Every method blocks on JDBC: call it from a worker. */
public final class ScreenerStore {
  /** 18 random bytes: 144 bits, 24 base64url characters. */
  private static final int CODE_BYTES = 18;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public ScreenerStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** A new unguessable pass code (144 random bits, base64url). */
  public static String newCode() {
    byte[] bytes = new byte[CODE_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Creates passes in one transaction (all or none); the films must exist. */
  public List<ScreenerPass> create(String festivalId, List<NewPass> passes) {
    List<String> ids = jdbi.inTransaction(h -> passes.stream().map(p -> insert(h, festivalId, p))
        .toList());
    return ids.stream().map(id -> find(id).orElseThrow()).toList();
  }

  private String insert(Handle h, String festivalId, NewPass p) {
    String id = Ids.newId();
    h.createUpdate(FestivalSql.INSERT_PASS).bind("id", id).bind("festivalId", festivalId)
        .bind("jurorName", p.jurorName()).bind("jurorEmail", p.jurorEmail())
        .bind("code", newCode()).bind("passcodeHash", p.passcodeHash())
        .bind("opensAt", Timestamps.format(p.opensAt()))
        .bind("expiresAt", Timestamps.format(p.expiresAt()))
        .bind("maxPlays", p.maxPlays()).bind("maxDevices", p.maxDevices())
        .bind("maxStreams", p.maxStreams()).bind("now", now()).execute();
    for (int i = 0; i < p.filmIds().size(); i++) {
      h.createUpdate(FestivalSql.INSERT_PASS_FILM).bind("id", id)
          .bind("filmId", p.filmIds().get(i)).bind("ord", i).execute();
    }
    return id;
  }

  /** The pass with {@code id}, if any. */
  public Optional<ScreenerPass> find(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.SELECT_PASS).bind("id", id)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /** The pass behind {@code code}, if any (a malformed code finds nothing without a query). */
  public Optional<ScreenerPass> findByCode(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.SELECT_PASS_BY_CODE).bind("code", code)
        .map((rs, ctx) -> read(h, rs)).findOne());
  }

  /** The festival's passes, oldest first. */
  public List<ScreenerPass> list(String festivalId) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.LIST_PASSES)
        .bind("festivalId", festivalId).map((rs, ctx) -> read(h, rs)).list());
  }

  /** Revokes the pass (the first revocation time stays); answers the pass, empty if none. */
  public Optional<ScreenerPass> revoke(String id) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.REVOKE_PASS).bind("id", id)
        .bind("now", now()).execute());
    return find(id);
  }

  /** Replaces the window and limits; answers the pass, empty if none. */
  public Optional<ScreenerPass> updateLimits(String id, Instant opensAt, Instant expiresAt,
      Integer maxPlays, Integer maxDevices, Integer maxStreams) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.UPDATE_PASS_WINDOW).bind("id", id)
        .bind("opensAt", Timestamps.format(opensAt))
        .bind("expiresAt", Timestamps.format(expiresAt)).bind("maxPlays", maxPlays)
        .bind("maxDevices", maxDevices).bind("maxStreams", maxStreams).bind("now", now())
        .execute());
    return find(id);
  }

  /** Records the juror's acceptance of the terms (the first time stays). */
  public Optional<ScreenerPass> acceptTerms(String id) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.ACCEPT_TERMS).bind("id", id)
        .bind("now", now()).execute());
    return find(id);
  }

  /** Deletes the pass; its sessions stay for the record. */
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate(FestivalSql.DELETE_PASS).bind("id", id)
        .execute()) > 0;
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static ScreenerPass read(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    return new ScreenerPass(id, rs.getString("festival_id"), rs.getString("juror_name"),
        rs.getString("juror_email"), rs.getString("code"), rs.getString("passcode_hash"),
        Timestamps.parse(rs.getString("opens_at")), Timestamps.parse(rs.getString("expires_at")),
        integer(rs, "max_plays"), integer(rs, "max_devices"), integer(rs, "max_streams"),
        Timestamps.parse(rs.getString("terms_accepted_at")),
        Timestamps.parse(rs.getString("revoked_at")),
        Timestamps.parse(rs.getString("created_at")),
        h.createQuery(FestivalSql.PASS_FILMS).bind("id", id).mapTo(String.class).list());
  }
}
