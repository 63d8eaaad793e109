package org.screenroom.server.upload;

import org.screenroom.server.config.ByteSize;
import org.screenroom.server.http.ApiError;

/** Pure checks on an announced upload size: the configured maximum and the free disk space. */
public final class UploadLimits {
  private UploadLimits() {}

  /**
   * Refuses an upload larger than {@code maxSize}.
   *
   * @throws ApiError 413 with the limit in words
   */
  public static void requireWithinMax(long length, long maxSize) {
    if (length > maxSize) {
      throw ApiError.of(413, "This file is " + ByteSize.format(length) + "; this server accepts "
          + "uploads up to " + ByteSize.format(maxSize) + " (set with --max-upload-size).");
    }
  }

  /**
   * Refuses an upload the disk cannot hold with {@code minFree} to spare (kept free beyond the
   * upload itself, so the catalog and transcodes can still write).
   *
   * @param usable the usable bytes on the uploads directory's file system
   * @param minFree the {@code --min-free-disk} setting
   * @throws ApiError 507 with the free space in words
   */
  public static void requireDiskSpace(long length, long usable, long minFree) {
    if (usable - minFree < length) {
      throw ApiError.of(507, "The server has " + ByteSize.format(Math.max(0, usable))
          + " of free disk space, not enough for this " + ByteSize.format(length)
          + " upload: ask the server's administrator to free some space.");
    }
  }
}
