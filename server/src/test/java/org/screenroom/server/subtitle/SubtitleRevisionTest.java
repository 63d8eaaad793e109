package org.screenroom.server.subtitle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subtitle revisions: the same text and length give the same name, any change another. */
class SubtitleRevisionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "same text, same length | WEBVTT\\n\\nHello | 4.0 | WEBVTT\\n\\nHello | 4.0 | true",
      "other text             | WEBVTT\\n\\nHello | 4.0 | WEBVTT\\n\\nHallo | 4.0 | false",
      "other length           | WEBVTT\\n\\nHello | 4.0 | WEBVTT\\n\\nHello | 4.5 | false",
  })
  void revisions(String name, String a, double aSeconds, String b, double bSeconds,
      boolean same) {
    String first = SubtitleRevision.of(a.replace("\\n", "\n"), aSeconds);
    String second = SubtitleRevision.of(b.replace("\\n", "\n"), bSeconds);
    assertThat(first).matches("[0-9a-f]{12}");
    assertThat(first.equals(second)).isEqualTo(same);
  }
}
