package org.screenroom.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.screenroom.catalog.account.LoginThrottle;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.db.Dialect;
import org.screenroom.server.http.Cidr;
import org.screenroom.server.http.TrustedProxies;
import org.screenroom.server.storage.StorageSettings;

/**
 * Builds a {@link ServerConfig} from three sources, highest precedence first: command-line flags,
 * environment variables ({@code SCREENROOM_} + the key in upper snake case) and a properties file
 * ({@code --config} or {@code SCREENROOM_CONFIG}), then defaults. Pure: the caller hands in the
 * flags, the environment and the file's text, so tests need no real environment.
 */
public final class ConfigLoader {
  /** Every key understood, as spelled on the command line without the dashes. */
  public static final Set<String> KEYS = Set.of("host", "port", "data", "ffmpeg", "ffprobe",
      "admin-password", "public-url", "playback-ttl", "transcode-concurrency", "x264-preset",
      "segment-seconds", "demo", "cache-dir", "max-upload-size", "min-free-disk", "db-url", "db-user",
      "db-password", "smtp-host", "smtp-port", "smtp-username", "smtp-password", "smtp-from", "smtp-tls",
      "playback-bind-network", "key-rotation", "key-retention", "idle-timeout", "header-timeout",
      "max-connections-per-ip", "max-header-size", "tls-cert", "tls-key", "native-transport",
      "fast-segments",
      "storage", "s3-endpoint", "s3-bucket", "s3-region", "s3-prefix", "s3-delivery",
      "s3-access-key", "s3-secret-key", "cluster", "cluster-host", "cluster-port", "cluster-lease",
      "trusted-proxies", "proxy-header", "session-idle", "session-lifetime",
      "login-failures-per-user-address", "login-failures-per-address", "login-failures-per-user",
      "login-lockout", "login-lockout-max", "login-quiet-reset");
  /**
   * DEFAULT of {@code max-upload-size} (env {@code SCREENROOM_MAX_UPLOAD_SIZE}): the one place it
   * is set. 500 GiB holds a feature-length ProRes 4444 XQ master with room to spare.
   */
  public static final long DEFAULT_MAX_UPLOAD_SIZE = 500L * ByteSize.GIB;
  /**
   * DEFAULT of {@code min-free-disk}: room for the catalog and logs; a server that transcodes
   * large masters wants more (a package is about a third of a ProRes master).
   */
  public static final long DEFAULT_MIN_FREE_DISK = 256 * ByteSize.MIB;
  /** Anything smaller cannot hold a film; most likely a unit was forgotten. */
  private static final long MIN_UPLOAD_SIZE = ByteSize.MIB;
  private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast",
      "faster", "fast", "medium", "slow", "slower", "veryslow");

  private ConfigLoader() {}

  /** The environment variable name for {@code key}, e.g. {@code SCREENROOM_PUBLIC_URL}. */
  public static String envName(String key) {
    return "SCREENROOM_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Reads the optional properties file named by the flags or the environment.
   *
   * @throws ConfigException if the named file cannot be read
   */
  public static Map<String, String> readFile(Map<String, String> flags, Map<String, String> env) {
    String name = flags.getOrDefault("config", env.get("SCREENROOM_CONFIG"));
    if (name == null || name.isBlank()) {
      return Map.of();
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(name))) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException(List.of("config file " + name + " cannot be read ("
          + e.getMessage() + "): check the path given to --config or SCREENROOM_CONFIG."));
    }
    Map<String, String> out = new java.util.HashMap<>();
    props.forEach((k, v) -> out.put(k.toString().trim(), v.toString().trim()));
    return out;
  }

  /**
   * Resolves and validates the configuration.
   *
   * @param flags values given on the command line, by key
   * @param env the process environment
   * @param file values from the properties file, by key
   * @throws ConfigException listing every invalid value and how to fix it
   */
  public static ServerConfig load(Map<String, String> flags, Map<String, String> env,
      Map<String, String> file) {
    Sources s = new Sources(flags, env, file);
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(file.keySet());
    unknown.removeAll(KEYS);
    unknown.forEach(k -> problems.add("config file key '" + k + "' is unknown: known keys are "
        + new TreeSet<>(KEYS) + "."));

    String host = s.get("host").orElse("0.0.0.0");
    int port = s.intIn("port", 8080, 0, 65_535, "use 0..65535 (0 picks a free port)", problems);
    Path data = Path.of(s.get("data").orElse("./data"));
    Optional<Path> ffmpeg = s.get("ffmpeg").map(Path::of);
    Optional<Path> ffprobe = s.get("ffprobe").map(Path::of);
    Optional<String> adminPassword = s.get("admin-password");
    adminPassword.filter(p -> p.length() < 8).ifPresent(p -> problems.add(
        s.describe("admin-password") + " is shorter than 8 characters: choose a longer password."));
    Optional<String> publicUrl = s.get("public-url").map(u -> u.replaceAll("/+$", ""));
    publicUrl.filter(u -> !isHttpUrl(u)).ifPresent(u -> problems.add(s.describe("public-url")
        + " = '" + u + "' is not an http(s) URL: use e.g. https://films.example.org"));
    Duration ttl = s.duration("playback-ttl", Duration.ofHours(6), problems);
    int concurrency = s.intIn("transcode-concurrency", 1, 1, 64, "use 1..64", problems);
    String preset = s.get("x264-preset").orElse("medium");
    if (!PRESETS.contains(preset)) {
      problems.add(s.describe("x264-preset") + " = '" + preset + "' is not an x264 preset: use one of "
          + new TreeSet<>(PRESETS) + ".");
    }
    int segment = s.intIn("segment-seconds", 4, 2, 10, "use an even number from 2 to 10", problems);
    if (segment % 2 != 0) {
      // Keyframes come every 2 s; a segment must hold a whole number of them to start on one.
      problems.add(s.describe("segment-seconds") + " = " + segment
          + " is odd: use an even number from 2 to 10 (keyframes come every 2 s).");
    }
    boolean demo = s.bool("demo", problems);
    Path cacheDir = s.get("cache-dir").map(Path::of).orElse(data.resolve("cache"));
    long maxUpload = s.size("max-upload-size", DEFAULT_MAX_UPLOAD_SIZE, MIN_UPLOAD_SIZE, problems);
    long minFreeDisk = s.size("min-free-disk", DEFAULT_MIN_FREE_DISK, 0, problems);
    CatalogLocation catalog = catalog(s, data, problems);
    Optional<MailSettings> mail = mail(s, problems);
    StreamConfig stream = stream(s, ttl, problems);
    StorageSettings storage = StorageConfigs.load(s::get, s::describe, problems);
    Optional<ClusterConfig> cluster = cluster(s, problems);
    AccessConfig access = access(s, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ServerConfig(host, port, data, ffmpeg, ffprobe, adminPassword, publicUrl, ttl,
        concurrency, preset, segment, demo, cacheDir, maxUpload, minFreeDisk, catalog, mail,
        stream, storage, cluster, access);
  }

  /** Trusted proxies, session lifetimes and the sign-in throttle. */
  private static AccessConfig access(Sources s, List<String> problems) {
    List<String> bad = new ArrayList<>();
    List<Cidr> blocks = TrustedProxies.parseBlocks(s.get("trusted-proxies").orElse(""), bad);
    bad.forEach(b -> problems.add(s.describe("trusted-proxies") + " entry '" + b + "' is not an IP"
        + " address or CIDR block (host bits zero): list the load balancers' addresses, e.g."
        + " 10.0.0.0/8,2001:db8::/32,192.0.2.7."));
    Optional<String> headerName = s.get("proxy-header");
    Optional<TrustedProxies.Header> parsed = headerName.flatMap(TrustedProxies.Header::parse);
    headerName.filter(h -> parsed.isEmpty()).ifPresent(h -> problems.add(s.describe("proxy-header")
        + " = '" + h + "' is not valid: use X-Forwarded-For or Forwarded (the header the trusted"
        + " proxies write)."));
    TrustedProxies.Header header = parsed.orElse(TrustedProxies.Header.X_FORWARDED_FOR);
    if (parsed.isPresent() && blocks.isEmpty() && bad.isEmpty()) {
      problems.add(s.describe("proxy-header") + " is set but trusted-proxies is not: list the"
          + " load balancers' addresses in trusted-proxies, or unset proxy-header.");
    }
    AccessConfig d = AccessConfig.defaults();
    Duration idle = s.duration("session-idle", d.sessionIdle(), problems);
    Duration lifetime = s.duration("session-lifetime", d.sessionLifetime(), problems);
    if (idle.compareTo(Duration.ofMinutes(5)) < 0) {
      problems.add(s.describe("session-idle") + " is shorter than 5m: viewers would be signed out"
          + " mid-film; use e.g. 12h.");
    }
    notShorter(s, "session-lifetime", lifetime, "session-idle", idle, "30d", problems);
    LoginThrottle.Policy p = d.loginPolicy();
    int perUserAddress = s.intIn("login-failures-per-user-address",
        p.perUserAndAddress().limit(), 1, 1_000, "use 1..1000", problems);
    int perAddress = s.intIn("login-failures-per-address", p.perAddress().limit(), 1, 100_000,
        "use 1..100000 (behind a NAT many people share an address)", problems);
    int perUser = s.intIn("login-failures-per-user", p.perUser().limit(), 1, 100_000,
        "use 1..100000", problems);
    Duration lock = s.duration("login-lockout", p.perUserAndAddress().firstLock(), problems);
    Duration maxLock = s.duration("login-lockout-max", p.perUserAndAddress().maxLock(), problems);
    Duration quiet = s.duration("login-quiet-reset", p.quietReset(), problems);
    if (!notShorter(s, "login-lockout-max", maxLock, "login-lockout", lock, "15m", problems)) {
      maxLock = lock;
    }
    LoginThrottle.Policy policy = new LoginThrottle.Policy(quiet,
        new LoginThrottle.Rule(perUserAddress, lock, maxLock),
        new LoginThrottle.Rule(perAddress, lock, maxLock),
        new LoginThrottle.Rule(perUser, lock, maxLock));
    return new AccessConfig(new TrustedProxies(blocks, header), idle, lifetime, policy);
  }

  /** DATA/catalog.db, unless db-url names another catalog (PostgreSQL for several servers). */
  /**
   * Whether {@code longer} is at least as long as {@code shorter}; if not, adds a problem that
   * blames the key that was given (the other may be a default).
   *
   * @param example a value of {@code longKey} to suggest
   */
  private static boolean notShorter(Sources s, String longKey, Duration longer, String shortKey,
      Duration shorter, String example, List<String> problems) {
    if (longer.compareTo(shorter) >= 0) {
      return true;
    }
    problems.add(s.get(longKey).isPresent()
        ? s.describe(longKey) + " is shorter than " + shortKey + " (" + shorter
            + "): make it at least as long, e.g. " + example + "."
        : s.describe(shortKey) + " is longer than " + longKey + " (" + longer
            + "): make it shorter, or raise " + longKey + ".");
    return false;
  }

  private static CatalogLocation catalog(Sources s, Path data, List<String> problems) {
    CatalogLocation fallback = CatalogLocation.sqlite(data.resolve("catalog.db"));
    Optional<String> url = s.get("db-url");
    Optional<String> user = s.get("db-user");
    Optional<String> password = s.get("db-password");
    boolean postgresql = url.flatMap(CatalogLocation::dialectOf).orElse(Dialect.SQLITE) == Dialect.POSTGRESQL;
    for (String key : List.of("db-user", "db-password")) {
      if (s.get(key).isPresent() && !postgresql) {
        problems.add(s.describe(key) + " is set but db-url names no PostgreSQL database:"
            + " set db-url to e.g. jdbc:postgresql://db.example.org:5432/screenroom, or unset " + key + ".");
      }
    }
    if (url.isEmpty()) {
      return fallback;
    }
    try {
      return new CatalogLocation(url.get(), postgresql ? user : Optional.empty(),
          postgresql ? password : Optional.empty());
    } catch (IllegalArgumentException e) {
      problems.add(s.describe("db-url") + " = " + e.getMessage()
          + " (or leave it unset for the SQLite file DATA/catalog.db).");
      return fallback;
    }
  }

  /**
   * The cluster to join when {@code cluster} lists its members ({@code HOST:PORT,...}); the
   * other cluster keys alone are a mistake worth reporting.
   */
  private static Optional<ClusterConfig> cluster(Sources s, List<String> problems) {
    Optional<String> raw = s.get("cluster");
    if (raw.isEmpty()) {
      for (String key : List.of("cluster-host", "cluster-port", "cluster-lease")) {
        s.get(key).ifPresent(v -> problems.add(s.describe(key) + " is set but cluster is not:"
            + " set cluster to the members' HOST:PORT list (e.g. 10.0.0.5:5701,10.0.0.6:5701),"
            + " or unset " + key + "."));
      }
      return Optional.empty();
    }
    List<String> members = new ArrayList<>();
    for (String member : raw.get().split(",")) {
      String m = member.trim();
      if (m.isEmpty()) {
        continue;
      }
      if (!m.matches("[A-Za-z0-9.\\-]+:\\d{1,5}") || Integer.parseInt(m.substring(m.lastIndexOf(':') + 1)) > 65_535) {
        problems.add(s.describe("cluster") + " member '" + m + "' is not HOST:PORT: list the"
            + " members as e.g. 10.0.0.5:5701,10.0.0.6:5701.");
      }
      members.add(m);
    }
    String host = s.get("cluster-host").orElse("127.0.0.1");
    boolean loopback = host.startsWith("127.") || "localhost".equals(host);
    if (loopback && members.stream().anyMatch(m -> !m.startsWith("127.") && !m.startsWith("localhost:"))) {
      problems.add(s.describe("cluster") + " names members on other machines but cluster-host is"
          + " " + host + ": set cluster-host to this machine's address the other members reach.");
    }
    int port = s.intIn("cluster-port", ClusterConfig.DEFAULT_PORT, 1, 65_535, "use 1..65535",
        problems);
    Duration lease = s.duration("cluster-lease", ClusterConfig.DEFAULT_LEASE, problems);
    if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
      problems.add(s.describe("cluster-lease") + " is shorter than 2s: a busy worker could lose"
          + " its job between two heartbeats; use e.g. 30s.");
    }
    return Optional.of(new ClusterConfig(members, host, port, lease));
  }

  /** The SMTP settings when {@code smtp-host} is set; {@code smtp-from} is then required. */
  private static Optional<MailSettings> mail(Sources s, List<String> problems) {
    Optional<String> host = s.get("smtp-host");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    String tls = s.get("smtp-tls").orElse("starttls");
    if (!Set.of("starttls", "tls", "none").contains(tls)) {
      problems.add(s.describe("smtp-tls") + " = '" + tls + "' is not one of starttls, tls, none.");
    }
    int port = s.intIn("smtp-port", "tls".equals(tls) ? 465 : 587, 1, 65_535, "use 1..65535",
        problems);
    Optional<String> from = s.get("smtp-from");
    if (from.isEmpty() || !from.get().contains("@")) {
      problems.add(s.describe("smtp-from") + " must be the sender's address (e.g. "
          + "screeners@festival.example) when smtp-host is set.");
    }
    return Optional.of(new MailSettings(host.get(), port, s.get("smtp-username"),
        s.get("smtp-password"), from.orElse(""), tls));
  }

  /** The hot path's keys, timeouts, connection limits, TLS and transport. */
  private static StreamConfig stream(Sources s, Duration ttl, List<String> problems) {
    boolean bind = s.bool("playback-bind-network", problems);
    Optional<Duration> rotation = s.get("key-rotation").isPresent()
        ? Optional.of(s.duration("key-rotation", Duration.ofDays(30), problems)) : Optional.empty();
    Duration retention = s.duration("key-retention", StreamConfig.DEFAULT_KEY_RETENTION, problems);
    if (retention.compareTo(ttl) < 0) {
      problems.add(s.describe("key-retention") + " = '" + s.get("key-retention").orElse("")
          + "' is shorter than playback-ttl (" + ttl + "): old keys must verify every unexpired"
          + " token, so make it at least as long.");
    }
    Duration idle = s.duration("idle-timeout", StreamConfig.DEFAULT_IDLE_TIMEOUT, problems);
    Duration header = s.duration("header-timeout", StreamConfig.DEFAULT_HEADER_TIMEOUT, problems);
    int perIp = s.intIn("max-connections-per-ip", StreamConfig.DEFAULT_MAX_CONNECTIONS_PER_IP, 1,
        1_000_000, "use 1..1000000 (a browser opens about 6 per host)", problems);
    long headerSize = s.size("max-header-size", StreamConfig.DEFAULT_MAX_HEADER_SIZE, 1024, problems);
    if (headerSize > ByteSize.MIB) {
      problems.add(s.describe("max-header-size") + " is above 1MiB: use e.g. 8KiB or 16KiB.");
    }
    Optional<Path> cert = s.get("tls-cert").map(Path::of);
    Optional<Path> key = s.get("tls-key").map(Path::of);
    if (cert.isPresent() != key.isPresent()) {
      String given = cert.isPresent() ? "tls-cert" : "tls-key";
      problems.add(s.describe(given) + " is set alone: tls-cert and tls-key go together, set both"
          + " PEM paths for HTTPS, or neither for plain HTTP.");
    } else {
      cert.filter(p -> !Files.isReadable(p)).ifPresent(p -> problems.add(s.describe("tls-cert")
          + " = '" + p + "' cannot be read: give the path of a PEM certificate chain."));
      key.filter(p -> !Files.isReadable(p)).ifPresent(p -> problems.add(s.describe("tls-key")
          + " = '" + p + "' cannot be read: give the path of the certificate's PEM private key."));
    }
    NativeTransport transport = s.get("native-transport").map(v -> NativeTransport.parse(v)
        .orElseGet(() -> {
          problems.add(s.describe("native-transport") + " = '" + v + "' is not valid: use auto"
              + " (epoll where available), on (epoll or refuse to start) or off (NIO).");
          return StreamConfig.DEFAULT_NATIVE_TRANSPORT;
        })).orElse(StreamConfig.DEFAULT_NATIVE_TRANSPORT);
    boolean fast = s.bool("fast-segments", true, problems);
    return new StreamConfig(bind, rotation, retention, idle, header, perIp,
        (int) Math.min(headerSize, ByteSize.MIB), cert, key, transport, fast);
  }

  private static boolean isHttpUrl(String u) {
    try {
      URI uri = URI.create(u);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Looks a key up through the sources in precedence order and remembers where it came from. */
  private record Sources(Map<String, String> flags, Map<String, String> env,
      Map<String, String> file) {

    // A blank value counts as absent in every source, so an empty SCREENROOM_PORT= does not
    // hide the config file's port.
    Optional<String> get(String key) {
      return present(flags.get(key))
          .or(() -> present(env.get(envName(key))))
          .or(() -> present(file.get(key)));
    }

    String describe(String key) {
      if (present(flags.get(key)).isPresent()) {
        return "--" + key;
      }
      if (present(env.get(envName(key))).isPresent()) {
        return envName(key);
      }
      return "'" + key + "' in the config file";
    }

    private static Optional<String> present(String value) {
      return Optional.ofNullable(value).map(String::trim).filter(x -> !x.isEmpty());
    }

    int intIn(String key, int def, int min, int max, String hint, List<String> problems) {
      Optional<String> raw = get(key);
      if (raw.isEmpty()) {
        return def;
      }
      try {
        int v = Integer.parseInt(raw.get());
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below with the accepted range
      }
      problems.add(describe(key) + " = '" + raw.get() + "' is not valid: " + hint + ".");
      return def;
    }

    Duration duration(String key, Duration def, List<String> problems) {
      Optional<String> raw = get(key);
      if (raw.isEmpty()) {
        return def;
      }
      try {
        String text = raw.get().toUpperCase(Locale.ROOT);
        Duration d = Duration.parse(text.startsWith("P") ? text
            : text.endsWith("D") ? "P" + text : "PT" + text);
        if (!d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(30)) <= 0) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below with an example
      }
      problems.add(describe(key) + " = '" + raw.get()
          + "' is not a duration between 1s and 30 days: use e.g. 6h, 90m, 2d or PT6H.");
      return def;
    }

    long size(String key, long def, long min, List<String> problems) {
      Optional<String> raw = get(key);
      if (raw.isEmpty()) {
        return def;
      }
      Optional<Long> v = ByteSize.parse(raw.get());
      if (v.isPresent() && v.get() >= min) {
        return v.get();
      }
      problems.add(describe(key) + " = '" + raw.get() + "' is not a size of at least "
          + ByteSize.format(min) + ": use bytes or a number with KiB, MiB, GiB or TiB, e.g. 500GiB or 2T.");
      return def;
    }

    boolean bool(String key, List<String> problems) {
      return bool(key, false, problems);
    }

    boolean bool(String key, boolean def, List<String> problems) {
      Optional<String> raw = get(key);
      if (raw.isEmpty()) {
        return def;
      }
      return switch (raw.get().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1", "on" -> true;
        case "false", "no", "0", "off" -> false;
        default -> {
          problems.add(describe(key) + " = '" + raw.get() + "' is not a boolean: use true or false.");
          yield def;
        }
      };
    }
  }
}
