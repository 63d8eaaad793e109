package org.screenroom.server.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.screenroom.server.http.ApiError;

/**
 * One player report in {@code POST /api/playback/{session}/events}; pure parsing.
 *
 * @param type {@code start}, {@code heartbeat}, {@code stall}, {@code quality}, {@code error} or
 *     {@code end}
 * @param position the playhead, seconds, or null
 * @param watched media seconds played since the previous report, or null
 * @param startupMs (start) time from play to first frame
 * @param stallMs (stall) how long playback waited for data
 * @param height (quality) the rendition's lines
 * @param bitrate (quality) the rendition's bits per second
 * @param message (error) what the player saw
 */
public record PlayerEvent(String type, Double position, Double watched, Integer startupMs,
    Integer stallMs, Integer height, Integer bitrate, String message) {
  /** The types a player may send. */
  public static final Set<String> TYPES =
      Set.of("start", "heartbeat", "stall", "quality", "error", "end");
  /** More reports than a player sends between two heartbeats. */
  static final int MAX_EVENTS = 100;
  private static final int MAX_MESSAGE = 500;

  /** Parses the body {@code {"events": [...]}}; a 400 naming the field when malformed. */
  public static List<PlayerEvent> parseAll(JsonObject body) {
    Object raw = body.getValue("events");
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_EVENTS) {
      throw ApiError.badField("events", "events must be a list of 1 to " + MAX_EVENTS
          + " player reports.");
    }
    List<PlayerEvent> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject e)) {
        throw ApiError.badField("events[" + i + "]", "events[" + i + "] must be an object.");
      }
      out.add(parse(e, "events[" + i + "]"));
    }
    return out;
  }

  static PlayerEvent parse(JsonObject e, String where) {
    String type = e.getValue("type") instanceof String s ? s : null;
    if (type == null || !TYPES.contains(type)) {
      throw ApiError.badField(where + ".type", where + ".type must be one of start, heartbeat, "
          + "stall, quality, error, end.");
    }
    String message = e.getValue("message") instanceof String m
        ? m.substring(0, Math.min(m.length(), MAX_MESSAGE)) : null;
    return new PlayerEvent(type, number(e, "position", where), number(e, "watched", where),
        whole(e, "startupMs", where), whole(e, "stallMs", where), whole(e, "height", where),
        whole(e, "bitrate", where), message);
  }

  private static Double number(JsonObject e, String key, String where) {
    Object v = e.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0) {
      return n.doubleValue();
    }
    throw ApiError.badField(where + "." + key, where + "." + key
        + " must be a number of seconds, 0 or more.");
  }

  private static Integer whole(JsonObject e, String key, String where) {
    Object v = e.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw ApiError.badField(where + "." + key, where + "." + key
        + " must be a whole number, 0 or more.");
  }
}
