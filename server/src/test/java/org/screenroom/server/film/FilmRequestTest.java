package org.screenroom.server.film;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.catalog.film.Credit;
import org.screenroom.catalog.film.FilmDetails;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.http.ApiError;

class FilmRequestTest {
  private static final Instant FROM = Instant.parse("2026-05-01T18:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-06-01T18:00:00Z");
  private static final FilmMetadata BASE = new FilmMetadata("Night Bus", "A bus at night.",
      "Long synopsis.", 2024, List.of("drama"), List.of(new Credit("director", "Ada")),
      Visibility.PRIVATE, Optional.of(FROM), Optional.of(UNTIL));

  /** Regression: the length limit was checked before trimming. */
  @Test
  void create_paddedTitleOfExactlyTheLimit_isAccepted() {
    String title = "t".repeat(300);

    assertThat(FilmRequest.create(new JsonObject().put("title", "  " + title + "   "), Visibility.DRAFT)
        .title()).isEqualTo(title);
  }

  @Test
  void create_withTitle_isADraftWithDefaults() {
    FilmMetadata m = FilmRequest.create(new JsonObject().put("title", "  Night Bus "), Visibility.DRAFT);

    assertThat(m).isEqualTo(FilmMetadata.titled("Night Bus", Visibility.DRAFT));
  }

  @Test
  void create_allFields_areParsed() {
    JsonObject body = new JsonObject()
        .put("title", "Night Bus")
        .put("logline", "A bus at night.")
        .put("synopsis", "Long synopsis.")
        .put("year", 2024)
        .put("genres", new JsonArray().add(" drama ").add("noir"))
        .put("credits", new JsonArray().add(new JsonObject().put("role", "director").put("name", " Ada ")))
        .put("visibility", "unlisted")
        .put("availableFrom", "2026-05-01T18:00:00Z")
        .put("availableUntil", "2026-06-01T18:00:00Z");

    assertThat(FilmRequest.create(body, Visibility.DRAFT)).isEqualTo(new FilmMetadata("Night Bus",
        "A bus at night.", "Long synopsis.", 2024, List.of("drama", "noir"),
        List.of(new Credit("director", "Ada")), Visibility.UNLISTED, Optional.of(FROM),
        Optional.of(UNTIL)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "{\"year\": 2024}", "{\"logline\": \"no title\"}"})
  void create_withoutTitle_isA400OnTitle(String json) {
    ApiError e = catchThrowableOfType(ApiError.class,
        () -> FilmRequest.create(new JsonObject(json), Visibility.DRAFT));

    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo("title");
    assertThat(e.getMessage()).contains("title");
  }

  static Stream<Arguments> patches() {
    return Stream.of(
        Arguments.of("{}", BASE),
        Arguments.of("{\"title\": \"Day Bus\"}",
            new FilmMetadata("Day Bus", BASE.logline(), BASE.synopsis(), BASE.year(), BASE.genres(),
                BASE.credits(), BASE.visibility(), BASE.availableFrom(), BASE.availableUntil())),
        Arguments.of("{\"logline\": null, \"year\": null}",
            new FilmMetadata(BASE.title(), null, BASE.synopsis(), null, BASE.genres(),
                BASE.credits(), BASE.visibility(), BASE.availableFrom(), BASE.availableUntil())),
        Arguments.of("{\"genres\": [], \"credits\": []}",
            new FilmMetadata(BASE.title(), BASE.logline(), BASE.synopsis(), BASE.year(), List.of(),
                List.of(), BASE.visibility(), BASE.availableFrom(), BASE.availableUntil())),
        Arguments.of("{\"visibility\": \"public\"}",
            new FilmMetadata(BASE.title(), BASE.logline(), BASE.synopsis(), BASE.year(), BASE.genres(),
                BASE.credits(), Visibility.PUBLIC, BASE.availableFrom(), BASE.availableUntil())),
        Arguments.of("{\"availableFrom\": null, \"availableUntil\": null}",
            new FilmMetadata(BASE.title(), BASE.logline(), BASE.synopsis(), BASE.year(), BASE.genres(),
                BASE.credits(), BASE.visibility(), Optional.empty(), Optional.empty())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patches")
  void patch_changesOnlyTheFieldsSent(String json, FilmMetadata expected) {
    assertThat(FilmRequest.patch(BASE, new JsonObject(json))).isEqualTo(expected);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("title blank", new JsonObject().put("title", "   "), "title"),
        Arguments.of("title empty", new JsonObject().put("title", ""), "title"),
        Arguments.of("title null", new JsonObject().putNull("title"), "title"),
        Arguments.of("title a number", new JsonObject().put("title", 42), "title"),
        Arguments.of("title too long", new JsonObject().put("title", "t".repeat(301)), "title"),
        Arguments.of("logline a number", new JsonObject().put("logline", 7), "logline"),
        Arguments.of("logline too long", new JsonObject().put("logline", "l".repeat(501)), "logline"),
        Arguments.of("synopsis too long", new JsonObject().put("synopsis", "s".repeat(20_001)), "synopsis"),
        Arguments.of("year a string", new JsonObject().put("year", "1999"), "year"),
        Arguments.of("year before cinema", new JsonObject().put("year", 1800), "year"),
        Arguments.of("year far future", new JsonObject().put("year", 2201), "year"),
        Arguments.of("year fractional", new JsonObject().put("year", 1999.5), "year"),
        Arguments.of("genres not a list", new JsonObject().put("genres", "drama"), "genres"),
        Arguments.of("genres null", new JsonObject().putNull("genres"), "genres"),
        Arguments.of("genres contains a number", new JsonObject().put("genres", new JsonArray().add("drama").add(3)), "genres"),
        Arguments.of("genres contains blank", new JsonObject().put("genres", new JsonArray().add(" ")), "genres"),
        Arguments.of("genres too many", new JsonObject().put("genres", new JsonArray(
            java.util.Collections.nCopies(501, "g"))), "genres"),
        Arguments.of("credits not a list", new JsonObject().put("credits", "Ada"), "credits"),
        Arguments.of("credits missing name", new JsonObject().put("credits",
            new JsonArray().add(new JsonObject().put("role", "director"))), "credits"),
        Arguments.of("credits blank role", new JsonObject().put("credits",
            new JsonArray().add(new JsonObject().put("role", " ").put("name", "Ada"))), "credits"),
        Arguments.of("credits entry a string", new JsonObject().put("credits",
            new JsonArray().add("director: Ada")), "credits"),
        Arguments.of("visibility unknown", new JsonObject().put("visibility", "secret"), "visibility"),
        Arguments.of("visibility upper-case", new JsonObject().put("visibility", "PUBLIC"), "visibility"),
        Arguments.of("visibility null", new JsonObject().putNull("visibility"), "visibility"),
        Arguments.of("availableFrom not an instant", new JsonObject().put("availableFrom", "tomorrow"), "availableFrom"),
        Arguments.of("availableFrom a date only", new JsonObject().put("availableFrom", "2026-05-01"), "availableFrom"),
        Arguments.of("availableFrom epoch number", new JsonObject().put("availableFrom", 1_777_000_000), "availableFrom"),
        Arguments.of("availableUntil before availableFrom", new JsonObject()
            .put("availableFrom", "2026-06-01T00:00:00Z").put("availableUntil", "2026-05-01T00:00:00Z"),
            "availableUntil"),
        Arguments.of("availableUntil equal to availableFrom", new JsonObject()
            .put("availableFrom", "2026-06-01T00:00:00Z").put("availableUntil", "2026-06-01T00:00:00Z"),
            "availableUntil"),
        Arguments.of("unknown field", new JsonObject().put("title", "ok").put("colour", "red"), "colour"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void create_badBody_isA400NamingTheField(String what, JsonObject body, String field) {
    JsonObject withTitle = body.containsKey("title") ? body : body.copy().put("title", "ok");

    ApiError e = catchThrowableOfType(ApiError.class, () -> FilmRequest.create(withTitle, Visibility.DRAFT));

    assertThat(e).as(what).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Test
  void patch_untilBeforeTheStoredFrom_isA400OnAvailableUntil() {
    ApiError e = catchThrowableOfType(ApiError.class, () -> FilmRequest.patch(BASE,
        new JsonObject().put("availableUntil", "2026-04-01T00:00:00Z")));

    assertThat(e.field()).isEqualTo("availableUntil");
  }

  @Test
  void patch_readOnlyFields_areIgnored() {
    JsonObject body = new JsonObject().put("id", "ZZZZZZZZZZZZ").put("status", "ready")
        .put("progress", 100).put("ownerId", "someone-else").put("createdAt", "2000-01-01T00:00:00Z")
        .put("title", "Day Bus");

    FilmMetadata m = FilmRequest.patch(BASE, body);

    assertThat(m.title()).isEqualTo("Day Bus");
    assertThat(m).usingRecursiveComparison().ignoringFields("title").isEqualTo(BASE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Robert'); DROP TABLE films;--",
      "1 OR 1=1",
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "&lt;b&gt; \"quoted\" \\ back"})
  void create_sqlAndHtmlText_isStoredVerbatim(String text) {
    JsonObject body = new JsonObject().put("title", text).put("logline", text)
        .put("genres", new JsonArray().add(text))
        .put("credits", new JsonArray().add(new JsonObject().put("role", text).put("name", text)));

    FilmMetadata m = FilmRequest.create(body, Visibility.DRAFT);

    assertThat(m.title()).isEqualTo(text);
    assertThat(m.logline()).isEqualTo(text);
    assertThat(m.genres()).containsExactly(text);
    assertThat(m.credits()).containsExactly(new Credit(text, text));
  }

  @ParameterizedTest(name = "year {0}")
  @ValueSource(ints = {1870, 1999, 2200})
  void create_yearInRange_isAccepted(int year) {
    assertThat(FilmRequest.create(new JsonObject().put("title", "t").put("year", year),
        Visibility.DRAFT).year()).isEqualTo(year);
  }

  @Test
  void create_titleOfExactly300Characters_isAccepted() {
    String title = "t".repeat(300);

    assertThat(FilmRequest.create(new JsonObject().put("title", title), Visibility.DRAFT).title())
        .isEqualTo(title);
  }

  @Test
  void details_allFields_areParsedAndNormalised() {
    JsonObject body = new JsonObject().put("title", "Night Bus").put("slug", "night-bus")
        .put("countries", new JsonArray().add("fr").add(" SN "))
        .put("languages", new JsonArray().add("fr").add("pt-br").add("yue").add("zh-Hant-TW"))
        .put("tags", new JsonArray().add(" night ").add("Bus"))
        .put("trailerFilmId", "AbCdEfGh1234");
    FilmRequest.create(body, Visibility.DRAFT);

    assertThat(FilmRequest.details(FilmDetails.none(), body)).isEqualTo(new FilmDetails("night-bus",
        List.of("FR", "SN"), List.of("fr", "pt-BR", "yue", "zh-Hant-TW"), List.of("night", "Bus"),
        Optional.of("AbCdEfGh1234")));
  }

  @Test
  void details_absentFields_keepTheBase_andNullTrailerUnlinks() {
    FilmDetails base = new FilmDetails("kept", List.of("FR"), List.of("fr"), List.of("t"),
        Optional.of("AbCdEfGh1234"));

    assertThat(FilmRequest.details(base, new JsonObject().put("title", "x"))).isEqualTo(base);
    assertThat(FilmRequest.details(base, new JsonObject().putNull("trailerFilmId")).trailerFilmId())
        .isEmpty();
  }

  static Stream<Arguments> badDetails() {
    return Stream.of(
        Arguments.of("slug upper-case", new JsonObject().put("slug", "Night-Bus"), "slug"),
        Arguments.of("slug with slash", new JsonObject().put("slug", "a/../b"), "slug"),
        Arguments.of("slug double dash", new JsonObject().put("slug", "a--b"), "slug"),
        Arguments.of("slug empty", new JsonObject().put("slug", ""), "slug"),
        Arguments.of("slug null", new JsonObject().putNull("slug"), "slug"),
        Arguments.of("slug too long", new JsonObject().put("slug", "a".repeat(81)), "slug"),
        Arguments.of("country unknown code", new JsonObject().put("countries", new JsonArray().add("XX")), "countries"),
        Arguments.of("country alpha-3", new JsonObject().put("countries", new JsonArray().add("FRA")), "countries"),
        Arguments.of("country a name", new JsonObject().put("countries", new JsonArray().add("France")), "countries"),
        Arguments.of("country twice", new JsonObject().put("countries", new JsonArray().add("FR").add("fr")), "countries"),
        Arguments.of("countries not a list", new JsonObject().put("countries", "FR"), "countries"),
        Arguments.of("language a name", new JsonObject().put("languages", new JsonArray().add("english")), "languages"),
        Arguments.of("language underscore", new JsonObject().put("languages", new JsonArray().add("en_US")), "languages"),
        Arguments.of("language unknown two-letter", new JsonObject().put("languages", new JsonArray().add("qq")), "languages"),
        Arguments.of("language a number", new JsonObject().put("languages", new JsonArray().add(7)), "languages"),
        Arguments.of("language blank", new JsonObject().put("languages", new JsonArray().add(" ")), "languages"),
        Arguments.of("tags too many", new JsonObject().put("tags", new JsonArray(
            java.util.Collections.nCopies(31, "t").stream().map(t -> t + Math.random()).toList())), "tags"),
        Arguments.of("tag too long", new JsonObject().put("tags", new JsonArray().add("t".repeat(51))), "tags"),
        Arguments.of("tag twice", new JsonObject().put("tags", new JsonArray().add("Noir").add("noir")), "tags"),
        Arguments.of("trailer not an id", new JsonObject().put("trailerFilmId", "../x"), "trailerFilmId"),
        Arguments.of("trailer a number", new JsonObject().put("trailerFilmId", 12), "trailerFilmId"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDetails")
  void details_badField_isA400NamingTheField(String what, JsonObject body, String field) {
    ApiError e = catchThrowableOfType(ApiError.class,
        () -> FilmRequest.details(FilmDetails.none(), body));

    assertThat(e).as(what).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "EN-gb", "he", "fil", "es-419", "sr-Latn"})
  void details_wellFormedLanguageTags_areAccepted(String tag) {
    assertThat(FilmRequest.details(FilmDetails.none(),
        new JsonObject().put("languages", new JsonArray().add(tag))).languages()).hasSize(1);
  }

  @Test
  void patch_readOnlyDetailFields_areIgnored() {
    JsonObject body = new JsonObject().put("runtimeSeconds", 5).put("poster", new JsonObject())
        .put("stills", new JsonArray()).put("trailer", new JsonObject());

    assertThat(FilmRequest.patch(BASE, body)).isEqualTo(BASE);
  }
}
