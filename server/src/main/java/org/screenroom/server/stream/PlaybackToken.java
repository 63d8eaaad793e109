package org.screenroom.server.stream;

import java.time.Instant;

/**
 * What a signed playback URL grants: one film, to one viewer, until an instant, signed by one key.
 *
 * @param filmId the film the URL opens
 * @param viewer who it was issued to: {@code a-ACCOUNT}, {@code s-PASS} or {@code v-RANDOM}
 *     (an anonymous session)
 * @param expiresAt when it stops working
 * @param kid which key signed it
 */
public record PlaybackToken(String filmId, String viewer, Instant expiresAt, String kid) {}
