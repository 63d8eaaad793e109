package org.screenroom.catalog.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsQueryTest {
  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(nullValues = "-", delimiterString = "=>", quoteCharacter = '"', value = {
      "varda              => 'varda':*",
      "Agnès Varda        => 'agnes':* & 'varda':*",
      "CLÉO               => 'cleo':*",
      "ﬁlm                => 'film':*",
      "jean-luc           => 'jean':* & 'luc':*",
      "' | & ! :* ( ) <-> => -",
      "'x':* | y          => 'x':* & 'y':*",
      "2001               => '2001':*",
      "東京物語            => '東京物語':*",
      "'                  => -"})
  void of_quotesEachWordAsAPrefix_foldingCaseAndAccents(String text, String expected) {
    assertThat(TsQuery.of(text)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(nullValues = "-", value = {"Cléo,cleo", "ÅNGSTRÖM,angstrom", "-,''", "naïve café,naive cafe"})
  void fold_dropsDiacriticsAndCase(String text, String expected) {
    assertThat(TsQuery.fold(text)).isEqualTo(expected);
  }
}
