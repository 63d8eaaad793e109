package org.screenroom.server.upload;

import java.io.IOException;
import java.time.Instant;
import org.screenroom.catalog.upload.Upload;
import org.screenroom.catalog.upload.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throws away uploads that expired (no byte arrived for the upload's lifetime): their file, then
 * their row. Blocking: the server runs it on a worker from a periodic timer.
 */
public final class UploadCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(UploadCleaner.class);
  private final UploadStore uploads;
  private final UploadFiles files;

  /** Creates the cleaner. */
  public UploadCleaner(UploadStore uploads, UploadFiles files) {
    this.uploads = uploads;
    this.files = files;
  }

  /**
   * Removes every upload whose expiry is at or before {@code now}.
   *
   * @return how many were removed
   */
  public int sweep(Instant now) {
    int removed = 0;
    for (Upload u : uploads.expired(now)) {
      try {
        files.delete(u.id());
        uploads.delete(u.id());
        removed++;
        LOG.info("upload {} for film {} expired at {} with {} of {} bytes: removed", u.id(),
            u.filmId(), u.expiresAt(), u.offset(), u.length());
      } catch (IOException e) {
        LOG.warn("expired upload {} could not be removed; trying again at the next sweep", u.id(), e);
      }
    }
    return removed;
  }
}
