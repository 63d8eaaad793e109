package org.screenroom.catalog.film;

import java.time.Instant;

/** An account granted a private film, by username, and when. */
public record FilmGrant(String username, Instant grantedAt) {}
