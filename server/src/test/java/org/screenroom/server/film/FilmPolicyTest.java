package org.screenroom.server.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.film.FilmPolicy.Refusal;

class FilmPolicyTest {
  private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");
  private static final String OWNER_ID = "owner0000001";
  private static final String GRANTEE_ID = "grant0000001";

  /** Who asks. */
  enum Caller {
    ANONYMOUS(Optional.empty()),
    OTHER_FILMMAKER(Optional.of(new Account("other0000001", "bob", Role.FILMMAKER, Instant.EPOCH))),
    OWNER(Optional.of(new Account(OWNER_ID, "ada", Role.FILMMAKER, Instant.EPOCH))),
    ADMIN(Optional.of(new Account("admin0000001", "root", Role.ADMIN, Instant.EPOCH))),
    /** A filmmaker the owner granted the film. */
    GRANTED(Optional.of(new Account(GRANTEE_ID, "cy", Role.FILMMAKER, Instant.EPOCH)));

    final Optional<Account> account;

    Caller(Optional<Account> account) {
      this.account = account;
    }
  }

  /** Where the film is: its status and its release window relative to {@link #NOW}. */
  enum State {
    READY_RELEASED(FilmStatus.READY, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))),
    READY_NO_WINDOW(FilmStatus.READY, null, null),
    RELEASED_THIS_SECOND(FilmStatus.READY, NOW, null),
    NOT_YET_RELEASED(FilmStatus.READY, NOW.plusSeconds(1), null),
    WINDOW_CLOSED(FilmStatus.READY, null, NOW.minusSeconds(1)),
    CLOSES_THIS_SECOND(FilmStatus.READY, NOW.minus(Duration.ofDays(1)), NOW),
    PROCESSING(FilmStatus.PROCESSING, null, null),
    DRAFT_STATUS(FilmStatus.DRAFT, null, null),
    FAILED(FilmStatus.FAILED, null, null);

    final FilmStatus status;
    final Optional<Instant> from;
    final Optional<Instant> until;

    State(FilmStatus status, Instant from, Instant until) {
      this.status = status;
      this.from = Optional.ofNullable(from);
      this.until = Optional.ofNullable(until);
    }
  }

  private static Film film(Visibility visibility, State state) {
    FilmMetadata metadata = new FilmMetadata("Night Bus", null, null, null, List.of(), List.of(),
        visibility, state.from, state.until);
    return new Film("AbCdEfGh1234", OWNER_ID, metadata, state.status, 0, null, Optional.empty(),
        Optional.empty(), List.of(), Instant.EPOCH, Instant.EPOCH, null, null, Set.of(GRANTEE_ID));
  }

  @ParameterizedTest(name = "{0} film, {1}, {2}: see={3} edit={4} refusal={5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "DRAFT    | ANONYMOUS       | READY_RELEASED   | false | false | NOT_FOUND",
      "DRAFT    | ANONYMOUS       | NOT_YET_RELEASED | false | false | NOT_FOUND",
      "DRAFT    | ANONYMOUS       | WINDOW_CLOSED    | false | false | NOT_FOUND",
      "DRAFT    | ANONYMOUS       | PROCESSING       | false | false | NOT_FOUND",
      "DRAFT    | OTHER_FILMMAKER | READY_RELEASED   | false | false | NOT_FOUND",
      "DRAFT    | OTHER_FILMMAKER | NOT_YET_RELEASED | false | false | NOT_FOUND",
      "DRAFT    | OTHER_FILMMAKER | WINDOW_CLOSED    | false | false | NOT_FOUND",
      "DRAFT    | OTHER_FILMMAKER | PROCESSING       | false | false | NOT_FOUND",
      "DRAFT    | OWNER           | READY_RELEASED   | true  | true  | -",
      "DRAFT    | OWNER           | NOT_YET_RELEASED | true  | true  | -",
      "DRAFT    | OWNER           | WINDOW_CLOSED    | true  | true  | -",
      "DRAFT    | OWNER           | PROCESSING       | true  | true  | NOT_READY",
      "DRAFT    | ADMIN           | READY_RELEASED   | true  | true  | -",
      "DRAFT    | ADMIN           | NOT_YET_RELEASED | true  | true  | -",
      "DRAFT    | ADMIN           | WINDOW_CLOSED    | true  | true  | -",
      "DRAFT    | ADMIN           | PROCESSING       | true  | true  | NOT_READY",
      "PRIVATE  | ANONYMOUS       | READY_RELEASED   | false | false | NOT_FOUND",
      "PRIVATE  | ANONYMOUS       | NOT_YET_RELEASED | false | false | NOT_FOUND",
      "PRIVATE  | ANONYMOUS       | WINDOW_CLOSED    | false | false | NOT_FOUND",
      "PRIVATE  | ANONYMOUS       | PROCESSING       | false | false | NOT_FOUND",
      "PRIVATE  | OTHER_FILMMAKER | READY_RELEASED   | false | false | NOT_FOUND",
      "PRIVATE  | OTHER_FILMMAKER | NOT_YET_RELEASED | false | false | NOT_FOUND",
      "PRIVATE  | OTHER_FILMMAKER | WINDOW_CLOSED    | false | false | NOT_FOUND",
      "PRIVATE  | OTHER_FILMMAKER | PROCESSING       | false | false | NOT_FOUND",
      "PRIVATE  | OWNER           | READY_RELEASED   | true  | true  | -",
      "PRIVATE  | OWNER           | NOT_YET_RELEASED | true  | true  | -",
      "PRIVATE  | OWNER           | WINDOW_CLOSED    | true  | true  | -",
      "PRIVATE  | OWNER           | PROCESSING       | true  | true  | NOT_READY",
      "PRIVATE  | ADMIN           | READY_RELEASED   | true  | true  | -",
      "PRIVATE  | ADMIN           | NOT_YET_RELEASED | true  | true  | -",
      "PRIVATE  | ADMIN           | WINDOW_CLOSED    | true  | true  | -",
      "PRIVATE  | ADMIN           | PROCESSING       | true  | true  | NOT_READY",
      "UNLISTED | ANONYMOUS       | READY_RELEASED   | true  | false | -",
      "UNLISTED | ANONYMOUS       | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "UNLISTED | ANONYMOUS       | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE",
      "UNLISTED | ANONYMOUS       | PROCESSING       | true  | false | NOT_READY",
      "UNLISTED | OTHER_FILMMAKER | READY_RELEASED   | true  | false | -",
      "UNLISTED | OTHER_FILMMAKER | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "UNLISTED | OTHER_FILMMAKER | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE",
      "UNLISTED | OTHER_FILMMAKER | PROCESSING       | true  | false | NOT_READY",
      "UNLISTED | OWNER           | READY_RELEASED   | true  | true  | -",
      "UNLISTED | OWNER           | NOT_YET_RELEASED | true  | true  | -",
      "UNLISTED | OWNER           | WINDOW_CLOSED    | true  | true  | -",
      "UNLISTED | OWNER           | PROCESSING       | true  | true  | NOT_READY",
      "UNLISTED | ADMIN           | READY_RELEASED   | true  | true  | -",
      "UNLISTED | ADMIN           | NOT_YET_RELEASED | true  | true  | -",
      "UNLISTED | ADMIN           | WINDOW_CLOSED    | true  | true  | -",
      "UNLISTED | ADMIN           | PROCESSING       | true  | true  | NOT_READY",
      "PUBLIC   | ANONYMOUS       | READY_RELEASED   | true  | false | -",
      "PUBLIC   | ANONYMOUS       | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "PUBLIC   | ANONYMOUS       | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE",
      "PUBLIC   | ANONYMOUS       | PROCESSING       | true  | false | NOT_READY",
      "PUBLIC   | OTHER_FILMMAKER | READY_RELEASED   | true  | false | -",
      "PUBLIC   | OTHER_FILMMAKER | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "PUBLIC   | OTHER_FILMMAKER | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE",
      "PUBLIC   | OTHER_FILMMAKER | PROCESSING       | true  | false | NOT_READY",
      "PUBLIC   | OWNER           | READY_RELEASED   | true  | true  | -",
      "PUBLIC   | OWNER           | NOT_YET_RELEASED | true  | true  | -",
      "PUBLIC   | OWNER           | WINDOW_CLOSED    | true  | true  | -",
      "PUBLIC   | OWNER           | PROCESSING       | true  | true  | NOT_READY",
      "PUBLIC   | ADMIN           | READY_RELEASED   | true  | true  | -",
      "PUBLIC   | ADMIN           | NOT_YET_RELEASED | true  | true  | -",
      "PUBLIC   | ADMIN           | WINDOW_CLOSED    | true  | true  | -",
      "PUBLIC   | ADMIN           | PROCESSING       | true  | true  | NOT_READY",
      "DRAFT    | GRANTED         | READY_RELEASED   | false | false | NOT_FOUND",
      "DRAFT    | GRANTED         | PROCESSING       | false | false | NOT_FOUND",
      "PRIVATE  | GRANTED         | READY_RELEASED   | true  | false | -",
      "PRIVATE  | GRANTED         | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "PRIVATE  | GRANTED         | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE",
      "PRIVATE  | GRANTED         | PROCESSING       | true  | false | NOT_READY",
      "UNLISTED | GRANTED         | READY_RELEASED   | true  | false | -",
      "UNLISTED | GRANTED         | NOT_YET_RELEASED | true  | false | NOT_YET_RELEASED",
      "PUBLIC   | GRANTED         | READY_RELEASED   | true  | false | -",
      "PUBLIC   | GRANTED         | WINDOW_CLOSED    | true  | false | NO_LONGER_AVAILABLE"
  })
  void policy_visibilityCallerAndState_decideSeeEditAndWatch(Visibility visibility, Caller caller,
      State state, boolean canSee, boolean canEdit, Refusal refusal) {
    Film film = film(visibility, state);

    assertThat(FilmPolicy.canSee(film, caller.account)).as("canSee").isEqualTo(canSee);
    assertThat(FilmPolicy.canEdit(film, caller.account)).as("canEdit").isEqualTo(canEdit);
    assertThat(FilmPolicy.watchRefusal(film, caller.account, NOW)).as("watchRefusal")
        .isEqualTo(Optional.ofNullable(refusal));
  }

  @ParameterizedTest(name = "{0} film, {1}, {2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "PUBLIC   | ANONYMOUS       | READY_NO_WINDOW      | -",
      "PUBLIC   | ANONYMOUS       | RELEASED_THIS_SECOND | -",
      "PUBLIC   | ANONYMOUS       | CLOSES_THIS_SECOND   | NO_LONGER_AVAILABLE",
      "UNLISTED | OTHER_FILMMAKER | CLOSES_THIS_SECOND   | NO_LONGER_AVAILABLE",
      "PUBLIC   | OWNER           | CLOSES_THIS_SECOND   | -",
      "PUBLIC   | ANONYMOUS       | DRAFT_STATUS         | NOT_READY",
      "PUBLIC   | ANONYMOUS       | FAILED               | FAILED",
      "DRAFT    | OWNER           | FAILED               | FAILED",
      "PRIVATE  | ADMIN           | FAILED               | FAILED",
      "PRIVATE  | ANONYMOUS       | FAILED               | NOT_FOUND",
      "DRAFT    | OTHER_FILMMAKER | FAILED               | NOT_FOUND"})
  void watchRefusal_edgesOfWindowAndStatus(Visibility visibility, Caller caller, State state,
      Refusal refusal) {
    assertThat(FilmPolicy.watchRefusal(film(visibility, state), caller.account, NOW))
        .isEqualTo(Optional.ofNullable(refusal));
  }

  @ParameterizedTest(name = "{0} film, {1}, {2}: listed={3}")
  @CsvSource(delimiter = '|', value = {
      "PUBLIC   | ANONYMOUS       | READY_RELEASED   | true",
      "PUBLIC   | ANONYMOUS       | NOT_YET_RELEASED | false",
      "PUBLIC   | ANONYMOUS       | WINDOW_CLOSED    | false",
      "PUBLIC   | ANONYMOUS       | PROCESSING       | false",
      "PUBLIC   | OTHER_FILMMAKER | READY_RELEASED   | true",
      "UNLISTED | ANONYMOUS       | READY_RELEASED   | false",
      "UNLISTED | OTHER_FILMMAKER | READY_RELEASED   | false",
      "UNLISTED | OWNER           | PROCESSING       | true",
      "PRIVATE  | ANONYMOUS       | READY_RELEASED   | false",
      "PRIVATE  | OTHER_FILMMAKER | READY_RELEASED   | false",
      "PRIVATE  | GRANTED         | READY_RELEASED   | true",
      "PRIVATE  | GRANTED         | PROCESSING       | true",
      "DRAFT    | GRANTED         | READY_RELEASED   | false",
      "DRAFT    | OWNER           | PROCESSING       | true",
      "DRAFT    | ADMIN           | PROCESSING       | true"})
  void canList_inCollections_followsTheCatalogRuleForOthers(Visibility visibility, Caller caller,
      State state, boolean listed) {
    assertThat(FilmPolicy.canList(film(visibility, state), caller.account, NOW)).isEqualTo(listed);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"NOT_FOUND, 404", "NOT_READY, 409", "FAILED, 409", "NOT_YET_RELEASED, 403",
      "NO_LONGER_AVAILABLE, 410"})
  void refusal_status_isTheHttpStatus(Refusal refusal, int status) {
    assertThat(refusal.status()).isEqualTo(status);
  }
}
