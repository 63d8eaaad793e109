package org.screenroom.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.server.http.ApiError;

/** Heartbeats into session figures, and figures into the report and audience stats. */
class HeartbeatsTest {
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  private static final Optional<Duration> MINUTE = Optional.of(Duration.ofSeconds(60));

  static PlaybackSession fresh(String id, String viewer) {
    return new PlaybackSession(id, "film00000001", "screener", viewer, "dev-" + id, null, null,
        T0, T0, 0, 0, 0, null, 0, 0, null, null, 0, false, false);
  }

  static PlayerEvent beat(double position, double watched) {
    return new PlayerEvent("heartbeat", position, watched, null, null, null, null, null);
  }

  @ParameterizedTest(name = "{0} s of wall clock, {1} claimed -> {2} credited")
  @CsvSource({"10, 10, 10", "10, 30, 15", "0, 4, 4", "0, 9, 5", "120, 60, 60"})
  void watched_isCappedByWallClockPlusSlack(long wall, double claimed, double credited) {
    Heartbeats.Applied a = Heartbeats.apply(fresh("s", "p"), List.of(beat(5, claimed)),
        T0.plusSeconds(wall), Optional.empty());
    assertThat(a.session().secondsWatched()).isEqualTo(credited);
  }

  @Test
  void events_foldIntoStartupStallsQualityEndAndCompletion() {
    Heartbeats.Applied a = Heartbeats.apply(fresh("s", "p"), List.of(
        new PlayerEvent("start", 0.0, null, 700, null, null, null, null),
        new PlayerEvent("stall", 10.0, null, null, 1500, null, null, null),
        new PlayerEvent("quality", null, null, null, null, 720, 2_500_000, null),
        beat(55, 50),
        new PlayerEvent("error", 55.0, null, null, null, null, null, "boom"),
        new PlayerEvent("end", 55.0, null, null, null, null, null, null)),
        T0.plusSeconds(60), MINUTE);
    PlaybackSession s = a.session();
    assertThat(s.startupMs()).isEqualTo(700);
    assertThat(s.stalls()).isEqualTo(1);
    assertThat(s.stallMs()).isEqualTo(1500);
    assertThat(s.height()).isEqualTo(720);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.ended()).isTrue();
    assertThat(s.furthest()).isEqualTo(55);
    assertThat(s.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(a.newlyCompleted()).isTrue();
    assertThat(Heartbeats.apply(s, List.of(beat(58, 1)), T0.plusSeconds(62), MINUTE)
        .newlyCompleted()).isFalse();
  }

  @Test
  void positionPastTheEnd_is400() {
    assertThatThrownBy(() -> Heartbeats.apply(fresh("s", "p"), List.of(beat(1, 1), beat(70, 1)),
        T0.plusSeconds(5), MINUTE)).isInstanceOfSatisfying(ApiError.class,
            e -> assertThat(e.field()).isEqualTo("events[1].position"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no events|{}|events",
      "empty list|{\"events\":[]}|events",
      "not an object|{\"events\":[1]}|events[0]",
      "unknown type|{\"events\":[{\"type\":\"pause\"}]}|events[0].type",
      "negative position|{\"events\":[{\"type\":\"heartbeat\",\"position\":-1}]}|events[0].position",
      "text watched|{\"events\":[{\"type\":\"heartbeat\",\"watched\":\"lots\"}]}|events[0].watched",
  })
  void parse_badEvents_is400NamingTheField(String name, String body, String field) {
    assertThatThrownBy(() -> PlayerEvent.parseAll(new JsonObject(body)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void juryReport_sumsPerJurorAndFilm_andDefusesFormulasInCsv() {
    ScreenerPass ada = new ScreenerPass("pass00000001", "f", "=HYPERLINK(\"x\")", "a@x.example",
        "c", null, null, T0.plusSeconds(9999), null, null, null, T0, null, T0,
        List.of("film00000001", "film00000002"));
    PlaybackSession one = Heartbeats.apply(fresh("s1", "pass00000001"), List.of(beat(20, 20)),
        T0.plusSeconds(20), MINUTE).session();
    PlaybackSession two = Heartbeats.apply(fresh("s2", "pass00000001"), List.of(beat(40, 12)),
        T0.plusSeconds(30), MINUTE).session();
    List<JuryRow> rows = JuryReport.rows(List.of(ada), List.of(one, two));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).isEqualTo(new JuryRow("pass00000001", "=HYPERLINK(\"x\")",
        "a@x.example", "film00000001", 2, 32.0, 40.0, T0.plusSeconds(30), 2, false));
    assertThat(rows.get(1).plays()).isZero();
    assertThat(rows.get(1).lastSeenAt()).isNull();
    String csv = JuryReport.csv(rows);
    assertThat(csv.split("\r\n")[1]).startsWith("\"'=HYPERLINK(\"\"x\"\")\",a@x.example,");
    JsonArray json = JuryReport.json(rows);
    assertThat(json.getJsonObject(0).getDouble("secondsWatched")).isEqualTo(32.0);
  }

  @Test
  void audienceStats_retentionMedianAndStallRatio() {
    PlaybackSession full = Heartbeats.apply(fresh("a", "v1"), List.of(
        new PlayerEvent("start", 0.0, null, 300, null, null, null, null), beat(60, 60)),
        T0.plusSeconds(60), MINUTE).session();
    PlaybackSession half = Heartbeats.apply(fresh("b", "v2"), List.of(
        new PlayerEvent("start", 0.0, null, 500, null, null, null, null),
        new PlayerEvent("stall", 5.0, null, null, 3000, null, null, null), beat(30, 27)),
        T0.plusSeconds(30), MINUTE).session();
    PlaybackSession never = fresh("c", "v3");
    AudienceStats stats = AudienceStats.of("f", List.of(full, half, never), MINUTE);
    assertThat(stats.views()).isEqualTo(2);
    assertThat(stats.uniqueViewers()).isEqualTo(2);
    assertThat(stats.minutesWatched()).isEqualTo(1.5);
    assertThat(stats.retention()).hasSize(20);
    assertThat(stats.retention()[0]).isEqualTo(1.0);
    assertThat(stats.retention()[10]).isEqualTo(1.0);
    assertThat(stats.retention()[11]).isEqualTo(0.5);
    assertThat(stats.startupMedianMs()).isEqualTo(400);
    assertThat(stats.stallRatio()).isEqualTo(0.0333);
  }
}
