package org.screenroom.catalog.keys;

import java.time.Instant;

/** An HMAC key for playback URLs, named by its key id ({@code kid}). */
public record SigningKey(String kid, byte[] secret, Instant createdAt) {}
