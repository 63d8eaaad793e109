package org.screenroom.server.stream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Range} header for one file (RFC 9110 section 14): a single byte range, the
 * whole file, or unsatisfiable. Several ranges (multipart answers) are not offered: players never
 * ask for them, so such a header is served whole, as the RFC allows for any range we ignore.
 */
public sealed interface ByteRange {
  /** Serve the whole file with 200. */
  record Whole() implements ByteRange {}

  /** Serve bytes {@code first..last} (inclusive) with 206. */
  record Part(long first, long last) implements ByteRange {
    /** The number of bytes in the part. */
    public long length() {
      return last - first + 1;
    }
  }

  /** Answer 416 with {@code Content-Range: bytes *\/size}. */
  record Unsatisfiable() implements ByteRange {}

  /** {@code bytes=first-[last]} or {@code bytes=-suffix}, digits only, one range. */
  Pattern SINGLE = Pattern.compile("bytes=(?:(\\d{1,18})-(\\d{0,18})|-(\\d{1,18}))");

  /** Parses {@code header} for a file of {@code size} bytes; pure. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches()) {
      // Malformed, another unit or several ranges: a server may ignore Range and send it all.
      return new Whole();
    }
    if (m.group(3) != null) {
      long suffix = Long.parseLong(m.group(3));
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(Math.max(0, size - suffix), size - 1);
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
    if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(first, last);
  }
}
