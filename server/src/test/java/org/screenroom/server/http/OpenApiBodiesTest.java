package org.screenroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.Json;
import io.vertx.json.schema.OutputUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Request bodies checked against the served OpenAPI document, as a table. */
class OpenApiBodiesTest {
  private static final OpenApiBodies BODIES = OpenApiBodies.load();

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "valid", value = {
      "POST  | /api/films                  | {\"title\":\"Cléo\"}                                  | valid",
      "POST  | /api/films                  | {\"title\":\"x\",\"logline\":null,\"year\":1962}       | valid",
      "POST  | /api/films                  | {\"title\":7}                                         | title",
      "POST  | /api/films                  | {}                                                    | title",
      "POST  | /api/films                  | {\"title\":\"x\",\"colour\":\"red\"}                   | colour",
      "POST  | /api/films                  | {\"title\":\"x\",\"visibility\":\"secret\"}            | visibility",
      "POST  | /api/films                  | {\"title\":\"x\",\"credits\":[{\"role\":\"director\"}]} | credits",
      "POST  | /api/films                  | {\"title\":\"x\",\"genres\":\"drama\"}                 | genres",
      "PATCH | /api/films/{id}             | {\"year\":\"1962\"}                                   | year",
      "POST  | /api/accounts               | {\"username\":\"ada\",\"password\":\"long-enough\"}     | valid",
      "POST  | /api/accounts               | {\"username\":\"ada\",\"password\":\"long-enough\",\"role\":\"king\"} | role",
      "POST  | /api/session                | {\"username\":\"ada\"}                                | password",
      "POST  | /api/films/{id}/source      | {\"url\":42}                                          | url",
      "PUT   | /api/collections/{id}/films | [\"AbCdEfGh1234\"]                                    | valid",
      "PUT   | /api/collections/{id}/films | {\"filmIds\":[\"AbCdEfGh1234\"]}                      | valid",
      "PUT   | /api/collections/{id}/films | [7]                                                   | filmIds",
  })
  void body_isCheckedAgainstTheDocument(String method, String path, String body, String field) {
    var handlerProblem = problemFor(method, path, body);

    if (field == null) {
      assertThat(handlerProblem).as(body).isNull();
    } else {
      assertThat(handlerProblem).as(body).isNotNull();
      assertThat(handlerProblem.field()).isEqualTo(field);
      assertThat(handlerProblem.sentence()).contains("/api/openapi.yaml").doesNotContain("Exception");
    }
  }

  @Test
  void operation_withoutAJsonBodyInTheDocument_isAStartUpError() {
    assertThatThrownBy(() -> BODIES.operation("POST", "/api/nothing"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/api/nothing");
  }

  @Test
  void problem_ofAnEmptyOutput_namesTheBody() {
    OutputUnit bare = new OutputUnit(false);

    assertThat(OpenApiBodies.problem(bare, "body").field()).isEqualTo("body");
  }

  private static OpenApiBodies.Problem problemFor(String method, String path, String body) {
    OutputUnit result = BODIES.validate(method, path, Json.decodeValue(body)).orElse(null);
    return result == null ? null : OpenApiBodies.problem(result, BODIES.arrayField(method, path));
  }
}
