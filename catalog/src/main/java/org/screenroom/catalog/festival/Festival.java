package org.screenroom.catalog.festival;

import java.time.Instant;
import java.util.List;

/**
 * A festival (or any jury) that screens films to jurors through screener passes.
 *
 * @param edition free text such as "2026", or null
 * @param startsOn first day (ISO date), or null
 * @param endsOn last day (ISO date), or null
 * @param webhookUrl where screener events are POSTed, or null
 * @param webhookSecret the HMAC-SHA256 key signing those POSTs, or null
 * @param filmIds the films submitted to it, in submission order
 */
public record Festival(String id, String ownerId, String name, String edition, String startsOn,
    String endsOn, String webhookUrl, String webhookSecret, List<String> filmIds,
    Instant createdAt) {

  /** Copies the list. */
  public Festival {
    filmIds = List.copyOf(filmIds);
  }
}
