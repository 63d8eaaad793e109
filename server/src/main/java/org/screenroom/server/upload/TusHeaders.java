package org.screenroom.server.upload;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.screenroom.server.http.ApiError;

/**
 * Pure parsers for the tus 1.0 request headers. Each answers a value or throws an {@link ApiError}
 * with the status the tus protocol prescribes and a sentence saying what to send instead.
 */
public final class TusHeaders {
  /** The only protocol version spoken. */
  public static final String VERSION = "1.0.0";
  /** The extensions announced by OPTIONS. */
  public static final String EXTENSIONS =
      "creation,creation-with-upload,termination,checksum,expiration";
  /** The checksum algorithms announced by OPTIONS. */
  public static final String CHECKSUM_ALGORITHMS = "sha1,sha256";
  /** The body type every PATCH (and a creation-with-upload POST) must declare. */
  public static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
  /** The longest file name kept, in characters; longer names are refused, not cut. */
  public static final int MAX_FILENAME = 255;

  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
  private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private TusHeaders() {}

  /** The film and the file name an upload was created with. */
  public record Metadata(String filmId, String filename) {}

  /** An {@code Upload-Checksum}: the algorithm as Java names it and the expected digest. */
  public record Checksum(String algorithm, byte[] expected) {}

  /**
   * Checks {@code Tus-Resumable}.
   *
   * @throws ApiError 412 when it is missing or names another version
   */
  public static void requireVersion(String header) {
    if (!VERSION.equals(header == null ? null : header.strip())) {
      throw ApiError.of(412, "This server speaks tus " + VERSION
          + ": send the header 'Tus-Resumable: " + VERSION + "'.");
    }
  }

  /**
   * The announced total size from {@code Upload-Length}.
   *
   * @throws ApiError 400 when it is missing, deferred (not supported) or not a whole number
   */
  public static long length(String uploadLength, String deferLength) {
    if (uploadLength == null && deferLength != null) {
      throw ApiError.of(400, "Deferred upload lengths are not supported: send Upload-Length with "
          + "the file's size in bytes.");
    }
    if (uploadLength == null) {
      throw ApiError.of(400, "Send Upload-Length with the file's size in bytes.");
    }
    return number(uploadLength, "Upload-Length");
  }

  /**
   * The client's offset from {@code Upload-Offset}.
   *
   * @throws ApiError 400 when it is missing or not a whole number
   */
  public static long offset(String uploadOffset) {
    if (uploadOffset == null) {
      throw ApiError.of(400, "Send Upload-Offset with the number of bytes the server already has "
          + "(HEAD the upload to learn it).");
    }
    return number(uploadOffset, "Upload-Offset");
  }

  /**
   * {@code Upload-Metadata}: comma-separated {@code key base64value} pairs; {@code filmId} and
   * {@code filename} are required. Control characters in the file name (NUL included) become
   * U+FFFD: the name is only ever displayed and stored, never used as a path.
   *
   * @throws ApiError 400 naming what is missing or malformed
   */
  public static Metadata metadata(String header) {
    Map<String, String> pairs = new HashMap<>();
    if (header != null && !header.isBlank()) {
      for (String pair : header.split(",", -1)) {
        String[] parts = pair.strip().split(" ", -1);
        if (parts.length > 2 || !METADATA_KEY.matcher(parts[0]).matches()) {
          throw ApiError.of(400, "Upload-Metadata must be comma-separated 'key base64value' pairs.");
        }
        if (pairs.put(parts[0], parts.length == 2 ? decode(parts[0], parts[1]) : "") != null) {
          throw ApiError.of(400, "Upload-Metadata names '" + parts[0] + "' twice.");
        }
      }
    }
    String filmId = pairs.get("filmId");
    if (filmId == null || filmId.isBlank()) {
      throw ApiError.of(400, "Upload-Metadata must name the film: add 'filmId' with the film's id "
          + "in base64.");
    }
    String filename = pairs.getOrDefault("filename", "").strip();
    if (filename.isEmpty()) {
      throw ApiError.of(400, "Upload-Metadata must carry the file's name: add 'filename' in base64.");
    }
    if (filename.codePointCount(0, filename.length()) > MAX_FILENAME) {
      throw ApiError.of(400, "The file name is longer than " + MAX_FILENAME
          + " characters: rename the file and upload it again.");
    }
    return new Metadata(filmId, withoutControlCharacters(filename));
  }

  /**
   * {@code Upload-Checksum: ALGORITHM BASE64}, or empty when the header is absent.
   *
   * @throws ApiError 400 for an unsupported algorithm or a malformed digest
   */
  public static Optional<Checksum> checksum(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.strip().split(" ", -1);
    if (parts.length != 2) {
      throw ApiError.of(400, "Upload-Checksum must be 'ALGORITHM BASE64DIGEST', e.g. 'sha256 ...'.");
    }
    String javaName;
    int size;
    switch (parts[0].toLowerCase(Locale.ROOT)) {
      case "sha1" -> {
        javaName = "SHA-1";
        size = 20;
      }
      case "sha256" -> {
        javaName = "SHA-256";
        size = 32;
      }
      default -> throw ApiError.of(400, "The checksum algorithm '" + parts[0]
          + "' is not supported: use one of " + CHECKSUM_ALGORITHMS + ".");
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw ApiError.of(400, "The Upload-Checksum digest is not valid base64.");
    }
    if (expected.length != size) {
      throw ApiError.of(400, "The Upload-Checksum digest has " + expected.length
          + " bytes; " + parts[0] + " has " + size + ".");
    }
    return Optional.of(new Checksum(javaName, expected));
  }

  /** Whether a Content-Type header is {@code application/offset+octet-stream}. */
  public static boolean isOffsetOctetStream(String contentType) {
    return contentType != null && contentType.split(";", 2)[0].strip()
        .equalsIgnoreCase(OFFSET_OCTET_STREAM);
  }

  /** Whether an Expect header asks for {@code 100 Continue} before the body (RFC 9110 10.1.1). */
  public static boolean expectsContinue(String expect) {
    return expect != null && expect.strip().equalsIgnoreCase("100-continue");
  }

  /** An instant in the HTTP date format {@code Upload-Expires} uses. */
  public static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  private static long number(String raw, String header) {
    String value = raw.strip();
    if (!DIGITS.matcher(value).matches()) {
      throw ApiError.of(400, header + " must be a whole number of bytes, not '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'.");
    }
    return Long.parseLong(value);
  }

  private static String decode(String key, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ApiError.of(400, "Upload-Metadata '" + key + "' is not valid base64.");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.of(400, "Upload-Metadata '" + key + "' is not UTF-8 text.");
    }
  }

  private static String withoutControlCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? 0xFFFD : c));
    return out.toString();
  }
}
