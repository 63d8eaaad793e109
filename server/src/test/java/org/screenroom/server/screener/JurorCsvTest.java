package org.screenroom.server.screener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.screenroom.server.http.ApiError;

/** The jurors' CSV: quoting, aliases, defaults, and bad input naming its line. */
class JurorCsvTest {
  private static final Map<String, String> DEFAULTS = Map.of("expiresAt", "2026-06-01T00:00:00Z");

  @Test
  void parse_readsQuotedFieldsAliasesAndDefaults() {
    List<PassRequest> rows = JurorCsv.parse("Name,EMAIL,films,maxPlays,passcode\r\n"
        + "\"Varda, Agnès\",agnes@x.example,f1 f2;f3,3,\r\n"
        + "\"Say \"\"hi\"\"\",hi@x.example,,,secret-1\n", DEFAULTS);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).jurorName()).isEqualTo("Varda, Agnès");
    assertThat(rows.get(0).filmIds()).containsExactly("f1", "f2", "f3");
    assertThat(rows.get(0).maxPlays()).isEqualTo(3);
    assertThat(rows.get(0).expiresAt()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(rows.get(1).jurorName()).isEqualTo("Say \"hi\"");
    assertThat(rows.get(1).filmIds()).isEmpty();
    assertThat(rows.get(1).passcode()).isEqualTo("secret-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty body||body|The CSV is empty",
      "no header columns|a,b\\nc,d|body|first line must name",
      "bad email|jurorName,jurorEmail\\nAda,nope|jurorEmail|Line 2:",
      "no name on line 3|jurorName,jurorEmail\\nAda,a@x.example\\n,b@x.example|jurorName|Line 3:",
      "bad date|jurorName,jurorEmail,expiresAt\\nAda,a@x.example,tomorrow|expiresAt|Line 2:",
      "zero plays|jurorName,jurorEmail,maxPlays\\nAda,a@x.example,0|maxPlays|Line 2:",
      "opens after expiry|jurorName,jurorEmail,opensAt\\nAda,a@x.example,2027-01-01T00:00:00Z|opensAt|Line 2:",
  })
  void parse_badInput_is400NamingTheField(String name, String text, String field, String sentence) {
    String csv = text == null ? "" : text.replace("\\n", "\n");
    assertThatThrownBy(() -> JurorCsv.parse(csv, DEFAULTS))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).contains(sentence);
        });
  }
}
