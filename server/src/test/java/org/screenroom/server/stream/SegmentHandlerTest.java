package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentHandlerTest {
  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "-                     | false",
      "''                    | false",
      "gzip                  | true",
      "GZIP                  | true",
      "gzip, deflate, br     | true",
      "br, gzip;q=0.5        | true",
      "gzip;q=0              | false",
      "gzip; q=0.000         | false",
      "deflate, br           | false",
      "identity              | false",
      "x-gzip2               | false"})
  void acceptsGzip_readsAcceptEncoding(String header, boolean expected) {
    assertThat(SegmentHandler.acceptsGzip(header)).isEqualTo(expected);
  }
}
