package org.screenroom.server.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * What to answer for one package file, decided from the index entry and the request's
 * conditional, range and encoding headers alone: the status, the headers in the order they are
 * sent, and which bytes. Pure, and the one place this is decided: {@link SegmentHandler} (through
 * Vert.x) and {@link FastSegments} (below it) both send what this says, so the two paths cannot
 * drift apart.
 *
 * @param kind what kind of answer
 * @param headers the headers, in order (without CORS, which comes first, and Content-Length,
 *     which comes last)
 * @param first the first byte to send (BODY)
 * @param length how many bytes to send (BODY)
 * @param partial whether the body is a part of the file (206)
 * @param gzip whether the body is the entry's gzip form (BODY)
 */
public record SegmentAnswer(Kind kind, List<Header> headers, long first, long length,
    boolean partial, boolean gzip) {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  // Manifests are small and may be re-published (a new transcode): keep their life short. So are
  // files under an unversioned URL, whose bytes a new transcode replaces.
  static final String SHORT = "public, max-age=10";

  /** The kinds of answer. */
  public enum Kind {
    /** 304: the client's copy is current. */
    NOT_MODIFIED,
    /** 416: the range is outside the file (the caller adds the error body). */
    UNSATISFIABLE,
    /** 200 with the whole file, or 206 with a part of it. */
    BODY
  }

  /**
   * One header line.
   *
   * @param name as sent (lower case, as Vert.x's constants)
   * @param value its value
   */
  public record Header(String name, String value) {}

  /** Copies the headers. */
  public SegmentAnswer {
    headers = List.copyOf(headers);
  }

  /** The status code: 304, 416, 206 for a part, 200 for the whole. */
  public int status() {
    return switch (kind) {
      case NOT_MODIFIED -> 304;
      case UNSATISFIABLE -> 416;
      case BODY -> partial() ? 206 : 200;
    };
  }

  /**
   * Decides the answer for {@code file} named by {@code path}, given the request's headers (each
   * null when absent).
   */
  public static SegmentAnswer of(PlaybackPath path, PackageIndex.Entry file, String ifNoneMatch,
      String ifModifiedSince, String range, String ifRange, String acceptEncoding) {
    boolean gzip = file.gzipped() != null && range == null && acceptsGzip(acceptEncoding);
    String etag = gzip ? file.gzipEtag() : file.etag();
    List<Header> headers = new ArrayList<>(8);
    String contentType = path.contentType();
    headers.add(new Header("content-type", contentType));
    headers.add(new Header("cache-control", immutable(path) ? IMMUTABLE : SHORT));
    headers.add(new Header("etag", etag));
    headers.add(new Header("last-modified", file.lastModified()));
    headers.add(new Header("accept-ranges", "bytes"));
    if (file.gzipped() != null) {
      headers.add(new Header("vary", "Accept-Encoding"));
    }
    if (Conditional.notModified(ifNoneMatch, ifModifiedSince, etag, file.modified())) {
      headers.remove(0); // a 304 has no body, hence no type
      return new SegmentAnswer(Kind.NOT_MODIFIED, headers, 0, 0, false, false);
    }
    ByteRange bytes = Conditional.rangeApplies(ifRange, file.etag())
        ? ByteRange.parse(range, file.size()) : new ByteRange.Whole();
    if (bytes instanceof ByteRange.Unsatisfiable) {
      headers.add(new Header("content-range", "bytes */" + file.size()));
      return new SegmentAnswer(Kind.UNSATISFIABLE, headers, 0, 0, false, false);
    }
    long first = 0;
    long length = file.size();
    if (bytes instanceof ByteRange.Part part) {
      first = part.first();
      length = part.length();
      headers.add(new Header("content-range",
          "bytes " + part.first() + "-" + part.last() + "/" + file.size()));
    }
    if (gzip) {
      headers.add(new Header("content-encoding", "gzip"));
    }
    return new SegmentAnswer(Kind.BODY, headers, first, length,
        bytes instanceof ByteRange.Part, gzip);
  }

  /**
   * Whether the response may be cached for good: only a file under a URL naming its package
   * version, whose bytes never change. Manifests, and files of an unversioned URL (a package
   * from before versions, or an older link), may be replaced by a new transcode.
   */
  static boolean immutable(PlaybackPath path) {
    return path.version() != null && !path.isManifest();
  }

  /** Whether an Accept-Encoding value admits gzip (a q=0 refuses it). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      if (p[0].trim().equalsIgnoreCase("gzip")) {
        return p.length < 2 || !p[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }
}
