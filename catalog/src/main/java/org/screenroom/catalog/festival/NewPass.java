package org.screenroom.catalog.festival;

import java.time.Instant;
import java.util.List;

/** What creating a screener pass needs; see {@link ScreenerPass} for the nullable fields. */
public record NewPass(String jurorName, String jurorEmail, List<String> filmIds,
    String passcodeHash, Instant opensAt, Instant expiresAt, Integer maxPlays, Integer maxDevices,
    Integer maxStreams) {

  /** Copies the list. */
  public NewPass {
    filmIds = List.copyOf(filmIds);
  }
}
