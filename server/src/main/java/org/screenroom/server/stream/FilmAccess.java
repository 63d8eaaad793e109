package org.screenroom.server.stream;

import java.nio.file.Path;

/**
 * What the hot path needs to know of a film, held in memory.
 *
 * @param filmId the film
 * @param playable whether it is ready and may be streamed at all
 * @param packageDir where its packaged files are
 */
public record FilmAccess(String filmId, boolean playable, Path packageDir) {}
