package org.screenroom.server.analytics;

import java.time.Instant;

/**
 * One juror and one film of the jury report.
 *
 * @param plays playback sessions started
 * @param secondsWatched media seconds played (server-checked)
 * @param furthest furthest point reached, seconds
 * @param lastSeenAt the last report from any of these sessions, or null if never played
 * @param devices distinct devices used
 * @param completed whether the juror reached the end (90 %)
 */
public record JuryRow(String passId, String jurorName, String jurorEmail, String filmId,
    int plays, double secondsWatched, double furthest, Instant lastSeenAt, int devices,
    boolean completed) {}
