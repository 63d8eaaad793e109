package org.screenroom.catalog.upload;

import java.time.Instant;
import java.util.Optional;

/**
 * A resumable upload in progress.
 *
 * @param id the unguessable upload id (also the name of its {@code .part} file)
 * @param filmId the film the upload becomes the original of
 * @param ownerId the account that created it
 * @param filename the name the filmmaker's file had; stored, never used as a path
 * @param length the total size announced at creation, in bytes
 * @param offset the bytes durably received so far
 * @param expiresAt when an upload that received nothing since is thrown away
 * @param createdAt when it was created
 * @param volume the uploads directory its bytes are in (its {@code .volume} id); empty for an
 *     upload created before directories were named
 */
public record Upload(String id, String filmId, String ownerId, String filename, long length,
    long offset, Instant expiresAt, Instant createdAt, Optional<String> volume) {

  /** Whether every byte arrived. */
  public boolean complete() {
    return offset == length;
  }
}
