package org.screenroom.server.stream;

import java.time.Instant;

/**
 * What the hot path needs to know of a film, held in memory.
 *
 * @param filmId the film
 * @param playable whether it is ready and may be streamed at all
 * @param files its published package
 * @param version the film's last change, to tell whether a reload must re-read the package
 */
public record FilmAccess(String filmId, boolean playable, PackageIndex files, Instant version) {}
