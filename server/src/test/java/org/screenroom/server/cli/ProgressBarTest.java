package org.screenroom.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressBarTest {
  private Locale saved;

  @BeforeEach
  void pinLocale() {
    // render() formats with the default locale; pin it so the expected text is fixed.
    saved = Locale.getDefault();
    Locale.setDefault(Locale.ROOT);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(saved);
  }

  @ParameterizedTest(name = "{0}% {1}x {2}s")
  @CsvSource(delimiter = '|', value = {
      "0   | 0.0  | 0     | 'transcoding [                              ]   0%  0.0x  0:00:00 encoded'",
      "3   | 1.0  | 5     | 'transcoding [                              ]   3%  1.0x  0:00:05 encoded'",
      "4   | 1.25 | 59    | 'transcoding [#                             ]   4%  1.3x  0:00:59 encoded'",
      "50  | 2.04 | 3599  | 'transcoding [###############               ]  50%  2.0x  0:59:59 encoded'",
      "99  | 12.5 | 3600  | 'transcoding [#############################\u0020]  99%  12.5x  1:00:00 encoded'",
      "100 | 3.0  | 45296 | 'transcoding [##############################] 100%  3.0x  12:34:56 encoded'"})
  void render_percentSpeedAndEncoded_drawsTheBar(int percent, double speed, long seconds,
      String expected) {
    String line = ProgressBar.render(percent, speed, Duration.ofSeconds(seconds));

    assertThat(line).isEqualTo(expected);
    assertThat(line.substring(line.indexOf('[') + 1, line.indexOf(']'))).hasSize(30);
  }
}
