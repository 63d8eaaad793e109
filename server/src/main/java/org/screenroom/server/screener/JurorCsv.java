package org.screenroom.server.screener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.screenroom.server.http.ApiError;

/**
 * A CSV of jurors for bulk pass creation, pure. The first line names the columns:
 * {@code jurorName} (or {@code name}) and {@code jurorEmail} (or {@code email}) are required;
 * {@code filmIds} (ids separated by spaces or semicolons; empty means every festival film),
 * {@code expiresAt}, {@code opensAt}, {@code maxPlays}, {@code maxDevices}, {@code maxStreams} and
 * {@code passcode} are optional. Missing values fall back to {@code defaults} (the query string).
 * Fields may be quoted with double quotes ({@code ""} inside for a quote).
 */
public final class JurorCsv {
  /** More jurors than any jury; a bigger file is most likely a mistake. */
  static final int MAX_ROWS = 2000;
  private static final Map<String, String> ALIASES = Map.of("name", "jurorname",
      "email", "juroremail", "films", "filmids");

  private JurorCsv() {}

  /**
   * Parses the CSV text into pass requests.
   *
   * @throws ApiError 400 naming the line at fault
   */
  public static List<PassRequest> parse(String text, Map<String, String> defaults) {
    List<List<String>> rows = records(text);
    rows.removeIf(r -> r.size() == 1 && r.get(0).isBlank());
    if (rows.isEmpty()) {
      throw ApiError.badField("body", "The CSV is empty: send a header line "
          + "(jurorName,jurorEmail,...) and one line per juror.");
    }
    List<String> header = rows.get(0).stream().map(JurorCsv::column).toList();
    if (!header.contains("jurorname") || !header.contains("juroremail")) {
      throw ApiError.badField("body", "The CSV's first line must name the columns, with at least "
          + "jurorName and jurorEmail.");
    }
    if (rows.size() - 1 > MAX_ROWS) {
      throw ApiError.badField("body", "The CSV has more than " + MAX_ROWS + " jurors: split it.");
    }
    List<PassRequest> out = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      Map<String, String> row = new HashMap<>();
      defaults.forEach((k, v) -> row.put(k.toLowerCase(Locale.ROOT), v));
      List<String> values = rows.get(i);
      for (int c = 0; c < header.size() && c < values.size(); c++) {
        if (!values.get(c).isBlank()) {
          row.put(header.get(c), values.get(c).strip());
        }
      }
      try {
        out.add(PassRequest.of(row.get("jurorname"), row.get("juroremail"),
            films(row.get("filmids")), row.get("opensat"), row.get("expiresat"),
            row.get("maxplays"), row.get("maxdevices"), row.get("maxstreams"),
            row.get("passcode")));
      } catch (ApiError e) {
        throw ApiError.badField(e.field(), "Line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static String column(String raw) {
    String c = raw.strip().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(c, c);
  }

  private static List<String> films(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    return Arrays.stream(raw.split("[;\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  /** Splits CSV text into records of fields (RFC 4180 quoting, CRLF or LF). */
  static List<List<String>> records(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
