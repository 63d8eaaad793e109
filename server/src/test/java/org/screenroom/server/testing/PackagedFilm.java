package org.screenroom.server.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;

/**
 * A public, ready film whose package is written by hand: a master and a media playlist and one
 * segment of pseudo-random bytes. Enough for tests of the delivery path (tokens, limits,
 * protocols), which need byte-exact files rather than decodable video; and no ffmpeg run.
 *
 * @param id the film id
 * @param segment the segment's bytes, as served at {@code v0/seg_00001.m4s}
 */
public record PackagedFilm(String id, byte[] segment) {
  /** The segment's path inside the package. */
  public static final String SEGMENT = "v0/seg_00001.m4s";

  /** Creates the film on {@code server} with a segment of {@code segmentBytes} bytes. */
  public static PackagedFilm create(TestServer server, int segmentBytes) throws Exception {
    var app = server.app();
    String admin = app.accounts().findByUsername("admin").orElseThrow().id();
    Film film = app.films().create(admin, new FilmMetadata("Packaged", null, null, null,
        List.of(), List.of(), Visibility.PUBLIC, Optional.empty(), Optional.empty()));
    Path dir = app.files().packageDir(film.id());
    Files.createDirectories(dir.resolve("v0"));
    byte[] segment = new byte[segmentBytes];
    new Random(segmentBytes).nextBytes(segment);
    Files.write(dir.resolve(SEGMENT), segment);
    Files.writeString(dir.resolve("v0/playlist.m3u8"), "#EXTM3U\n#EXT-X-VERSION:7\n"
        + "#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.0,\nseg_00001.m4s\n"
        + "#EXT-X-ENDLIST\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("master.m3u8"), "#EXTM3U\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nv0/playlist.m3u8\n",
        StandardCharsets.UTF_8);
    app.films().markReady(film.id(), List.of(), Duration.ofSeconds(4));
    return new PackagedFilm(film.id(), segment);
  }

  /**
   * The directory of the film's current package version on local disk ({@code films/ID/pkg/V}),
   * or its package directory when it has no version.
   */
  public static Path currentDir(org.screenroom.server.app.Screenroom app, String filmId) {
    String version = new org.screenroom.catalog.film.PackageVersionStore(app.database())
        .current(filmId).orElse("");
    return version.isEmpty() ? app.files().packageDir(filmId)
        : app.filmStorage().localDir(filmId, version).orElseThrow();
  }

  /**
   * Every entry of the film's version directory ({@code films/ID/pkg/}) on local disk, published
   * or partial (staging directories start with a dot).
   */
  public static List<String> versionEntries(org.screenroom.server.app.Screenroom app,
      String filmId) throws java.io.IOException {
    Path pkg = app.files().filmDir(filmId).resolve("pkg");
    if (!Files.isDirectory(pkg)) {
      return List.of();
    }
    try (var entries = Files.list(pkg)) {
      return entries.map(e -> e.getFileName().toString()).sorted().toList();
    }
  }

  /** A fresh signed URL prefix ({@code .../play/TOKEN/FILM/}) asked for by {@code token}'s holder. */
  public String playbackPrefix(TestServer server, String apiToken) throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + id + "/playback", apiToken);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("playback: " + r.statusCode() + " " + r.body());
    }
    String hls = new JsonObject(r.body()).getString("hls");
    return hls.substring(0, hls.length() - "master.m3u8".length());
  }

  /** The token part of a prefix from {@link #playbackPrefix}. */
  public static String tokenOf(String prefix) {
    return prefix.split("/play/")[1].split("/")[0];
  }

  /**
   * Writes a new package of the same shape, with new segment bytes (as long as this film's), and
   * renames it over the film's, as a transcode publishes one; returns the new segment's bytes.
   */
  public byte[] republish(TestServer server) throws Exception {
    Path dir = server.app().files().packageDir(id);
    Path staging = dir.resolveSibling("package.next");
    Path old = dir.resolveSibling("package.old");
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = staging.resolve(dir.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    byte[] replaced = new byte[segment.length];
    new Random(7).nextBytes(replaced);
    Files.write(staging.resolve(SEGMENT), replaced);
    Files.move(dir, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (java.util.stream.Stream<Path> files = Files.walk(old)) {
      for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
    return replaced;
  }
}
