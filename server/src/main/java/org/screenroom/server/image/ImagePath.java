package org.screenroom.server.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image address {@code /images/{filmId}/{name}-{width}.jpg}. Pure; anything else (dot
 * segments, encoded slashes, other extensions, NUL bytes) is not an image path.
 */
public record ImagePath(String filmId, String name, int width) {
  private static final Pattern PATH = Pattern.compile(
      "/images/([A-Za-z0-9_-]{12})/([A-Za-z0-9_-]{12})-([1-9][0-9]{1,4})\\.jpg");

  /** Parses a raw request path, or empty when it is not an image path. */
  public static Optional<ImagePath> parse(String rawPath) {
    if (rawPath == null) {
      return Optional.empty();
    }
    var m = PATH.matcher(rawPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImagePath(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
  }

  /** The stored file's name in the film's image directory. */
  public String fileName() {
    return fileName(name, width);
  }

  /** The file name of one width of an image. */
  public static String fileName(String name, int width) {
    return name + "-" + width + ".jpg";
  }
}
