package org.screenroom.server.stream;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed request path on the segment hot path: {@code /play/TOKEN/FILM/FILE}. Anything that is
 * not exactly of this shape is rejected before the file system is touched: no percent-escapes, no
 * dot segments, no backslashes, only the file names a package can hold.
 *
 * @param token the signed token segment (checked separately)
 * @param filmId the film id
 * @param file the file inside the film's package, e.g. {@code master.m3u8} or {@code v0/seg_00001.m4s}
 * @param version the package version the path names ({@code /play/T/F/VERSION/v0/seg_00001.m4s},
 *     as the entry manifests served for a versioned package refer to every other file), or null
 *     for the current package (entry manifests, unversioned packages, older links)
 */
public record PlaybackPath(String token, String filmId, String file, String version) {
  private static final Pattern SHAPE = Pattern.compile(
      "/play/([A-Za-z0-9_-][A-Za-z0-9_.:-]{0,199})/([A-Za-z0-9_-]{12})/"
          + "(?:(master\\.m3u8|manifest\\.mpd)|(?:([a-z0-9]{1,13}-[a-z0-9]{6})/)?"
          + "([a-z0-9_]{1,16}/[a-z0-9_-]{1,64}\\.(?:m4s|mp4|m3u8|vtt|jpg)))");

  /** A path naming the film's current package. */
  public PlaybackPath(String token, String filmId, String file) {
    this(token, filmId, file, null);
  }

  /** Parses a raw (still percent-encoded) request path; empty when it is not a package file. */
  public static Optional<PlaybackPath> parse(String rawPath) {
    if (rawPath == null || rawPath.length() > 400) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(rawPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PlaybackPath(m.group(1), m.group(2),
        m.group(3) != null ? m.group(3) : m.group(5), m.group(4)));
  }

  /** The file's media type, exact for each package file kind. */
  public String contentType() {
    return ContentTypes.forFile(file);
  }

  /** Whether the file is a manifest (short cache life) rather than an immutable segment. */
  public boolean isManifest() {
    return file.endsWith(".m3u8") || file.endsWith(".mpd");
  }
}
