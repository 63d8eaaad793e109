package org.screenroom.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.job.JobProgress;
import org.screenroom.server.ingest.ProgressThrottle;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.transcode.ffmpeg.Progress;

/** Pure tables: what a job records from one ffmpeg report, and how often it may write. */
class JobProgressTest {

  @ParameterizedTest(name = "{0}% of {1} ms at {2} fps, {3}x -> {4}% eta {5}")
  @CsvSource({
      // percent, encoded ms, fps, speed, -> percent, fps, speed, eta seconds
      "0,     0,      0,    0,   0,  ,     ,    ",
      "25,    30000,  48.5, 2.0, 25, 48.5, 2.0, 45",
      "50,    60000,  24,   0.5, 50, 24.0, 0.5, 120",
      "99.9,  119880, 30,   3.0, 99, 30.0, 3.0, 0",
      "100,   120000, 30,   3.0, 99, 30.0, 3.0, 0",
      "10,    12000,  0,    0,   10, ,     ,    ",
  })
  void of_floorsPercentBelow100_andEstimatesTimeLeftFromSpeed(double percent, long encodedMs,
      double fps, double speed, int wantPercent, Double wantFps, Double wantSpeed, Long wantEta) {
    Progress p = new Progress(percent, Duration.ofMillis(encodedMs), fps, speed, false);

    assertThat(ProgressReport.of(p)).isEqualTo(new JobProgress(wantPercent, wantFps, wantSpeed, wantEta));
  }

  @ParameterizedTest(name = "reports at {0} ms -> writes at {1}")
  @CsvSource(delimiter = '|', value = {
      "0,500,999,1000,1700,2000,2999,3000 | 0,1000,2000,3000",
      "0,0,0                              | 0",
      "300,1200,1300,2299,2300            | 300,1300,2300",
      "0,5000                             | 0,5000",
  })
  void throttle_letsOneWriteThroughPerClockSecond(String reportsAt, String writesAt) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    MutableClock clock = new MutableClock(start);
    ProgressThrottle throttle = new ProgressThrottle(clock, Duration.ofSeconds(1));
    List<Long> writes = new ArrayList<>();
    long at = 0;
    for (String raw : reportsAt.split(",")) {
      long next = Long.parseLong(raw.strip());
      clock.advance(Duration.ofMillis(next - at));
      at = next;
      if (throttle.due()) {
        writes.add(at);
      }
    }

    assertThat(writes).containsExactlyElementsOf(
        List.of(writesAt.split(",")).stream().map(s -> Long.parseLong(s.strip())).toList());
  }
}
