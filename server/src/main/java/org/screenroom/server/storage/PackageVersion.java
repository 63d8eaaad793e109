package org.screenroom.server.storage;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one published package of a film: the transcode's time in base 36 and a random
 * part, e.g. {@code mi9x2k3l-3f9a2c}. Every transcode publishes a new version, under its own keys
 * in a bucket ({@code films/ID/pkg/VERSION/}) and in its segment URLs, so a URL never names
 * different bytes over time and a cached segment is never mixed with a newer package. The dash
 * keeps a version apart from a rendition directory ({@code v0}, {@code a0}, {@code subs}).
 */
public final class PackageVersion {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]{1,13}-[a-z0-9]{6}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PackageVersion() {}

  /** A new version name, ordered by time on {@code clock}. */
  public static String next(Clock clock) {
    String random = Integer.toString(RANDOM.nextInt(1 << 30), 36);
    String padded = ("000000" + random).substring(random.length());
    return Long.toString(clock.millis(), 36).toLowerCase(Locale.ROOT) + "-" + padded;
  }

  /** Whether {@code text} is a version name (checked before it reaches a key or a URL). */
  public static boolean valid(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  /** {@code text} when it is a version name. */
  public static Optional<String> parse(String text) {
    return valid(text) ? Optional.of(text) : Optional.empty();
  }
}
