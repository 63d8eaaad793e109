package org.screenroom.catalog.festival;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/** The webhook delivery log. Every method blocks on JDBC. */
public final class WebhookDeliveryStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public WebhookDeliveryStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Logs a new pending delivery and answers its id. */
  public String create(String festivalId, String event, String url, String payload) {
    String id = Ids.newId();
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.INSERT_DELIVERY).bind("id", id)
        .bind("festivalId", festivalId).bind("event", event).bind("url", url)
        .bind("payload", payload).bind("now", Timestamps.format(clock.instant())).execute());
    return id;
  }

  /** Records an attempt's outcome. */
  public void record(String id, int attempts, String status, Integer code, String error) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.UPDATE_DELIVERY).bind("id", id)
        .bind("attempts", attempts).bind("status", status).bind("code", code)
        .bind("error", error).bind("now", Timestamps.format(clock.instant())).execute());
  }

  /** The festival's latest deliveries, newest first. */
  public List<WebhookDelivery> list(String festivalId, int limit) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.LIST_DELIVERIES)
        .bind("festivalId", festivalId).bind("limit", limit).map((rs, ctx) -> read(rs)).list());
  }

  private static WebhookDelivery read(ResultSet rs) throws SQLException {
    int code = rs.getInt("last_code");
    Integer lastCode = rs.wasNull() ? null : code;
    return new WebhookDelivery(rs.getString("id"), rs.getString("festival_id"),
        rs.getString("event"), rs.getString("url"), rs.getString("payload"),
        rs.getInt("attempts"), rs.getString("status"), lastCode, rs.getString("last_error"),
        Timestamps.parse(rs.getString("created_at")), Timestamps.parse(rs.getString("updated_at")));
  }
}
