package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
  private static final long SIZE = 1000;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null              | whole",
      "bytes=0-          | 0-999",
      "bytes=0-0         | 0-0",
      "bytes=100-199     | 100-199",
      "bytes=990-5000    | 990-999",
      "bytes=-500        | 500-999",
      "bytes=-5000       | 0-999",
      "bytes=999-        | 999-999",
      "bytes=1000-       | unsatisfiable",
      "bytes=5000-6000   | unsatisfiable",
      "bytes=-0          | unsatisfiable",
      "bytes=200-100     | whole",
      "bytes=abc         | whole",
      "bytes=1-2,4-5     | whole",
      "items=0-10        | whole",
      "bytes=            | whole",
      "bytes=-           | whole",
      "bytes=0x10-20     | whole",
      "bytes=99999999999999999999-  | whole",
      "'  bytes=5-9  '   | 5-9",
  })
  void parse_rangeHeader(String header, String expected) {
    ByteRange range = ByteRange.parse(header, SIZE);

    String actual = range instanceof ByteRange.Part p ? p.first() + "-" + p.last()
        : range instanceof ByteRange.Unsatisfiable ? "unsatisfiable" : "whole";
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "INM={0} IMS={1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "\"3e8-1\"                          | null                           | true",
      "W/\"3e8-1\"                        | null                           | true",
      "\"other\", \"3e8-1\"               | null                           | true",
      "*                                  | null                           | true",
      "\"other\"                          | Sun, 01 Mar 2026 10:00:00 GMT  | false",
      "null                               | Sun, 01 Mar 2026 10:00:00 GMT  | true",
      "null                               | Sun, 01 Mar 2026 09:59:59 GMT  | false",
      "null                               | yesterday                      | false",
      "null                               | null                           | false",
  })
  void notModified_table(String ifNoneMatch, String ifModifiedSince, boolean expected) {
    Instant modified = Instant.parse("2026-03-01T10:00:00.400Z");

    assertThat(Conditional.notModified(ifNoneMatch, ifModifiedSince, "\"3e8-1\"", modified))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {"null, true", "'\"3e8-1\"', true", "'\"old\"', false",
      "'Sun, 01 Mar 2026 10:00:00 GMT', false"})
  void rangeApplies_onlyForTheCurrentEtag(String ifRange, boolean expected) {
    assertThat(Conditional.rangeApplies(ifRange, "\"3e8-1\"")).isEqualTo(expected);
  }
}
