package org.screenroom.server.storage;

import java.time.Instant;

/**
 * One stored object's metadata.
 *
 * @param key the object's key, as given to {@link Storage}
 * @param size its length in bytes
 * @param modified when it was last written
 * @param etag a strong, quoted entity tag that changes with the content
 */
public record StoredObject(String key, long size, Instant modified, String etag) {}
