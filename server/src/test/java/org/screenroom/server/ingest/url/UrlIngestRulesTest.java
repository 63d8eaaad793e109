package org.screenroom.server.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.server.config.ByteSize;
import org.screenroom.server.http.ApiError;

/** The pure rules of URL ingest: addresses, redirects, file names, sizes and sentences. */
class UrlIngestRulesTest {
  private static final URI START = URI.create("https://files.example.org/share/abc");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ftp://files.example.org/film.mov          | only http and https",
      "files.example.org/film.mov                | no http:// or https://",
      "http://user:pw@files.example.org/film.mov | user name or password",
      "https://user@files.example.org/film.mov   | user name or password",
      "https://                                  | not a valid web address",
      "https:///film.mov                         | no server name",
      "https://files.example.org/a film.mov      | not a valid web address",
      "file:///etc/passwd                        | only http and https",
  })
  void parse_badAddress_is400NamingUrl(String url, String says) {
    assertThatThrownBy(() -> SourceUrl.parse(url))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("url");
        })
        .hasMessageContaining(says);
  }

  @Test
  void parse_longerThanTheCap_is400_atTheCapIsAccepted() {
    String prefix = "https://files.example.org/";
    String atCap = prefix + "a".repeat(SourceUrl.MAX_LENGTH - prefix.length());

    assertThat(SourceUrl.parse(atCap).getHost()).isEqualTo("files.example.org");
    assertThatThrownBy(() -> SourceUrl.parse(atCap + "a")).hasMessageContaining("longer than 2048");
  }

  @Test
  void next_relativeLocation_resolvesAgainstTheCurrentAddress() {
    Set<URI> visited = new LinkedHashSet<>(List.of(START));

    assertThat(Hops.next(START, "../files/film.mov?sig=x", visited, 5))
        .isEqualTo(URI.create("https://files.example.org/files/film.mov?sig=x"));
  }

  @Test
  void next_backToAVisitedAddress_isALoop() {
    URI second = URI.create("https://cdn.example.org/x");
    Set<URI> visited = new LinkedHashSet<>(List.of(START, second));

    assertThatThrownBy(() -> Hops.next(second, START.toString(), visited, 5))
        .isInstanceOf(FetchFailure.class).hasMessageStartingWith("The address redirects in a loop:");
  }

  @Test
  void next_pastTheBound_fails_atTheBoundFollows() {
    Set<URI> visited = new LinkedHashSet<>();
    for (int i = 0; i < 5; i++) {
      visited.add(URI.create("https://files.example.org/hop/" + i));
    }
    URI current = URI.create("https://files.example.org/hop/4");

    assertThat(Hops.next(current, "/hop/5", visited, 5)).hasPath("/hop/5");
    visited.add(URI.create("https://files.example.org/hop/5"));
    assertThatThrownBy(() -> Hops.next(current, "/hop/6", visited, 5))
        .hasMessageStartingWith("The address redirects more than 5 times:");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "ftp://files.example.org/f.mov              | ftp://files.example.org",
      "https://user:secret@files.example.org/f.mov | https://files.example.org",
      "''                                         | without saying where",
  })
  void next_unusableTarget_failsWithoutRepeatingSecrets(String location, String says) {
    Set<URI> visited = new LinkedHashSet<>(List.of(START));

    assertThatThrownBy(() -> Hops.next(START, location, visited, 5))
        .isInstanceOf(FetchFailure.class).hasMessageContaining(says)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "https://x.org/films/My%20Film.mov?sig=abc | My Film.mov",
      "https://x.org/                            | download",
      "https://x.org/..                          | download",
      "https://x.org/%2e%2e                      | download",
      "https://x.org/a%2Fb%5C..%2Fc.mp4          | a_b_.._c.mp4",
      "https://x.org/%00evil.mov                 | _evil.mov",
      "https://x.org/caf%C3%A9.mov               | caf_.mov",
  })
  void filename_isTheDecodedLastSegment_reducedToSafeCharacters(String url, String name) {
    assertThat(Hops.filename(URI.create(url))).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "404 | Not Found            | The address answered 404 Not Found: check the link and try again.",
      "403 | Forbidden            | The address answered 403 Forbidden: the link needs a sign-in or has expired; make a public share link and try again.",
      "503 | Service Unavailable  | The address answered 503 Service Unavailable: the other server has a problem; try again later or upload the file instead.",
      "204 | ''                   | The address answered 204 instead of a file: check the link and try again.",
  })
  void status_isASentence(int status, String reason, String sentence) {
    assertThat(FetchSentences.status(status, reason)).isEqualTo(sentence);
  }

  @Test
  void sentences_sizesAndStalls() {
    assertThat(FetchSentences.tooLarge(500 * ByteSize.GIB, null))
        .isEqualTo("The file is larger than the 500 GiB limit.");
    assertThat(FetchSentences.stalled(Duration.ofSeconds(30)))
        .isEqualTo("The download stalled for more than 30 s: check the link or upload the file instead.");
    assertThat(FetchSentences.transport("x.org", new java.net.UnknownHostException("x.org"),
        Duration.ofSeconds(30), Duration.ofSeconds(30))).startsWith("There is no server called x.org");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1048576, 1048576", "1MiB, 1048576", "500GiB, 536870912000", "500g, 536870912000",
      "2 TB, 2199023255552", "512k, 524288"})
  void byteSize_parse(String text, long bytes) {
    assertThat(ByteSize.parse(text)).contains(bytes);
  }

  @ParameterizedTest
  @CsvSource({"0", "-1", "1.5GiB", "lots", "99999999999999T", "''"})
  void byteSize_parse_refusesNonSizes(String text) {
    assertThat(ByteSize.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"536870912000, 500 GiB", "1572864, 1.5 MiB", "1048576, 1 MiB", "1023, 1023 bytes",
      "1, 1 byte"})
  void byteSize_format(long bytes, String text) {
    assertThat(ByteSize.format(bytes)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} internal={1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "127.0.0.1, true", "127.8.9.10, true", "10.1.2.3, true", "172.16.0.1, true",
      "172.31.255.255, true", "192.168.1.1, true", "169.254.169.254, true", "0.0.0.0, true",
      "100.64.0.1, true", "224.0.0.1, true", "::1, true", "fe80::1, true", "fd12:3456::1, true",
      "::, true", "8.8.8.8, false", "172.32.0.1, false", "100.128.0.1, false", "192.0.2.1, false",
      "2001:db8::1, false", "151.101.1.69, false"})
  void internalAddresses_table(String address, boolean internal) throws Exception {
    assertThat(InternalAddresses.isInternal(java.net.InetAddress.getByName(address))).isEqualTo(internal);
  }
}
