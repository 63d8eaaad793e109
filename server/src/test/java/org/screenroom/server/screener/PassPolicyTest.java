package org.screenroom.server.screener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;

/** The pass rules as tables: issuing and the hot path, with the instant passed in. */
class PassPolicyTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final String FILM = "film00000001";

  static ScreenerPass pass(Instant opens, Instant expires, Instant revoked, Integer plays,
      Integer devices, Integer streams, boolean terms) {
    return new ScreenerPass("pass00000001", "fest00000001", "Ada", "ada@x.example", "code", null,
        opens, expires, plays, devices, streams, terms ? NOW.minusSeconds(60) : null, revoked,
        NOW.minusSeconds(3600), List.of(FILM));
  }

  static ScreenerPass open() {
    return pass(null, NOW.plus(Duration.ofDays(1)), null, 2, 2, 1, true);
  }

  static PlaybackSession session(String id, String device, Instant lastSeen, boolean ended) {
    return new PlaybackSession(id, FILM, "screener", "pass00000001", device, null, null,
        lastSeen, lastSeen, 10, 10, 10, null, 0, 0, null, null, 0, ended, false);
  }

  static Stream<Arguments> issuing() {
    Instant old = NOW.minus(Duration.ofHours(2));
    return Stream.of(
        Arguments.of("inside the window", open(), List.of(), null),
        Arguments.of("before opening", pass(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(1)), null,
            null, null, null, true), List.of(), PassRefusal.NOT_YET_OPEN),
        Arguments.of("at the opening instant", pass(NOW, NOW.plus(Duration.ofDays(1)), null,
            null, null, null, true), List.of(), null),
        Arguments.of("at the expiry instant", pass(null, NOW, null, null, null, null, true),
            List.of(), PassRefusal.EXPIRED),
        Arguments.of("expired", pass(null, NOW.minusSeconds(1), null, null, null, null, true),
            List.of(), PassRefusal.EXPIRED),
        Arguments.of("revoked", pass(null, NOW.plusSeconds(60), NOW.minusSeconds(1), null, null,
            null, true), List.of(), PassRefusal.REVOKED),
        Arguments.of("terms not accepted", pass(null, NOW.plusSeconds(60), null, null, null, null,
            false), List.of(), PassRefusal.TERMS_NOT_ACCEPTED),
        Arguments.of("plays used up", open(), List.of(session("s1", "dev-a", old, true),
            session("s2", "dev-a", old, true)), PassRefusal.PLAYS_USED_UP),
        Arguments.of("a recent session on this device resumes", open(),
            List.of(session("s1", "dev-a", old, true), session("s2", "dev-a", NOW.minusSeconds(60),
                false)), null),
        Arguments.of("too many devices", open(), List.of(session("s1", "dev-b", old, true),
            session("s2", "dev-c", old, true)), PassRefusal.TOO_MANY_DEVICES),
        Arguments.of("another device is streaming now", open(),
            List.of(session("s1", "dev-b", NOW.minusSeconds(5), false)), PassRefusal.TOO_MANY_STREAMS),
        Arguments.of("another device stopped streaming", open(),
            List.of(session("s1", "dev-b", NOW.minusSeconds(5), true)), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("issuing")
  void issue(String name, ScreenerPass pass, List<PlaybackSession> sessions, PassRefusal expected) {
    PassPolicy.Decision d = PassPolicy.issue(pass, FILM, "dev-a", sessions, NOW);
    assertThat(d.refusal()).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void issue_aFilmNotOnThePass_isRefused() {
    assertThat(PassPolicy.issue(open(), "otherfilm001", "dev-a", List.of(), NOW).refusal())
        .contains(PassRefusal.NOT_ON_PASS);
  }

  @Test
  void issue_resumesTheLatestLiveSessionOfTheDevice() {
    List<PlaybackSession> sessions = new ArrayList<>(List.of(
        session("s1", "dev-a", NOW.minusSeconds(120), false),
        session("s2", "dev-a", NOW.minusSeconds(30), false)));
    assertThat(PassPolicy.issue(open(), FILM, "dev-a", sessions, NOW).resume().map(PlaybackSession::id))
        .contains("s2");
  }

  static Stream<Arguments> segments() {
    Map<String, PassRefusal> blocked = Map.of("late", PassRefusal.TOO_MANY_DEVICES);
    Instant day = NOW.plus(Duration.ofDays(1));
    return Stream.of(
        Arguments.of("inside", new PassState("p", null, day, null, Map.of()), "s", null),
        Arguments.of("before opening", new PassState("p", NOW.plusSeconds(5), day, null, Map.of()),
            "s", PassRefusal.NOT_YET_OPEN),
        Arguments.of("expired", new PassState("p", null, NOW, null, Map.of()), "s", PassRefusal.EXPIRED),
        Arguments.of("revoked", new PassState("p", null, day, NOW, Map.of()), "s", PassRefusal.REVOKED),
        Arguments.of("a session past a lowered limit", new PassState("p", null, day, null, blocked),
            "late", PassRefusal.TOO_MANY_DEVICES),
        Arguments.of("a session within the limits", new PassState("p", null, day, null, blocked),
            "early", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("segments")
  void segment(String name, PassState state, String session, PassRefusal expected) {
    assertThat(PassPolicy.segment(state, session, NOW)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void blocked_namesPlaysAndDevicesPastLoweredLimits() {
    ScreenerPass pass = pass(null, NOW.plusSeconds(60), null, 1, 1, null, true);
    List<PlaybackSession> sessions = List.of(session("first", "dev-a", NOW, true),
        session("second", "dev-a", NOW, false), session("third", "dev-b", NOW, false));
    assertThat(PassPolicy.blocked(pass, sessions)).containsOnlyKeys("second", "third")
        .containsEntry("third", PassRefusal.TOO_MANY_DEVICES);
  }

  @Test
  void screenerViewer_roundTripsAndRejectsOtherViewers() {
    ScreenerViewer v = new ScreenerViewer("pass-0000001", "AAAAAAAAAAAAAAAAAAAA-_");
    assertThat(ScreenerViewer.parse(v.text())).contains(v);
    assertThat(ScreenerViewer.parse("a-account0001")).isEmpty();
    assertThat(ScreenerViewer.parse("v-abcdefghijklmnop")).isEmpty();
    assertThat(ScreenerViewer.parse("s-short-AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
  }
}
