package org.screenroom.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;

class ShareTest {
  private static final String TEMPLATE = "<html><head>\n<title>Film · Screenroom</title>\n</head><body></body></html>";
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  private static Film film(String title, String logline) {
    FilmMetadata m = new FilmMetadata(title, logline, null, null, List.of(), List.of(),
        Visibility.PUBLIC, Optional.empty(), Optional.empty());
    return new Film("AbCdEfGh1234", "owner", m, FilmStatus.READY, 100, null, Optional.empty(),
        Optional.of(Duration.ofSeconds(5)), List.of(), T, T);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"><script>alert(1)</script>",
      "'; DROP TABLE films; --",
      "</title><script>x</script>",
      "a & b < c > d \" e ' f",
      "$1 \\\\ $0 backreference bait"})
  void shareTags_hostileTitleAndLogline_areEscaped(String hostile) {
    String html = ShareTags.render(TEMPLATE, film(hostile, hostile), "https://films.example.org");

    assertThat(html).doesNotContain("<script>").doesNotContain("\"><");
    assertThat(html).contains("<meta property=\"og:title\" content=\"" + Html.escape(hostile) + "\" />");
    assertThat(html).contains("<title>" + Html.escape(hostile) + " · Screenroom</title>");
    assertThat(html.indexOf("og:title")).isLessThan(html.indexOf("</head>"));
  }

  @Test
  void shareTags_nameTheEmbedAndOembed() {
    String html = ShareTags.render(TEMPLATE, film("Night Bus", "A driver."), "https://x.org");

    assertThat(html).contains("og:video:url\" content=\"https://x.org/embed/AbCdEfGh1234\"",
        "application/json+oembed", "url=https%3A%2F%2Fx.org%2Ffilms%2FAbCdEfGh1234",
        "og:description\" content=\"A driver.\"");
  }

  @Test
  void description_isFlattenedAndCut() {
    assertThat(ShareTags.description(film("T", "line one\n\n  line two"))).isEqualTo("line one line two");
    assertThat(ShareTags.description(film("T", "x".repeat(400)))).hasSize(300).endsWith("…");
    assertThat(ShareTags.description(film("Only a title", null))).isEqualTo("Only a title");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "-", value = {
      "https://x.org/films/AbCdEfGh1234, AbCdEfGh1234",
      "http://x.org:8080/watch/AbCdEfGh1234?autoplay=1, AbCdEfGh1234",
      "https://x.org/embed/AbCdEfGh1234/, AbCdEfGh1234",
      "https://x.org/films/AbCdEfGh12, -",
      "https://x.org/films/../../etc/passwd, -",
      "javascript:alert(1)//x.org/films/AbCdEfGh1234, -",
      "https://x.org/play/t/AbCdEfGh1234/master.m3u8, -",
      "ftp://x.org/films/AbCdEfGh1234, -"})
  void oembed_filmId_onlyFromFilmPageUrls(String url, String expected) {
    assertThat(OEmbed.filmId(url)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "max {0}x{1} -> {2}x{3}")
  @CsvSource(nullValues = "-", value = {"-, -, 960, 540", "640, -, 640, 360", "2000, -, 960, 540",
      "-, 270, 480, 270", "10, -, 160, 90"})
  void oembed_size_fitsTheConsumersBounds(Integer maxW, Integer maxH, int w, int h) {
    var json = OEmbed.answer(film("T", null), "https://x.org", Optional.ofNullable(maxW),
        Optional.ofNullable(maxH));

    assertThat(json.getInteger("width")).isEqualTo(w);
    assertThat(json.getInteger("height")).isEqualTo(h);
    assertThat(json.getString("html")).startsWith("<iframe src=\"https://x.org/embed/AbCdEfGh1234\"");
  }

  @Test
  void sitemap_escapesAndDates() {
    String xml = Sitemap.render("https://x.org?a=1&b=2", List.of(film("T", null)));

    assertThat(xml).contains("<loc>https://x.org?a=1&amp;b=2/films/AbCdEfGh1234</loc><lastmod>2026-05-01</lastmod>");
    assertThat(xml).startsWith("<?xml").endsWith("</urlset>\n");
  }
}
