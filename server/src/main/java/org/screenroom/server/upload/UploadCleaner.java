package org.screenroom.server.upload;

import java.io.IOException;
import java.time.Instant;
import org.screenroom.catalog.upload.Upload;
import org.screenroom.catalog.upload.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throws away uploads that expired (no byte arrived for the upload's lifetime), or whose film is
 * being deleted: their file and their row. Blocking: the server runs it on a worker. Expired
 * uploads whose bytes are in another origin's uploads directory (not shared with this one) are
 * left to that origin.
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
    java.util.Optional<String> volume;
    try {
      volume = files.knownVolume();
    } catch (IOException e) {
      LOG.warn("the uploads directory {} cannot be named; expired uploads stay", files.dir(), e);
      return 0;
    }
    for (Upload u : uploads.expired(now)) {
      if (u.volume().isPresent() && !u.volume().equals(volume)) {
        continue; // its bytes are in another origin's directory: that origin removes it
      }
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

  /**
   * Removes every upload of film {@code filmId}, finished or not (called before the film is
   * deleted, since its uploads' rows go with it and nothing would find their files after). The
   * row goes first: a PATCH still arriving then finds its upload gone and answers 404.
   *
   * @return how many were removed
   * @throws IOException when a file cannot be removed (the row is already gone; the caller
   *     fails the deletion, and the file is an orphan in the uploads directory)
   */
  public int removeForFilm(String filmId) throws IOException {
    int removed = 0;
    for (Upload u : uploads.ofFilm(filmId)) {
      uploads.delete(u.id());
      files.delete(u.id());
      removed++;
      LOG.info("upload {} for film {} removed with its film ({} of {} bytes had arrived)", u.id(),
          filmId, u.offset(), u.length());
    }
    return removed;
  }
}
