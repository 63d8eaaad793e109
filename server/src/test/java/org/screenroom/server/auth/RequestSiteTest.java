package org.screenroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSiteTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "no headers (script)               | -                                | -           | films.example:8080 | -                         | false",
      "same origin                       | http://films.example:8080        | same-origin | films.example:8080 | -                         | false",
      "Origin host case differs          | http://FILMS.example:8080        | -           | films.example:8080 | -                         | false",
      "typed in the address bar          | -                                | none        | films.example:8080 | -                         | false",
      "public URL behind a proxy         | https://films.example            | -           | 10.0.0.5:8080      | https://films.example/    | false",
      "public URL, other scheme          | http://films.example             | -           | 10.0.0.5:8080      | https://films.example     | true",
      "other site                        | https://evil.example             | -           | films.example:8080 | -                         | true",
      "other port                        | http://films.example:8081        | -           | films.example:8080 | -                         | true",
      "sibling prefix                    | http://films.example:8080.evil.example | -     | films.example:8080 | -                         | true",
      "userinfo                          | http://films.example:8080@evil.example | -     | films.example:8080 | -                         | true",
      "opaque origin                     | null                             | -           | films.example:8080 | -                         | true",
      "not a URL                         | %%%                              | -           | films.example:8080 | -                         | true",
      "file scheme                       | file://films.example:8080        | -           | films.example:8080 | -                         | true",
      "Sec-Fetch-Site cross-site         | -                                | cross-site  | films.example:8080 | -                         | true",
      "Sec-Fetch-Site same-site          | -                                | same-site   | films.example:8080 | -                         | true",
      "Sec-Fetch-Site upper case         | -                                | SAME-ORIGIN | films.example:8080 | -                         | false",
      "same Origin but fetch cross-site  | http://films.example:8080        | cross-site  | films.example:8080 | -                         | true",
      "no Host, no public URL            | http://films.example:8080        | -           | -                  | -                         | true",
  })
  void isCrossSite(String label, String origin, String fetchSite, String host, String publicUrl,
      boolean expected) {
    assertThat(RequestSite.isCrossSite(origin, fetchSite, host, Optional.ofNullable(publicUrl)))
        .isEqualTo(expected);
  }
}
