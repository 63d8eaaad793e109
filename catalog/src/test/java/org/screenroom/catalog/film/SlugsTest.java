package org.screenroom.catalog.film;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Cléo from 5 to 7       | cleo-from-5-to-7",
      "  Hiroshima, mon amour | hiroshima-mon-amour",
      "L'Année dernière à Marienbad | l-annee-derniere-a-marienbad",
      "Ｆｕｌｌｗｉｄｔｈ 2     | fullwidth-2",
      "../../etc/passwd       | etc-passwd",
      "東京物語                | film",
      "---                    | film"})
  void of_title_isAnAsciiSlug(String title, String slug) {
    assertThat(Slugs.of(title)).isEqualTo(slug);
    assertThat(Slugs.isValid(Slugs.of(title))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {79, 80, 81, 200})
  void of_longTitle_isCutAtAWordToTheLimit(int words) {
    String slug = Slugs.of("ab ".repeat(words));
    assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
    assertThat(Slugs.isValid(slug)).isTrue();
    assertThat(Slugs.candidate(slug, 12).length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Upper", "a--b", "-a", "a-", "a_b", "a b", "é", "a/b", "%2e"})
  void isValid_refusesMalformedSlugs(String slug) {
    assertThat(Slugs.isValid(slug)).isFalse();
  }
}
