package org.screenroom.server.screener;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;

/**
 * The rules of a screener pass, pure: the caller supplies the pass, its sessions and the instant.
 * Used twice: when a playback URL is issued ({@link #issue}) and on every segment request
 * ({@link #segment}, from the in-memory {@link PassState}).
 */
public final class PassPolicy {
  /** A session seen this recently on the same device and film is resumed, not a new play. */
  static final Duration RESUME_WINDOW = Duration.ofMinutes(30);
  /** A session that sent a heartbeat this recently counts as a stream playing now. */
  static final Duration LIVE_WINDOW = Duration.ofSeconds(30);

  private PassPolicy() {}

  /**
   * What issuing playback decided: refused, a session to resume, or a new play.
   *
   * @param refusal why not, or empty
   * @param resume the session to continue (no new play counted), or empty for a new session
   */
  public record Decision(Optional<PassRefusal> refusal, Optional<PlaybackSession> resume) {}

  /** The window checks shared by issuing and segments. */
  static Optional<PassRefusal> window(Instant opensAt, Instant expiresAt, Instant revokedAt,
      Instant now) {
    if (revokedAt != null) {
      return Optional.of(PassRefusal.REVOKED);
    }
    if (!now.isBefore(expiresAt)) {
      return Optional.of(PassRefusal.EXPIRED);
    }
    if (opensAt != null && now.isBefore(opensAt)) {
      return Optional.of(PassRefusal.NOT_YET_OPEN);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code deviceId} may start or resume {@code filmId} on {@code pass} at {@code now},
   * given the pass's sessions so far.
   */
  public static Decision issue(ScreenerPass pass, String filmId, String deviceId,
      List<PlaybackSession> sessions, Instant now) {
    Optional<PassRefusal> closed = window(pass.opensAt(), pass.expiresAt(), pass.revokedAt(), now);
    if (closed.isPresent()) {
      return refused(closed.get());
    }
    if (!pass.filmIds().contains(filmId)) {
      return refused(PassRefusal.NOT_ON_PASS);
    }
    if (pass.termsAcceptedAt() == null) {
      return refused(PassRefusal.TERMS_NOT_ACCEPTED);
    }
    Map<String, PassRefusal> blocked = blocked(pass, sessions);
    Optional<PlaybackSession> resume = sessions.stream()
        .filter(s -> s.filmId().equals(filmId) && s.deviceId().equals(deviceId) && !s.ended())
        .filter(s -> !blocked.containsKey(s.id()))
        .filter(s -> s.lastSeenAt().plus(RESUME_WINDOW).isAfter(now))
        .reduce((a, b) -> b);
    if (resume.isPresent()) {
      return new Decision(Optional.empty(), resume);
    }
    Set<String> devices = new HashSet<>();
    sessions.forEach(s -> devices.add(s.deviceId()));
    if (pass.maxDevices() != null && !devices.contains(deviceId)
        && devices.size() >= pass.maxDevices()) {
      return refused(PassRefusal.TOO_MANY_DEVICES);
    }
    long plays = sessions.stream().filter(s -> s.filmId().equals(filmId)).count();
    if (pass.maxPlays() != null && plays >= pass.maxPlays()) {
      return refused(PassRefusal.PLAYS_USED_UP);
    }
    long live = sessions.stream().filter(s -> !s.ended() && !s.deviceId().equals(deviceId))
        .filter(s -> s.lastSeenAt().plus(LIVE_WINDOW).isAfter(now)).count();
    if (pass.maxStreams() != null && live >= pass.maxStreams()) {
      return refused(PassRefusal.TOO_MANY_STREAMS);
    }
    return new Decision(Optional.empty(), Optional.empty());
  }

  private static Decision refused(PassRefusal r) {
    return new Decision(Optional.of(r), Optional.empty());
  }

  /**
   * Sessions beyond the pass's limits: per film, plays past {@code maxPlays} (in start order),
   * and sessions on devices past {@code maxDevices} (in first-use order). Normally empty; it
   * matters when a festival lowers a limit while jurors watch.
   */
  public static Map<String, PassRefusal> blocked(ScreenerPass pass,
      List<PlaybackSession> sessions) {
    Map<String, PassRefusal> out = new HashMap<>();
    Map<String, Integer> playsPerFilm = new HashMap<>();
    LinkedHashSet<String> devices = new LinkedHashSet<>();
    for (PlaybackSession s : sessions) {
      int play = playsPerFilm.merge(s.filmId(), 1, Integer::sum);
      devices.add(s.deviceId());
      if (pass.maxPlays() != null && play > pass.maxPlays()) {
        out.put(s.id(), PassRefusal.PLAYS_USED_UP);
      }
    }
    if (pass.maxDevices() != null) {
      List<String> order = new ArrayList<>(devices);
      Set<String> allowed = new HashSet<>(order.subList(0, Math.min(order.size(), pass.maxDevices())));
      sessions.stream().filter(s -> !allowed.contains(s.deviceId()))
          .forEach(s -> out.put(s.id(), PassRefusal.TOO_MANY_DEVICES));
    }
    return out;
  }

  /** The hot-path check of one segment request by {@code sessionId} on the pass. */
  public static Optional<PassRefusal> segment(PassState state, String sessionId, Instant now) {
    Optional<PassRefusal> closed = window(state.opensAt(), state.expiresAt(), state.revokedAt(), now);
    if (closed.isPresent()) {
      return closed;
    }
    return Optional.ofNullable(state.blockedSessions().get(sessionId));
  }

  /** The hot-path state of a pass, from the catalog's rows. */
  public static PassState state(ScreenerPass pass, List<PlaybackSession> sessions) {
    return new PassState(pass.id(), pass.opensAt(), pass.expiresAt(), pass.revokedAt(),
        blocked(pass, sessions));
  }
}
