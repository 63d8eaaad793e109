package org.screenroom.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
  private static final List<String> BOTH = List.of("br", "gzip");

  @ParameterizedTest(name = "[{0}] offered {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL                          | br,gzip | identity",
      "''                            | br,gzip | identity",
      "identity                      | br,gzip | identity",
      "gzip, deflate, br, zstd       | br,gzip | br",
      "gzip, deflate                 | br,gzip | gzip",
      "GZIP                          | br,gzip | gzip",
      "br;q=0, gzip                  | br,gzip | gzip",
      "br;q=0.0, gzip;q=0            | br,gzip | identity",
      "br; q=0.5                     | br,gzip | br",
      "*                             | br,gzip | br",
      "*;q=0, gzip                   | br,gzip | gzip",
      "br;q=0, *                     | br,gzip | gzip",
      "br;q=oops, gzip               | br,gzip | gzip",
      "br                            | gzip    | identity",
      "gzip, br                      | gzip    | gzip",
      ";;;,,,                        | br,gzip | identity",
  })
  void choose_followsTheHeader_inTheServersOrder(String header, String offered, String expected) {
    assertThat(AcceptEncoding.choose(header, List.of(offered.split(","))).orElse("identity"))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hlsEngine-COzZWjXV.js | text/javascript; charset=utf-8",
      "watch-DXNxjWrD.css    | text/css; charset=utf-8",
      "favicon-CO3OrmLA.svg  | image/svg+xml; charset=utf-8",
      "poster.png            | image/png",
      "unknown.xyz123        | application/octet-stream",
  })
  void contentType_ofAssets(String name, String expected) {
    assertThat(AssetRoutes.contentType(name)).isEqualTo(expected);
  }
}
