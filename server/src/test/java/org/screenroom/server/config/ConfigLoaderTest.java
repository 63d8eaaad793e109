package org.screenroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.db.Dialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final Map<String, String> NONE = Map.of();

  /** Where a value is given, and how a problem sentence names that place. */
  enum Source {
    FLAG, ENV, FILE;

    ServerConfig load(String key, String value) {
      return switch (this) {
        case FLAG -> ConfigLoader.load(Map.of(key, value), NONE, NONE);
        case ENV -> ConfigLoader.load(NONE, Map.of(ConfigLoader.envName(key), value), NONE);
        case FILE -> ConfigLoader.load(NONE, NONE, Map.of(key, value));
      };
    }

    String named(String key) {
      return switch (this) {
        case FLAG -> "--" + key;
        case ENV -> ConfigLoader.envName(key);
        case FILE -> "'" + key + "' in the config file";
      };
    }
  }

  @Test
  void load_nothingGiven_usesDefaults() {
    ServerConfig c = ConfigLoader.load(NONE, NONE, NONE);

    assertThat(c).isEqualTo(new ServerConfig("0.0.0.0", 8080, Path.of("./data"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(6), 1, "medium", 4,
        false, Path.of("./data").resolve("cache"), ConfigLoader.DEFAULT_MAX_UPLOAD_SIZE,
        ConfigLoader.DEFAULT_MIN_FREE_DISK, CatalogLocation.sqlite(Path.of("./data/catalog.db")),
        Optional.empty(), StreamConfig.defaults(),
        org.screenroom.server.storage.StorageSettings.local(), Optional.empty(),
        AccessConfig.defaults()));
    assertThat(c.catalog().dialect()).isEqualTo(Dialect.SQLITE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "port, SCREENROOM_PORT",
      "public-url, SCREENROOM_PUBLIC_URL",
      "playback-ttl, SCREENROOM_PLAYBACK_TTL",
      "x264-preset, SCREENROOM_X264_PRESET",
      "admin-password, SCREENROOM_ADMIN_PASSWORD",
      "cache-dir, SCREENROOM_CACHE_DIR"})
  void envName_isPrefixedUpperSnakeCase(String key, String env) {
    assertThat(ConfigLoader.envName(key)).isEqualTo(env);
  }

  @ParameterizedTest(name = "flag={0} env={1} file={2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      "1111, 2222, 3333, 1111",
      "1111, -,    3333, 1111",
      "1111, 2222, -,    1111",
      "-,    2222, 3333, 2222",
      "-,    -,    3333, 3333",
      "-,    -,    -,    8080",
      // Regression: a blank higher source hid the lower ones.
      "'',   2222, 3333, 2222",
      "-,    '',   3333, 3333",
      "'  ', '',   3333, 3333"})
  void load_port_flagWinsOverEnvWhichWinsOverFile(String flag, String env, String file, int port) {
    ServerConfig c = ConfigLoader.load(only("port", flag), only("SCREENROOM_PORT", env),
        only("port", file));

    assertThat(c.port()).isEqualTo(port);
  }

  @Test
  void load_eachKeyFromItsOwnSource_combines() {
    ServerConfig c = ConfigLoader.load(
        Map.of("port", "0", "data", "/srv/films"),
        Map.of("SCREENROOM_PUBLIC_URL", "https://films.example.org/", "SCREENROOM_X264_PRESET", "slow",
            "SCREENROOM_DEMO", "yes"),
        Map.of("playback-ttl", "90m", "segment-seconds", "6", "transcode-concurrency", "3",
            "x264-preset", "ultrafast", "demo", "false"));

    assertThat(c.port()).isZero();
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/films"));
    assertThat(c.cacheDir()).isEqualTo(Path.of("/srv/films/cache"));
    assertThat(c.publicUrl()).contains("https://films.example.org");
    assertThat(c.x264Preset()).isEqualTo("slow");
    assertThat(c.demo()).isTrue();
    assertThat(c.playbackTtl()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.segmentSeconds()).isEqualTo(6);
    assertThat(c.transcodeConcurrency()).isEqualTo(3);
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("port", "abc", "0..65535"),
        Arguments.of("port", "-1", "0..65535"),
        Arguments.of("port", "70000", "0..65535"),
        Arguments.of("port", "8080.5", "0..65535"),
        Arguments.of("playback-ttl", "0s", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("playback-ttl", "forever", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("playback-ttl", "31d", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("playback-ttl", "P31D", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("playback-ttl", "-5m", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("x264-preset", "turbo", "use one of"),
        Arguments.of("x264-preset", "MEDIUM", "use one of"),
        Arguments.of("segment-seconds", "3", "use an even number from 2 to 10"),
        Arguments.of("segment-seconds", "12", "use an even number from 2 to 10"),
        Arguments.of("segment-seconds", "0", "use an even number from 2 to 10"),
        Arguments.of("transcode-concurrency", "0", "use 1..64"),
        Arguments.of("transcode-concurrency", "65", "use 1..64"),
        Arguments.of("demo", "maybe", "use true or false"),
        Arguments.of("admin-password", "short", "choose a longer password"),
        Arguments.of("admin-password", "1234567", "choose a longer password"),
        Arguments.of("public-url", "ftp://x", "use e.g. https://films.example.org"),
        Arguments.of("public-url", "films.example.org", "use e.g. https://films.example.org"),
        Arguments.of("public-url", "https://", "use e.g. https://films.example.org"),
        Arguments.of("db-url", "postgres://db/screenroom", "use e.g. jdbc:postgresql://"),
        Arguments.of("db-url", "jdbc:mysql://db/screenroom", "use e.g. jdbc:postgresql://"),
        Arguments.of("db-url", "jdbc:sqlite:", "use e.g. jdbc:sqlite:/srv"),
        Arguments.of("db-user", "screenroom", "names no PostgreSQL database"),
        Arguments.of("db-password", "secret", "names no PostgreSQL database"),
        Arguments.of("playback-bind-network", "sometimes", "use true or false"),
        Arguments.of("key-rotation", "weekly", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("key-retention", "1h", "make it at least as long"),
        Arguments.of("header-timeout", "0s", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("idle-timeout", "never", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("max-connections-per-ip", "0", "use 1..1000000"),
        Arguments.of("max-header-size", "10", "use bytes or a number with KiB"),
        Arguments.of("max-header-size", "2MiB", "use e.g. 8KiB"),
        Arguments.of("tls-cert", "/nonexistent/cert.pem", "tls-key go together"),
        Arguments.of("tls-key", "/nonexistent/key.pem", "tls-key go together"),
        Arguments.of("native-transport", "epoll", "use auto (epoll where available), on"),
        Arguments.of("native-transport", "yes", "or off (NIO)"),
        Arguments.of("fast-segments", "sometimes", "use true or false"),
        Arguments.of("storage", "nfs", "use local (the data directory) or s3"),
        Arguments.of("s3-bucket", "films", "set storage=s3"),
        Arguments.of("s3-delivery", "redirect", "set storage=s3"),
        Arguments.of("cluster", "127.0.0.1", "list the members as e.g. 10.0.0.5:5701"),
        Arguments.of("cluster", "127.0.0.1:99999", "list the members as e.g. 10.0.0.5:5701"),
        Arguments.of("cluster", "10.0.0.5:5701", "set cluster-host to this machine's address"),
        Arguments.of("cluster-host", "10.0.0.5", "set cluster to the members' HOST:PORT list"),
        Arguments.of("trusted-proxies", "10.0.0.1/8", "CIDR block (host bits zero)"),
        Arguments.of("trusted-proxies", "lb.example.org", "is not an IP address or CIDR block"),
        Arguments.of("trusted-proxies", "10.0.0.0/33", "e.g. 10.0.0.0/8,2001:db8::/32"),
        Arguments.of("proxy-header", "X-Real-IP", "use X-Forwarded-For or Forwarded"),
        Arguments.of("proxy-header", "Forwarded", "is set but trusted-proxies is not"),
        Arguments.of("session-idle", "1m", "shorter than 5m"),
        Arguments.of("session-idle", "forever", "use e.g. 6h, 90m, 2d or PT6H"),
        Arguments.of("session-lifetime", "1h", "make it at least as long, e.g. 30d"),
        Arguments.of("login-failures-per-user-address", "0", "use 1..1000"),
        Arguments.of("login-failures-per-user-address", "1001", "use 1..1000"),
        Arguments.of("login-failures-per-address", "0", "use 1..100000"),
        Arguments.of("login-failures-per-user", "many", "use 1..100000"),
        Arguments.of("login-lockout", "20m", "is longer than login-lockout-max"),
        Arguments.of("login-lockout-max", "30s", "shorter than login-lockout"),
        Arguments.of("login-quiet-reset", "0s", "use e.g. 6h, 90m, 2d or PT6H"));
  }

  static Stream<Arguments> invalidValuesFromEverySource() {
    return invalidValues().flatMap(a -> Stream.of(Source.values())
        .map(s -> Arguments.of(s, a.get()[0], a.get()[1], a.get()[2])));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource("invalidValuesFromEverySource")
  void load_invalidValue_isOneProblemNamingTheSourceAndTheFix(Source source, String key,
      String value, String fix) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> source.load(key, value));

    assertThat(e).as("%s=%s must be refused", key, value).isNotNull();
    assertThat(e.problems()).singleElement().asString()
        .startsWith(source.named(key))
        .contains(fix);
    assertThat(e.getMessage()).contains(source.named(key));
  }

  @Test
  void load_accessKeys_trustedProxiesSessionsAndTheSignInThrottle() {
    ServerConfig c = ConfigLoader.load(NONE, Map.of(
        "SCREENROOM_TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32",
        "SCREENROOM_PROXY_HEADER", "forwarded", "SCREENROOM_SESSION_IDLE", "2h",
        "SCREENROOM_SESSION_LIFETIME", "7d", "SCREENROOM_LOGIN_FAILURES_PER_USER_ADDRESS", "3",
        "SCREENROOM_LOGIN_FAILURES_PER_ADDRESS", "50", "SCREENROOM_LOGIN_FAILURES_PER_USER", "500",
        "SCREENROOM_LOGIN_LOCKOUT", "30s", "SCREENROOM_LOGIN_LOCKOUT_MAX", "1h",
        "SCREENROOM_LOGIN_QUIET_RESET", "1h"), NONE);

    AccessConfig a = c.access();
    assertThat(a.trustedProxies().blocks()).extracting(Object::toString)
        .containsExactly("10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32");
    assertThat(a.trustedProxies().header()).isEqualTo(
        org.screenroom.server.http.TrustedProxies.Header.FORWARDED);
    assertThat(a.trustedProxies().trusts("192.0.2.7")).isTrue();
    assertThat(a.trustedProxies().trusts("192.0.2.8")).isFalse();
    assertThat(a.sessionIdle()).isEqualTo(Duration.ofHours(2));
    assertThat(a.sessionLifetime()).isEqualTo(Duration.ofDays(7));
    assertThat(a.loginPolicy()).isEqualTo(new org.screenroom.catalog.account.LoginThrottle.Policy(
        Duration.ofHours(1),
        new org.screenroom.catalog.account.LoginThrottle.Rule(3, Duration.ofSeconds(30), Duration.ofHours(1)),
        new org.screenroom.catalog.account.LoginThrottle.Rule(50, Duration.ofSeconds(30), Duration.ofHours(1)),
        new org.screenroom.catalog.account.LoginThrottle.Rule(500, Duration.ofSeconds(30), Duration.ofHours(1))));
    assertThat(c.describe().get("trusted-proxies")).contains("192.0.2.7/32", "via Forwarded");
  }

  @Test
  void load_cluster_membersHostPortAndLease() {
    ServerConfig c = ConfigLoader.load(Map.of("cluster", "10.0.0.5:5701, 10.0.0.6:5702",
        "cluster-host", "10.0.0.5", "cluster-lease", "45s"), NONE, NONE);

    assertThat(c.cluster()).contains(new org.screenroom.server.config.ClusterConfig(
        java.util.List.of("10.0.0.5:5701", "10.0.0.6:5702"), "10.0.0.5", 5701,
        Duration.ofSeconds(45)));
    assertThat(ConfigLoader.load(NONE, NONE, NONE).cluster()).isEmpty();
    ConfigException shortLease = catchThrowableOfType(ConfigException.class, () ->
        ConfigLoader.load(Map.of("cluster", "127.0.0.1:5701", "cluster-lease", "1s"), NONE, NONE));
    assertThat(shortLease.problems()).singleElement().asString().contains("use e.g. 30s");
  }

  @Test
  void load_adminPasswordProblem_doesNotEchoThePassword() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(Map.of("admin-password", "s3cr3t"), NONE, NONE));

    assertThat(e.problems()).singleElement().asString().doesNotContain("s3cr3t");
  }

  @Test
  void load_invalidFlagOverValidEnv_blamesTheFlag() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
        Map.of("port", "abc"), Map.of("SCREENROOM_PORT", "9000"), Map.of("port", "9001")));

    assertThat(e.problems()).singleElement().asString().startsWith("--port = 'abc'");
  }

  @Test
  void load_severalProblems_areReportedTogether() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
        Map.of("port", "abc"),
        Map.of("SCREENROOM_X264_PRESET", "turbo", "SCREENROOM_DEMO", "maybe"),
        Map.of("playback-ttl", "forever", "colour", "blue")));

    assertThat(e.problems()).hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("--port"))
        .anySatisfy(p -> assertThat(p).startsWith("SCREENROOM_X264_PRESET"))
        .anySatisfy(p -> assertThat(p).startsWith("SCREENROOM_DEMO"))
        .anySatisfy(p -> assertThat(p).startsWith("'playback-ttl' in the config file"))
        .anySatisfy(p -> assertThat(p).contains("'colour' is unknown"));
    assertThat(e.getMessage()).startsWith("Invalid configuration:").contains("\n  - ");
  }

  @Test
  void load_unknownConfigFileKey_isReportedWithTheKnownKeys() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(NONE, NONE, Map.of("prot", "8080")));

    assertThat(e.problems()).singleElement().asString()
        .contains("config file key 'prot' is unknown")
        .contains("port")
        .contains("playback-ttl");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "6h, PT6H",
      "90m, PT1H30M",
      "PT6H, PT6H",
      "1s, PT1S",
      "P30D, PT720H",
      "P1DT2H, PT26H",
      " 45m , PT45M",
      "2d, PT48H",
      "30d, PT720H"})
  void load_acceptedDuration_isParsed(String value, String expected) {
    assertThat(ConfigLoader.load(Map.of("playback-ttl", value), NONE, NONE).playbackTtl())
        .isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"true, true", "YES, true", "1, true", "on, true", "false, false", "No, false",
      "0, false", "off, false"})
  void load_demoBoolean_acceptsCommonSpellings(String value, boolean expected) {
    assertThat(ConfigLoader.load(NONE, Map.of("SCREENROOM_DEMO", value), NONE).demo())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"auto, AUTO", "on, ON", "OFF, OFF", " Auto , AUTO", "true, ON", "false, OFF"})
  void load_nativeTransport_autoOnOrOff(String value, NativeTransport expected) {
    ServerConfig c = ConfigLoader.load(NONE, Map.of("SCREENROOM_NATIVE_TRANSPORT", value), NONE);

    assertThat(c.stream().nativeTransport()).isEqualTo(expected);
    assertThat(c.describe()).containsEntry("native-transport", expected.toString());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(value = {"(unset), true", "true, true", "false, false", "off, false"},
      nullValues = "(unset)")
  void load_fastSegments_onByDefault_offByFlag(String value, boolean expected) {
    ServerConfig c = ConfigLoader.load(NONE,
        value == null ? NONE : Map.of("SCREENROOM_FAST_SEGMENTS", value), NONE);

    assertThat(c.stream().fastSegments()).isEqualTo(expected);
    assertThat(c.describe()).containsEntry("fast-segments", Boolean.toString(expected));
  }

  @Test
  void load_nativeTransportUnset_isTheDefault() {
    assertThat(ConfigLoader.load(NONE, NONE, NONE).stream().nativeTransport())
        .isEqualTo(StreamConfig.DEFAULT_NATIVE_TRANSPORT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2", "4", "6", "8", "10"})
  void load_evenSegmentSecondsInRange_isAccepted(int seconds) {
    assertThat(ConfigLoader.load(Map.of("segment-seconds", Integer.toString(seconds)), NONE, NONE)
        .segmentSeconds()).isEqualTo(seconds);
  }

  @Test
  void readFile_missingFile_namesThePath(@TempDir Path dir) {
    String missing = dir.resolve("nope/screenroom.properties").toString();

    assertThatThrownBy(() -> ConfigLoader.readFile(Map.of("config", missing), NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("--config or SCREENROOM_CONFIG");
  }

  @Test
  void readFile_fromEnvironment_readsTrimmedProperties(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("screenroom.properties");
    Files.writeString(file, "# comment\nport = 9090  \nx264-preset=fast\n");

    Map<String, String> values =
        ConfigLoader.readFile(NONE, Map.of("SCREENROOM_CONFIG", file.toString()));

    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("port", "9090", "x264-preset", "fast"));
  }

  @Test
  void readFile_flagWinsOverEnvironment(@TempDir Path dir) throws IOException {
    Path flagged = dir.resolve("a.properties");
    Files.writeString(flagged, "port=1\n");

    Map<String, String> values = ConfigLoader.readFile(Map.of("config", flagged.toString()),
        Map.of("SCREENROOM_CONFIG", dir.resolve("missing.properties").toString()));

    assertThat(values).containsExactlyEntriesOf(Map.of("port", "1"));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(value = {"''", "'   '"})
  void readFile_noFileNamed_isEmpty(String name) {
    assertThat(ConfigLoader.readFile(NONE, Map.of("SCREENROOM_CONFIG", name))).isEmpty();
    assertThat(ConfigLoader.readFile(NONE, NONE)).isEmpty();
  }

  @Test
  void describe_masksTheAdminPassword() {
    ServerConfig c = ConfigLoader.load(Map.of("admin-password", "correct horse"), NONE, NONE);

    assertThat(c.describe()).containsEntry("admin-password", "(set)")
        .doesNotContainValue("correct horse");
  }

  @Test
  void load_postgresqlUrl_withUserAndPassword_isThePostgresqlCatalog() {
    ServerConfig c = ConfigLoader.load(Map.of("db-url", "jdbc:postgresql://db:5432/screenroom"),
        Map.of("SCREENROOM_DB_USER", "screenroom", "SCREENROOM_DB_PASSWORD", "s3cret"), NONE);

    assertThat(c.catalog()).isEqualTo(new CatalogLocation("jdbc:postgresql://db:5432/screenroom",
        Optional.of("screenroom"), Optional.of("s3cret")));
    assertThat(c.catalog().dialect()).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void load_sqliteUrl_movesTheCatalogFile() {
    ServerConfig c = ConfigLoader.load(Map.of("db-url", "jdbc:sqlite:/srv/films/catalog.db"), NONE, NONE);

    assertThat(c.catalogFile()).isEqualTo(Path.of("/srv/films/catalog.db"));
  }

  @Test
  void describe_masksTheDatabasePassword_inTheUrlToo() {
    ServerConfig c = ConfigLoader.load(Map.of("db-url",
        "jdbc:postgresql://db/screenroom?user=sr&password=hunter22"),
        Map.of("SCREENROOM_DB_PASSWORD", "correct horse"), NONE);

    assertThat(c.describe()).containsEntry("db-password", "(set)")
        .containsEntry("db-url", "jdbc:postgresql://db/screenroom?user=sr&password=***");
    assertThat(c.describe().values()).noneMatch(v -> v.contains("correct horse") || v.contains("hunter22"));
  }

  private static Map<String, String> only(String key, String value) {
    return value == null ? NONE : Map.of(key, value);
  }
}
