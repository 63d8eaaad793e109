package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.screenroom.catalog.film.Rendition;
import org.screenroom.catalog.job.JobProgress;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.ingest.Ingestor;

/** The event-bus messages between servers and workers survive their JSON. */
class JobMessagesTest {
  @Test
  void doneReport_roundTrips() {
    FilmTranscode.Report done = new FilmTranscode.Report(Ingestor.Ending.DONE,
        List.of(new Rendition("video", 640, 360, 800_000, "avc1.64001e"),
            new Rendition("audio", 0, 0, 128_000, "mp4a.40.2")),
        Duration.ofMillis(4_040), null, null);

    JsonObject wire = new JsonObject(JobMessages.result("w1", "job1", done).encode());

    assertThat(wire.getString("worker")).isEqualTo("w1");
    assertThat(wire.getString("jobId")).isEqualTo("job1");
    assertThat(JobMessages.report(wire)).isEqualTo(done);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"FAILED, The film could not be read., ffmpeg said no", "CANCELLED, Cancelled., ''"})
  void failedOrCancelledReport_roundTrips(Ingestor.Ending ending, String error, String detail) {
    FilmTranscode.Report report = new FilmTranscode.Report(ending, List.of(), null, error,
        detail.isEmpty() ? null : detail);

    assertThat(JobMessages.report(new JsonObject(JobMessages.result("w", "j", report).encode())))
        .isEqualTo(report);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{}",
      "{\"ending\":\"EXPLODED\"}",
      "{\"ending\":\"DONE\",\"renditions\":[],\"sourceMillis\":4000}",
      "{\"ending\":\"DONE\",\"renditions\":[{\"kind\":\"video\",\"width\":1,\"height\":1,\"bitrate\":1,\"codec\":\"x\"}]}"})
  void malformedResult_isRefused(String body) {
    assertThatThrownBy(() -> JobMessages.report(new JsonObject(body)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"42, 42", "-5, 0", "100, 99", "250, 99"})
  void progress_percentKeptWithin0To99(int sent, int recorded) {
    JsonObject wire = JobMessages.progress("w", "j", "f", new JobProgress(sent, 24.5, 1.5, 12L));

    JobProgress got = JobMessages.progress(wire);
    assertThat(got.percent()).isEqualTo(recorded);
    assertThat(got).extracting(JobProgress::fps, JobProgress::speed, JobProgress::etaSeconds)
        .containsExactly(24.5, 1.5, 12L);
  }

  @Test
  void assignment_roundTrips_andAnEmptyReplyIsNoJob() {
    JobMessages.Assignment a = new JobMessages.Assignment("j", "f", 10_000);

    assertThat(JobMessages.assignment(new JsonObject(JobMessages.assignment(a).encode()))).isEqualTo(a);
    assertThat(JobMessages.assignment(new JsonObject())).isNull();
  }
}
