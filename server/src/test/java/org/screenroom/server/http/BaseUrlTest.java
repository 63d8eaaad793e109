package org.screenroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;

class BaseUrlTest {
  private static final String FALLBACK = "10.0.0.5:8080";

  @Test
  void of_configuredUrl_winsOverHostAndScheme() {
    assertThat(BaseUrl.of(Optional.of("https://films.example.org"), "http", "evil.com", FALLBACK))
        .isEqualTo("https://films.example.org");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "http,  films.example.org,       http://films.example.org",
      "https, films.example.org,       https://films.example.org",
      "https, films.example.org:8443,  https://films.example.org:8443",
      "http,  localhost:8080,          http://localhost:8080",
      "http,  192.168.1.20:80,         http://192.168.1.20:80",
      "http,  '[::1]:8080',            'http://[::1]:8080'",
      "http,  '[2001:db8::1]',         'http://[2001:db8::1]'",
      "ftp,   films.example.org,       http://films.example.org",
      "HTTPS, films.example.org,       http://films.example.org"})
  void of_validHost_isUsedWithTheRequestScheme(String scheme, String host, String expected) {
    assertThat(BaseUrl.of(Optional.empty(), scheme, host, FALLBACK)).isEqualTo(expected);
  }

  static Stream<String> hostileHosts() {
    return Stream.of(
        // Regression: a port past 65535 and a label of dashes were echoed into links.
        "host:99999",
        "-.-",
        "-evil.com",
        "evil.com/path",
        "evil.com/",
        "a b",
        "x\"onload",
        "x'onload=alert(1)",
        "<script>",
        "evil.com\r\nSet-Cookie: a=b",
        "user@evil.com",
        "evil.com?x=1",
        "evil.com#frag",
        "evil.com\\path",
        "évil.com",
        "host:99999999",
        "host:",
        ":8080",
        "",
        ".",
        "a..b",
        "[::1",
        "[not-an-address]",
        "a".repeat(64),
        "a".repeat(300),
        "a.".repeat(12) + "a");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("hostileHosts")
  @NullSource
  void of_hostileHost_fallsBackToTheBoundAddress(String host) {
    assertThat(BaseUrl.of(Optional.empty(), "http", host, FALLBACK)).isEqualTo("http://" + FALLBACK);
    assertThat(BaseUrl.of(Optional.empty(), "https", host, FALLBACK)).isEqualTo("https://" + FALLBACK);
  }
}
