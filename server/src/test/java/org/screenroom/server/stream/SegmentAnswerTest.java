package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one decision both segment paths send, as a table of request headers to answers. */
class SegmentAnswerTest {
  private static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00.250Z");
  private static final String ETAG = "\"3e8-abc\"";
  private static final PackageIndex.Entry SEGMENT = new PackageIndex.Entry(Path.of("/p/v0/s.m4s"),
      1000, MODIFIED, Conditional.httpDate(MODIFIED), ETAG, null, null);
  private static final PackageIndex.Entry PLAYLIST = new PackageIndex.Entry(
      Path.of("/p/v0/playlist.m3u8"), 4, MODIFIED, Conditional.httpDate(MODIFIED), ETAG,
      Buffer.buffer("#EXT"), Buffer.buffer("gz"));
  private static final PlaybackPath VERSIONED =
      new PlaybackPath("t", "film12345678", "v0/s.m4s", "abc-123456");
  private static final PlaybackPath UNVERSIONED =
      new PlaybackPath("t", "film12345678", "v0/s.m4s");
  private static final PlaybackPath MANIFEST =
      new PlaybackPath("t", "film12345678", "v0/playlist.m3u8");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // case | INM | IMS | Range | If-Range | status | first | length | extra headers
      "whole | - | - | - | - | 200 | 0 | 1000 | -",
      "from zero | - | - | bytes=0- | - | 206 | 0 | 1000 | content-range=bytes 0-999/1000",
      "suffix | - | - | bytes=-500 | - | 206 | 500 | 500 | content-range=bytes 500-999/1000",
      "middle | - | - | bytes=100-199 | - | 206 | 100 | 100 | content-range=bytes 100-199/1000",
      "past the end | - | - | bytes=1000- | - | 416 | 0 | 0 | content-range=bytes */1000",
      "malformed range | - | - | bytes=a-b | - | 200 | 0 | 1000 | -",
      "etag matches | '\"3e8-abc\"' | - | - | - | 304 | 0 | 0 | -",
      "etag differs | '\"other\"' | - | - | - | 200 | 0 | 1000 | -",
      "not modified since | - | 'Sun, 01 Mar 2026 10:00:00 GMT' | - | - | 304 | 0 | 0 | -",
      "modified since | - | 'Sun, 01 Mar 2026 09:59:59 GMT' | - | - | 200 | 0 | 1000 | -",
      "if-range matches | - | - | bytes=0-9 | '\"3e8-abc\"' | 206 | 0 | 10 | content-range=bytes 0-9/1000",
      "if-range differs | - | - | bytes=0-9 | '\"old\"' | 200 | 0 | 1000 | -",
  })
  void of_segment(String name, String ifNoneMatch, String ifModifiedSince, String range,
      String ifRange, int status, long first, long length, String extra) {
    SegmentAnswer a = SegmentAnswer.of(VERSIONED, SEGMENT, ifNoneMatch, ifModifiedSince, range,
        ifRange, null);

    assertThat(a.status()).isEqualTo(status);
    if (a.kind() == SegmentAnswer.Kind.BODY) {
      assertThat(a.first()).isEqualTo(first);
      assertThat(a.length()).isEqualTo(length);
    }
    String expected = (status == 304 ? "" : "content-type=video/iso.segment,")
        + "cache-control=" + SegmentAnswer.IMMUTABLE + ",etag=" + ETAG + ",last-modified="
        + Conditional.httpDate(MODIFIED) + ",accept-ranges=bytes"
        + (extra == null ? "" : "," + extra);
    assertThat(a.headers().stream().map(h -> h.name() + "=" + h.value())
        .collect(Collectors.joining(","))).isEqualTo(expected);
    assertThat(a.gzip()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "gzip accepted | gzip, br | - | true",
      "gzip refused | gzip;q=0 | - | false",
      "no encoding | - | - | false",
      "a range wants the stored bytes | gzip | bytes=0-1 | false",
  })
  void of_manifest_gzipOnlyWhenAcceptedAndWhole(String name, String acceptEncoding,
      String range, boolean gzip) {
    SegmentAnswer a = SegmentAnswer.of(MANIFEST, PLAYLIST, null, null, range, null,
        acceptEncoding);

    assertThat(a.gzip()).isEqualTo(gzip);
    assertThat(a.headers()).contains(new SegmentAnswer.Header("vary", "Accept-Encoding"),
        new SegmentAnswer.Header("cache-control", SegmentAnswer.SHORT),
        new SegmentAnswer.Header("etag", gzip ? PLAYLIST.gzipEtag() : ETAG));
    assertThat(a.headers().contains(new SegmentAnswer.Header("content-encoding", "gzip")))
        .isEqualTo(gzip);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"versioned segment, true", "unversioned segment, false", "manifest, false"})
  void of_cacheControl_immutableOnlyForAVersionedSegment(String name, boolean immutable) {
    PlaybackPath path = switch (name) {
      case "versioned segment" -> VERSIONED;
      case "unversioned segment" -> UNVERSIONED;
      default -> MANIFEST;
    };

    assertThat(SegmentAnswer.of(path, SEGMENT, null, null, null, null, null).headers())
        .contains(new SegmentAnswer.Header("cache-control",
            immutable ? SegmentAnswer.IMMUTABLE : SegmentAnswer.SHORT));
  }
}
