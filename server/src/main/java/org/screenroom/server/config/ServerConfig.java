package org.screenroom.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.screenroom.catalog.db.CatalogLocation;

/**
 * The effective configuration, typed and validated once at start-up by {@link ConfigLoader}.
 *
 * @param host the address to bind ({@code 0.0.0.0} for every interface)
 * @param port the port to bind (0 picks a free one)
 * @param dataDir where the catalog, masters, packages and caches live
 * @param ffmpeg a system ffmpeg that wins over the bundled one
 * @param ffprobe a system ffprobe (else beside {@code ffmpeg}, else bundled)
 * @param adminPassword the first admin's password on an empty catalog (else generated)
 * @param publicUrl the URL viewers reach this server at, for absolute links (else from requests)
 * @param playbackTtl how long a signed playback URL lives
 * @param transcodeConcurrency how many transcodes run at once
 * @param x264Preset the x264 speed/quality trade-off
 * @param segmentSeconds the packaged segment duration
 * @param demo whether to create a demo film when the catalog has none
 * @param cacheDir where re-creatable files go (the extracted ffmpeg, Vert.x's file cache)
 * @param maxUploadSize the largest original accepted, in bytes, by upload or URL ingest
 * @param minFreeDisk bytes an upload must leave free on the data disk (for the catalog and the
 *     transcode's package); an upload that would not is refused (507) before its first byte
 * @param catalog where the catalog lives: {@code DATA/catalog.db} unless {@code db-url} names a
 *     PostgreSQL database (or another SQLite file)
 * @param stream the hot path's keys, timeouts, connection limits and TLS
 * @param storage where masters and packages are kept: the data directory or an S3 bucket
 * @param cluster the cluster of servers and transcode workers to join, when {@code cluster} is set
 * @param access trusted proxies (the client address), session lifetimes, the sign-in throttle
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<Path> ffmpeg,
    Optional<Path> ffprobe,
    Optional<String> adminPassword,
    Optional<String> publicUrl,
    Duration playbackTtl,
    int transcodeConcurrency,
    String x264Preset,
    int segmentSeconds,
    boolean demo,
    Path cacheDir,
    long maxUploadSize,
    long minFreeDisk,
    CatalogLocation catalog,
    Optional<MailSettings> mail,
    StreamConfig stream,
    org.screenroom.server.storage.StorageSettings storage,
    Optional<ClusterConfig> cluster,
    AccessConfig access) {

  /** The SQLite catalog file (for a PostgreSQL catalog, where it would be: it is not used). */
  public Path catalogFile() {
    return catalog.sqliteFile().orElse(dataDir.resolve("catalog.db"));
  }

  /** Where resumable uploads keep their bytes until they are complete. */
  public Path uploadsDir() {
    return dataDir.resolve("uploads");
  }

  /** The configuration as printable key/value pairs, secrets masked, for the start-up log. */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("host", host);
    out.put("port", Integer.toString(port));
    out.put("data", dataDir.toAbsolutePath().toString());
    out.put("ffmpeg", ffmpeg.map(Path::toString).orElse("bundled"));
    out.put("ffprobe", ffprobe.map(Path::toString).orElse(ffmpeg.isPresent() ? "beside ffmpeg" : "bundled"));
    out.put("admin-password", adminPassword.map(p -> "(set)").orElse("(generated on first start)"));
    out.put("public-url", publicUrl.orElse("(from each request's Host)"));
    out.put("playback-ttl", playbackTtl.toString());
    out.put("transcode-concurrency", Integer.toString(transcodeConcurrency));
    out.put("x264-preset", x264Preset);
    out.put("segment-seconds", Integer.toString(segmentSeconds));
    out.put("demo", Boolean.toString(demo));
    out.put("cache-dir", cacheDir.toAbsolutePath().toString());
    out.put("max-upload-size", ByteSize.format(maxUploadSize));
    out.put("min-free-disk", ByteSize.format(minFreeDisk));
    out.put("db-url", catalog.toString());
    out.put("db-password", catalog.password().map(p -> "(set)").orElse("(none)"));
    out.put("smtp", mail.map(m -> m.host() + ":" + m.port() + " (" + m.tls() + ", from " + m.from()
        + m.username().map(u -> ", user " + u).orElse("") + ")").orElse("(none: no invitation emails)"));
    stream.describe(out);
    storage.describe(out);
    cluster.ifPresentOrElse(c -> c.describe(out), () -> out.put("cluster", "(none: transcodes here)"));
    access.describe(out);
    return out;
  }
}
