package org.screenroom.server.storage;

import java.nio.file.Path;

/** Opens the storage the configuration names. */
public final class Storages {
  private Storages() {}

  /** Local disk under {@code dataDir}, or the configured S3 bucket. */
  public static Storage open(StorageSettings settings, Path dataDir) {
    return switch (settings.kind()) {
      case LOCAL -> new LocalStorage(dataDir);
      case S3 -> S3Storage.connect(settings.s3().orElseThrow());
    };
  }
}
