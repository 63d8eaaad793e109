package org.screenroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.server.auth.Credentials.Basic;

class CredentialsTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> basicHeaders() {
    return Stream.of(
        // Regression: control characters inside the username were accepted.
        Arguments.of("NUL in user", "Basic " + b64("ad\u0000a:pw"), Optional.empty()),
        Arguments.of("CRLF in user", "Basic " + b64("ada\r\nX-Evil: 1:pw"), Optional.empty()),
        Arguments.of("valid", "Basic " + b64("ada:lovelace"), Optional.of(new Basic("ada", "lovelace"))),
        Arguments.of("lower-case scheme", "basic " + b64("ada:lovelace"),
            Optional.of(new Basic("ada", "lovelace"))),
        Arguments.of("upper-case scheme", "BASIC " + b64("ada:lovelace"),
            Optional.of(new Basic("ada", "lovelace"))),
        Arguments.of("password holding colons", "Basic " + b64("ada:a:b:c"),
            Optional.of(new Basic("ada", "a:b:c"))),
        Arguments.of("empty password", "Basic " + b64("ada:"), Optional.of(new Basic("ada", ""))),
        Arguments.of("non-ASCII user and password", "Basic " + b64("zoë:mötley"),
            Optional.of(new Basic("zoë", "mötley"))),
        Arguments.of("trailing spaces", "Basic " + b64("ada:pw") + "  ", Optional.of(new Basic("ada", "pw"))),
        Arguments.of("no colon", "Basic " + b64("adalovelace"), Optional.empty()),
        Arguments.of("empty user", "Basic " + b64(":lovelace"), Optional.empty()),
        Arguments.of("empty credentials", "Basic " + b64(""), Optional.empty()),
        Arguments.of("bad base64", "Basic !!!not-base64!!!", Optional.empty()),
        Arguments.of("base64 url alphabet", "Basic " + "_-_-", Optional.empty()),
        Arguments.of("scheme only", "Basic", Optional.empty()),
        Arguments.of("scheme and space only", "Basic ", Optional.empty()),
        Arguments.of("wrong scheme", "Bearer " + b64("ada:lovelace"), Optional.empty()),
        Arguments.of("scheme prefix", "Basicx " + b64("ada:lovelace"), Optional.empty()),
        Arguments.of("leading space", " Basic " + b64("ada:lovelace"), Optional.empty()),
        Arguments.of("raw credentials", "ada:lovelace", Optional.empty()),
        Arguments.of("empty header", "", Optional.empty()),
        Arguments.of("5000-character header", "Basic " + b64("ada:" + "x".repeat(3700)), Optional.empty()),
        Arguments.of("null header", null, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basicHeaders")
  void basic_header_parsesOnlyWellFormedCredentials(String what, String header,
      Optional<Basic> expected) {
    if ("5000-character header".equals(what)) {
      assertThat(header).hasSizeGreaterThan(4096);
    }
    assertThat(Credentials.basic(header)).isEqualTo(expected);
  }

  static Stream<Arguments> bearerHeaders() {
    String longest = "t".repeat(512);
    return Stream.of(
        Arguments.of("valid", "Bearer sr_abc.DEF-123", Optional.of("sr_abc.DEF-123")),
        Arguments.of("lower-case scheme", "bearer tok", Optional.of("tok")),
        Arguments.of("base64 characters", "Bearer a+b/c=~", Optional.of("a+b/c=~")),
        Arguments.of("512 characters", "Bearer " + longest, Optional.of(longest)),
        Arguments.of("trailing space", "Bearer tok ", Optional.of("tok")),
        Arguments.of("513 characters", "Bearer " + longest + "t", Optional.empty()),
        Arguments.of("space inside token", "Bearer tok en", Optional.empty()),
        Arguments.of("quote", "Bearer tok\"en", Optional.empty()),
        Arguments.of("angle brackets", "Bearer <script>", Optional.empty()),
        Arguments.of("CRLF", "Bearer tok\r\nX-Evil: 1", Optional.empty()),
        Arguments.of("non-ASCII", "Bearer tökén", Optional.empty()),
        Arguments.of("scheme only", "Bearer", Optional.empty()),
        Arguments.of("scheme and space only", "Bearer ", Optional.empty()),
        Arguments.of("wrong scheme", "Basic tok", Optional.empty()),
        Arguments.of("token only", "tok", Optional.empty()),
        Arguments.of("5000-character header", "Bearer " + "t".repeat(4993), Optional.empty()),
        Arguments.of("null header", null, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bearerHeaders")
  void bearer_header_givesOnlyAPlainToken(String what, String header, Optional<String> expected) {
    assertThat(Credentials.bearer(header)).isEqualTo(expected);
  }
}
