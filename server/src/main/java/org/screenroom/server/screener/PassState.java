package org.screenroom.server.screener;

import java.time.Instant;
import java.util.Map;

/**
 * What the segment hot path knows of a pass, held in memory and refreshed from the catalog.
 *
 * @param opensAt null for "open at once"
 * @param revokedAt null when not revoked
 * @param blockedSessions sessions (with the limit they passed) beyond the pass's limits (plays or devices lowered after they
 *     started), refused on their next segment
 */
public record PassState(String passId, Instant opensAt, Instant expiresAt, Instant revokedAt,
    Map<String, PassRefusal> blockedSessions) {

  /** Copies the map. */
  public PassState {
    blockedSessions = Map.copyOf(blockedSessions);
  }
}
