package org.screenroom.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePathTest {
  @Test
  void parse_imagePath_givesFilmNameAndWidth() {
    assertThat(ImagePath.parse("/images/AbCdEfGh1234/p-q_r-s_t-uv-640.jpg"))
        .contains(new ImagePath("AbCdEfGh1234", "p-q_r-s_t-uv", 640));
    assertThat(new ImagePath("AbCdEfGh1234", "p-q_r-s_t-uv", 640).fileName())
        .isEqualTo("p-q_r-s_t-uv-640.jpg");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/images/AbCdEfGh1234/../../catalog.db",
      "/images/AbCdEfGh1234/%2e%2e%2fcatalog.db-640.jpg",
      "/images/AbCdEfGh1234/..%5c..%5cxxxxx-640.jpg",
      "/images/AbCdEfGh1234/abcdefghijkl-640.jpg%00.png",
      "/images/AbCdEfGh1234/abcdefghijkl-640.png",
      "/images/AbCdEfGh1234/abcdefghijkl-0640.jpg",
      "/images/AbCdEfGh1234/abcdefghijkl-6.jpg",
      "/images/AbCdEfGh1234/abcdefghijk-640.jpg",
      "/images/AbCdEfGh1234/abcdefghijkl-640.jpg/",
      "/images/AbCdEfGh123/abcdefghijkl-640.jpg",
      "/images/AbCdEfGh1234/sub/abcdefghijkl-640.jpg",
      "/images//abcdefghijkl-640.jpg",
      ""})
  void parse_hostileOrMalformed_isEmpty(String path) {
    assertThat(ImagePath.parse(path)).isEmpty();
  }
}
