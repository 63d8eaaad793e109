package org.screenroom.catalog.festival;

import java.time.Instant;
import java.util.List;

/**
 * One juror's access to some films of a festival: the code behind {@code /s/{code}}, a window,
 * limits, the terms acceptance and revocation. Nullable fields mean "not set" / "no limit".
 *
 * @param passcodeHash the encoded hash of an optional passcode, or null
 * @param opensAt when playback may start, or null for at once
 * @param maxPlays plays allowed per film, or null
 * @param maxDevices distinct devices allowed, or null
 * @param maxStreams streams playing at once, or null
 * @param filmIds the films, in the order the juror sees them
 */
public record ScreenerPass(String id, String festivalId, String jurorName, String jurorEmail,
    String code, String passcodeHash, Instant opensAt, Instant expiresAt, Integer maxPlays,
    Integer maxDevices, Integer maxStreams, Instant termsAcceptedAt, Instant revokedAt,
    Instant createdAt, List<String> filmIds) {

  /** Copies the list. */
  public ScreenerPass {
    filmIds = List.copyOf(filmIds);
  }

  /** Whether a passcode must be given. */
  public boolean hasPasscode() {
    return passcodeHash != null;
  }
}
