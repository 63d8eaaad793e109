package org.screenroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.screenroom.server.storage.StorageSettings;
import org.screenroom.server.storage.StorageSettings.Delivery;

/** {@code storage=s3} and its {@code s3-*} keys: accepted forms and each refusal's fix. */
class StorageConfigsTest {
  private static final Map<String, String> NONE = Map.of();

  private static Map<String, String> s3(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("SCREENROOM_STORAGE", "s3",
        "SCREENROOM_S3_BUCKET", "films"));
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        env.remove(pairs[i]);
      } else {
        env.put(pairs[i], pairs[i + 1]);
      }
    }
    return env;
  }

  @Test
  void s3_withEndpointPrefixAndKeys_isTyped() {
    ServerConfig c = ConfigLoader.load(NONE, s3("SCREENROOM_S3_ENDPOINT", "http://minio:9000/",
        "SCREENROOM_S3_PREFIX", "/screenroom/prod/", "SCREENROOM_S3_DELIVERY", "REDIRECT",
        "SCREENROOM_S3_ACCESS_KEY", "ak", "SCREENROOM_S3_SECRET_KEY", "sk"), NONE);

    assertThat(c.storage()).isEqualTo(new StorageSettings(StorageSettings.Kind.S3,
        Optional.of(new StorageSettings.S3(Optional.of(URI.create("http://minio:9000")), "films",
            "us-east-1", "screenroom/prod/", Delivery.REDIRECT, Optional.of("ak"),
            Optional.of("sk")))));
    assertThat(c.describe()).containsEntry("s3-delivery", "redirect")
        .containsEntry("s3-endpoint", "http://minio:9000");
    assertThat(c.describe().toString()).doesNotContain("sk,").doesNotContain("=sk");
    assertThat(c.storage().toString()).doesNotContain("sk");
  }

  @Test
  void s3_minimal_isAwsWithTheDefaultChainAndProxy() {
    StorageSettings.S3 s = ConfigLoader.load(NONE, s3(), NONE).storage().s3().orElseThrow();

    assertThat(s.endpoint()).isEmpty();
    assertThat(s.prefix()).isEmpty();
    assertThat(s.delivery()).isEqualTo(Delivery.PROXY);
    assertThat(s.accessKey()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "SCREENROOM_S3_BUCKET     | -                 | set SCREENROOM_S3_BUCKET to an existing bucket",
      "SCREENROOM_S3_BUCKET     | My_Films          | lower-case letters, digits, dots and hyphens",
      "SCREENROOM_S3_BUCKET     | ab                | lower-case letters, digits, dots and hyphens",
      "SCREENROOM_S3_ENDPOINT   | minio:9000        | use e.g. http://minio:9000",
      "SCREENROOM_S3_ENDPOINT   | http://minio/films | use e.g. http://minio:9000",
      "SCREENROOM_S3_ENDPOINT   | ftp://minio       | use e.g. http://minio:9000",
      "SCREENROOM_S3_REGION     | EU West           | use e.g. us-east-1",
      "SCREENROOM_S3_PREFIX     | a/../b            | is not a key prefix",
      "SCREENROOM_S3_PREFIX     | films//x          | is not a key prefix",
      "SCREENROOM_S3_DELIVERY   | cdn               | use proxy",
      "SCREENROOM_S3_ACCESS_KEY | ak                | go together",
      "SCREENROOM_S3_SECRET_KEY | sk                | go together",
  })
  void s3_badValue_isOneProblemSayingTheFix(String env, String value, String fix) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(NONE, s3(env, value), NONE));

    assertThat(e).isNotNull();
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).contains(fix);
  }
}
