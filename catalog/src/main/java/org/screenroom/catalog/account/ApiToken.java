package org.screenroom.catalog.account;

import java.time.Instant;
import java.util.Optional;

/**
 * What an owner may see of an API token: never the secret, only a short prefix to recognise it.
 *
 * @param label the owner's name for it, if any
 * @param prefix the first characters of the token (not enough to use it)
 */
public record ApiToken(String id, Optional<String> label, String prefix, Instant createdAt,
    Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {}
