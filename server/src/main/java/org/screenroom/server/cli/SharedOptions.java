package org.screenroom.server.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes: where the data lives and which ffmpeg to run. */
public final class SharedOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory: catalog, masters, packages, caches (env SCREENROOM_DATA; default ./data).")
  String data;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A properties file with any of the long option names as keys (env SCREENROOM_CONFIG).")
  String config;

  @Option(names = "--ffmpeg", paramLabel = "PATH",
      description = "A system ffmpeg to use instead of the bundled one (env SCREENROOM_FFMPEG).")
  String ffmpeg;

  @Option(names = "--ffprobe", paramLabel = "PATH",
      description = "A system ffprobe (env SCREENROOM_FFPROBE; default: beside --ffmpeg, else bundled).")
  String ffprobe;

  @Option(names = "--x264-preset", paramLabel = "NAME",
      description = "x264 preset, speed against quality per bit (env SCREENROOM_X264_PRESET; default medium).")
  String x264Preset;

  @Option(names = "--segment-seconds", paramLabel = "N",
      description = "Packaged segment duration, even, 2..10 (env SCREENROOM_SEGMENT_SECONDS; default 4).")
  String segmentSeconds;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Re-creatable files: the extracted ffmpeg, file caches (env SCREENROOM_CACHE_DIR; default DATA/cache).")
  String cacheDir;

  @Option(names = "--admin-password", paramLabel = "PASSWORD",
      description = "The first admin's password on an empty data dir (env SCREENROOM_ADMIN_PASSWORD; default: generated and printed once).")
  String adminPassword;

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "The catalog database, e.g. jdbc:postgresql://db:5432/screenroom for several servers sharing one (env SCREENROOM_DB_URL; default the SQLite file DATA/catalog.db).")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "ROLE",
      description = "The PostgreSQL role to log in as (env SCREENROOM_DB_USER); its password only by env SCREENROOM_DB_PASSWORD or 'db-password' in --config, never on the command line.")
  String dbUser;

  /** The flags given, by config key. */
  Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    put(flags, "data", data);
    put(flags, "config", config);
    put(flags, "ffmpeg", ffmpeg);
    put(flags, "ffprobe", ffprobe);
    put(flags, "x264-preset", x264Preset);
    put(flags, "segment-seconds", segmentSeconds);
    put(flags, "admin-password", adminPassword);
    put(flags, "cache-dir", cacheDir);
    put(flags, "db-url", dbUrl);
    put(flags, "db-user", dbUser);
    return flags;
  }

  static void put(Map<String, String> flags, String key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
