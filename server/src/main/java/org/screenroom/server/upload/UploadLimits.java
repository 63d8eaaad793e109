package org.screenroom.server.upload;

import org.screenroom.server.config.ByteSize;
import org.screenroom.server.http.ApiError;

/** Pure checks on an announced upload size: the configured maximum and the free disk space. */
public final class UploadLimits {
  /** Kept free beyond the upload itself, so the catalog and transcodes can still write. */
  public static final long DISK_MARGIN = 256L << 20;

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
   * Refuses an upload the disk cannot hold with {@link #DISK_MARGIN} to spare.
   *
   * @param usable the usable bytes on the uploads directory's file system
   * @throws ApiError 507 with the free space in words
   */
  public static void requireDiskSpace(long length, long usable) {
    if (usable - DISK_MARGIN < length) {
      throw ApiError.of(507, "The server has " + ByteSize.format(Math.max(0, usable))
          + " of free disk space, not enough for this " + ByteSize.format(length)
          + " upload: ask the server's administrator to free some space.");
    }
  }
}
