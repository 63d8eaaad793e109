package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.config.ByteSize;
import org.screenroom.server.config.ConfigException;
import org.screenroom.server.config.ConfigLoader;
import org.screenroom.server.http.ApiError;

/** Pure tables: tus headers, sizes, the upload limits and the max-upload-size setting. */
class UploadParsingTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static int status(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (ApiError e) {
      return e.status();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {"1.0.0, 0", "' 1.0.0 ', 0", "0.2.2, 412", "1.0, 412", "-, 412"})
  void requireVersion_onlyOneZeroZero(String header, int expected) {
    assertThat(status(() -> TusHeaders.requireVersion(header))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "length={0} defer={1}")
  @CsvSource(nullValues = "-", value = {
      "0, -, 0", "1048576, -, 1048576", "-, 1, -1", "-, -, -1", "-5, -, -1", "1e6, -, -1",
      "9999999999999999999, -, -1", "12 , -, 12"})
  void length_wholeNonNegativeNumbersOnly(String length, String defer, long expected) {
    if (expected < 0) {
      assertThat(status(() -> TusHeaders.length(length, defer))).isEqualTo(400);
    } else {
      assertThat(TusHeaders.length(length, defer)).isEqualTo(expected);
    }
  }

  @Test
  void metadata_decodesFilmIdAndFilename_keepingHostileTextAsText() {
    TusHeaders.Metadata m = TusHeaders.metadata("filmId " + b64("AAAAAAAAAAAA")
        + ",filename " + b64("../<b>x</b>\u0000.mov") + ",other,filetype " + b64("video/mp4"));

    assertThat(m.filmId()).isEqualTo("AAAAAAAAAAAA");
    assertThat(m.filename()).isEqualTo("../<b>x</b>\uFFFD.mov");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "absent                | -",
      "no film               | filename Zm9vLm1wNA==",
      "no filename           | filmId QUFBQUFBQUFBQUFB",
      "blank filename        | filmId QUFBQUFBQUFBQUFB,filename ICA=",
      "not base64            | filmId %%%,filename Zm9vLm1wNA==",
      "not UTF-8             | filmId QUFBQUFBQUFBQUFB,filename //79",
      "key twice             | filmId QUFBQUFBQUFBQUFB,filmId QUFBQUFBQUFBQUFB,filename Zm9vLm1wNA==",
      "three parts           | filmId QUFB QUFB,filename Zm9vLm1wNA==",
  })
  void metadata_bad_is400(String label, String header) {
    assertThat(status(() -> TusHeaders.metadata(header))).isEqualTo(400);
  }

  @Test
  void metadata_filenameOf255CharactersIsKept_256Is400() {
    String film = "filmId " + b64("AAAAAAAAAAAA") + ",filename ";
    assertThat(TusHeaders.metadata(film + b64("é".repeat(255))).filename()).hasSize(255);
    assertThat(status(() -> TusHeaders.metadata(film + b64("é".repeat(256))))).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "'sha1 2jmj7l5rSw0yVb/vlWAYkK/YBwk=', SHA-1",
      "'sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', SHA-256",
      "'SHA256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', SHA-256"})
  void checksum_supportedAlgorithms(String header, String algorithm) {
    assertThat(TusHeaders.checksum(header).orElseThrow().algorithm()).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"md5 1B2M2Y8AsgTpgAmY7PhCfg==", "crc32 AAAAAA==", "sha256", "sha1 a b",
      "sha1 !!!!", "sha256 2jmj7l5rSw0yVb/vlWAYkK/YBwk="})
  void checksum_unsupportedOrMalformed_is400(String header) {
    assertThat(status(() -> TusHeaders.checksum(header))).isEqualTo(400);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "-", value = {
      "application/offset+octet-stream, true", "Application/Offset+Octet-Stream; x=1, true",
      "application/octet-stream, false", "-, false"})
  void offsetOctetStream(String type, boolean expected) {
    assertThat(TusHeaders.isOffsetOctetStream(type)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "-", value = {
      "100-continue, true", "100-Continue, true", "' 100-continue ', true", "-, false", "'', false",
      "200-ok, false", "100-continue-ish, false"})
  void expectsContinue_onlyTheOneExpectation(String expect, boolean expected) {
    assertThat(TusHeaders.expectsContinue(expect)).isEqualTo(expected);
  }

  @Test
  void httpDate_isRfc7231() {
    assertThat(TusHeaders.httpDate(Instant.parse("2026-06-02T08:05:09Z")))
        .isEqualTo("Tue, 2 Jun 2026 08:05:09 GMT");
  }

  // ByteSize's parse and format tables live in UrlIngestRulesTest, beside its other user.

  @Test
  void limits_maxSizeIs413_lowDiskIs507WithASentence() {
    UploadLimits.requireWithinMax(100, 100);
    assertThat(status(() -> UploadLimits.requireWithinMax(101, 100))).isEqualTo(413);

    long margin = ConfigLoader.DEFAULT_MIN_FREE_DISK;
    UploadLimits.requireDiskSpace(1000, margin + 1000, margin);
    assertThatThrownBy(() -> UploadLimits.requireDiskSpace(1000, margin + 999, margin))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(507);
          assertThat(e.getMessage()).contains("free disk space").contains("1000 bytes upload");
        });
  }

  @Test
  void config_maxUploadSize_defaultFlagAndEnv() {
    assertThat(ConfigLoader.load(Map.of(), Map.of(), Map.of()).maxUploadSize()).isEqualTo(500L << 30);
    assertThat(ConfigLoader.load(Map.of("max-upload-size", "2T"), Map.of(), Map.of())
        .maxUploadSize()).isEqualTo(2L << 40);
    assertThat(ConfigLoader.load(Map.of(), Map.of("SCREENROOM_MAX_UPLOAD_SIZE", "1048576"), Map.of())
        .maxUploadSize()).isEqualTo(1L << 20);
  }

  @Test
  void config_minFreeDisk_defaultFlagAndEnv() {
    assertThat(ConfigLoader.load(Map.of(), Map.of(), Map.of()).minFreeDisk()).isEqualTo(256L << 20);
    assertThat(ConfigLoader.load(Map.of("min-free-disk", "50GiB"), Map.of(), Map.of())
        .minFreeDisk()).isEqualTo(50L << 30);
    assertThat(ConfigLoader.load(Map.of(), Map.of("SCREENROOM_MIN_FREE_DISK", "1GiB"), Map.of())
        .minFreeDisk()).isEqualTo(1L << 30);
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("min-free-disk", "plenty"), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--min-free-disk = 'plenty'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "1K", "0", "-5G"})
  void config_maxUploadSize_invalid_saysHowToFix(String value) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-upload-size", value), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--max-upload-size = '" + value + "'")
        .hasMessageContaining("e.g. 500GiB or 2T");
  }
}
