package org.screenroom.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people write and read them: {@code 500GiB}, {@code 1.5 MiB}. Pure. */
public final class ByteSize {
  public static final long KIB = 1L << 10;
  public static final long MIB = 1L << 20;
  public static final long GIB = 1L << 30;
  public static final long TIB = 1L << 40;
  private static final long[] UNITS = {TIB, GIB, MIB, KIB};
  private static final String[] NAMES = {"TiB", "GiB", "MiB", "KiB"};
  // Units are binary whatever the spelling: "500G", "500GB" and "500GiB" all mean 500 x 2^30.
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(?:([kmgt])(?:i?b)?|b)?");

  private ByteSize() {}

  /** Parses {@code 1048576}, {@code 512MiB}, {@code 500G}; empty when not a positive size. */
  public static Optional<Long> parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "k" -> KIB;
      case "m" -> MIB;
      case "g" -> GIB;
      default -> TIB;
    };
    if (n <= 0 || n > Long.MAX_VALUE / unit) {
      return Optional.empty();
    }
    return Optional.of(n * unit);
  }

  /** {@code 536870912000} as {@code 500 GiB}, {@code 1572864} as {@code 1.5 MiB}, small as bytes. */
  public static String format(long bytes) {
    for (int i = 0; i < UNITS.length; i++) {
      if (bytes >= UNITS[i]) {
        BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(UNITS[i]), 1,
            RoundingMode.HALF_UP).stripTrailingZeros();
        return value.toPlainString() + " " + NAMES[i];
      }
    }
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }
}
