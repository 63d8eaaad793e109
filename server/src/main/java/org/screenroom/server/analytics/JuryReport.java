package org.screenroom.server.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;

/** The per-juror, per-film figures of a festival, with JSON and CSV renderings. Pure. */
public final class JuryReport {
  static final String CSV_HEADER = "jurorName,jurorEmail,passId,filmId,plays,secondsWatched,"
      + "furthest,lastSeenAt,devices,completed";

  private JuryReport() {}

  /** One row per pass and film on the pass (films not played yet give zeros). */
  public static List<JuryRow> rows(List<ScreenerPass> passes, List<PlaybackSession> sessions) {
    List<JuryRow> out = new ArrayList<>();
    for (ScreenerPass p : passes) {
      for (String filmId : p.filmIds()) {
        List<PlaybackSession> mine = sessions.stream()
            .filter(s -> PlaybackSession.SCREENER.equals(s.viewerKind()))
            .filter(s -> s.viewerId().equals(p.id()) && s.filmId().equals(filmId)).toList();
        Set<String> devices = new HashSet<>();
        double watched = 0;
        double furthest = 0;
        Instant last = null;
        boolean completed = false;
        for (PlaybackSession s : mine) {
          devices.add(s.deviceId());
          watched += s.secondsWatched();
          furthest = Math.max(furthest, s.furthest());
          last = last == null || s.lastSeenAt().isAfter(last) ? s.lastSeenAt() : last;
          completed |= s.completed();
        }
        out.add(new JuryRow(p.id(), p.jurorName(), p.jurorEmail(), filmId, mine.size(),
            round(watched), round(furthest), last, devices.size(), completed));
      }
    }
    return out;
  }

  static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }

  /** A row as JSON. */
  public static JsonObject json(JuryRow r) {
    return new JsonObject().put("passId", r.passId()).put("jurorName", r.jurorName())
        .put("jurorEmail", r.jurorEmail()).put("filmId", r.filmId()).put("plays", r.plays())
        .put("secondsWatched", r.secondsWatched()).put("furthest", r.furthest())
        .put("lastSeenAt", r.lastSeenAt() == null ? null : r.lastSeenAt().toString())
        .put("devices", r.devices()).put("completed", r.completed());
  }

  /** Rows as a JSON array. */
  public static JsonArray json(List<JuryRow> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(json(r)));
    return out;
  }

  /** Rows as CSV (RFC 4180, CRLF), with a header line. */
  public static String csv(List<JuryRow> rows) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
    for (JuryRow r : rows) {
      b.append(cell(r.jurorName())).append(',').append(cell(r.jurorEmail())).append(',')
          .append(r.passId()).append(',').append(r.filmId()).append(',').append(r.plays())
          .append(',').append(String.format(Locale.ROOT, "%.1f", r.secondsWatched())).append(',')
          .append(String.format(Locale.ROOT, "%.1f", r.furthest())).append(',')
          .append(r.lastSeenAt() == null ? "" : r.lastSeenAt().toString()).append(',')
          .append(r.devices()).append(',').append(r.completed()).append("\r\n");
    }
    return b.toString();
  }

  /**
   * A CSV cell: quoted when needed, and a leading {@code = + - @} defused so a spreadsheet does
   * not run a juror-supplied name as a formula.
   */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
