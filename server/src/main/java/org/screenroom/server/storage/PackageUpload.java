package org.screenroom.server.storage;

import java.util.Comparator;
import java.util.List;

/**
 * The order a finished package's files are put to remote storage: media first, then the
 * variant playlists, then the entry manifests ({@code master.m3u8}, {@code manifest.mpd}) last,
 * so a viewer who fetches a manifest finds every file it names already there. Pure.
 */
public final class PackageUpload {
  private PackageUpload() {}

  /** {@code names} (relative to the package) in upload order; ties keep name order. */
  public static List<String> order(List<String> names) {
    return names.stream()
        .sorted(Comparator.comparingInt(PackageUpload::rank).thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /** 0: media and captions; 1: playlists inside rendition directories; 2: entry manifests. */
  static int rank(String name) {
    if (name.equals("master.m3u8") || name.equals("manifest.mpd")) {
      return 2;
    }
    if (name.endsWith(".m3u8") || name.endsWith(".mpd")) {
      return 1;
    }
    return 0;
  }
}
