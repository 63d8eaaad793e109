package org.screenroom.server.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 1048576}, {@code 512M}, {@code 500G}, {@code 2T},
 * {@code 500GiB}, {@code 500GB}. Units are binary (K = 1024): a "500G" disk limit should not
 * surprise anyone by being 7 % smaller than 500 GiB.
 */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([KMGTP])(?:I?B)?|B)?");

  private ByteSize() {}

  /** The size in bytes, or empty when {@code text} is not a size or overflows a long. */
  public static OptionalLong parse(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    try {
      long number = Long.parseLong(m.group(1));
      int shift = m.group(2) == null ? 0 : 10 * (1 + "KMGTP".indexOf(m.group(2)));
      if (shift > 0 && number > (Long.MAX_VALUE >> shift)) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(number << shift);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** A short human form: {@code 500 GiB}, {@code 1.5 MiB}, {@code 12 bytes}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = value == Math.rint(value) ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
    return number + " " + units[unit];
  }
}
