package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.stream.TokenSigner;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.RawHttp;
import org.screenroom.server.testing.TestServer;

/**
 * The fast segment path (stream.FastSegments, below Vert.x) answers exactly as Vert.x's route
 * does: one table of requests against a server with it on and the same data with it off gives
 * the same status, headers and bytes, and the fast path took the plain 200 and 206 cases. Then,
 * with it on: pipelined requests come back whole and in order, a kept-alive connection is reused,
 * a client leaving mid-file lets go of the open file, and a changed film is served as before.
 */
class FastSegmentsTest {
  private static final int SEGMENT_BYTES = 20_000;
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  /** One request of the table: a path and header lines, and whether the fast path takes it. */
  private record Case(String name, String method, String path, List<String> headers,
      boolean fast) {}

  @Test
  void sameAnswers_withTheFastPathOnAndOff_andTheFastPathTookThePlainCases() throws Exception {
    Path data = work.resolve("data");
    List<Case> cases;
    Map<String, RawHttp.Exchange> on;
    List<String> metricsOn;
    double fastOn;
    Screenroom first = null;
    try (TestServer server = TestServer.start(data, clock, Map.of("fast-segments", "true"))) {
      first = server.app();
      cases = cases(server);
      on = run(server, cases);
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String text = server.get("/metrics", admin).body();
      metricsOn = playMeters(text);
      fastOn = metric(text, "screenroom_fast_segments_total").orElseThrow();
    } finally {
      if (first != null) {
        first.close(); // the catalog, so the second server opens the same data afresh
      }
    }
    Map<String, RawHttp.Exchange> off;
    List<String> metricsOff;
    Optional<Double> fastOff;
    try (TestServer server = TestServer.start(data, clock, Map.of("fast-segments", "false"))) {
      off = run(server, cases);
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String text = server.get("/metrics", admin).body();
      metricsOff = playMeters(text);
      fastOff = metric(text, "screenroom_fast_segments_total");
    }

    for (Case c : cases) {
      RawHttp.Exchange a = on.get(c.name());
      RawHttp.Exchange b = off.get(c.name());
      assertThat(a.statusLine()).as(c.name()).isEqualTo(b.statusLine());
      assertThat(withoutDate(a.headers())).as(c.name()).isEqualTo(withoutDate(b.headers()));
      assertThat(a.body()).as(c.name()).isEqualTo(b.body());
    }
    // The table covers what it says it does.
    assertThat(on.get("plain").status()).isEqualTo(200);
    assertThat(on.get("plain").body()).isEqualTo(segmentBytes());
    assertThat(on.get("range middle").body())
        .isEqualTo(Arrays.copyOfRange(segmentBytes(), 100, 200));
    assertThat(on.get("past the end").status()).isEqualTo(416);
    assertThat(on.get("past the end").header("content-range")).contains("bytes */" + SEGMENT_BYTES);
    assertThat(on.get("if-none-match").status()).isEqualTo(304);
    assertThat(on.get("expired").status()).isEqualTo(410);
    assertThat(on.get("forged").status()).isEqualTo(403);
    assertThat(on.get("film swap").status()).isEqualTo(403);
    assertThat(on.get("sibling film").status()).isEqualTo(404);
    assertThat(on.get("screener").status()).isBetween(400, 499);
    assertThat(fastOn).as("the plain 200 and 206 cases went the fast way")
        .isEqualTo(cases.stream().filter(Case::fast).count());
    assertThat(fastOff).as("no fast path when it is off").isEmpty();
    // /metrics counts the requests and bytes of /play/ alike either way.
    assertThat(metricsOn).isNotEmpty().isEqualTo(metricsOff);
  }

  @Test
  void pipelinedRequests_comeBackWholeAndInOrder() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), clock, Map.of())) {
      PackagedFilm film = PackagedFilm.create(server, SEGMENT_BYTES);
      String prefix = URI.create(film.playbackPrefix(server, null)).getRawPath();
      String segment = prefix + PackagedFilm.SEGMENT;
      assertThat(fetch(server, segment).statusCode()).isEqualTo(200); // opens the file
      String api = "/api/films/" + film.id();
      String missing = prefix + "v0/seg_09999.m4s";
      double before = fastCount(server);

      List<RawHttp.Exchange> first = pipeline(server, api, segment, segment, missing, segment);
      List<RawHttp.Exchange> second = pipeline(server, segment, segment, api, missing, segment);

      for (List<RawHttp.Exchange> answers : List.of(first, second)) {
        for (RawHttp.Exchange e : answers) {
          String body = new String(e.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
          if (e.header("content-type").orElse("").equals("video/iso.segment")) {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.body()).isEqualTo(film.segment());
          } else if (e.status() == 404) {
            assertThat(body).contains("error");
          } else {
            assertThat(body).contains(film.id());
          }
        }
      }
      assertThat(first.stream().map(RawHttp.Exchange::status).toList())
          .containsExactly(200, 200, 200, 404, 200);
      assertThat(first.get(0).header("content-type")).hasValueSatisfying(t -> t.contains("json"));
      assertThat(first.get(1).header("content-type")).contains("video/iso.segment");
      assertThat(second.stream().map(RawHttp.Exchange::status).toList())
          .containsExactly(200, 200, 200, 404, 200);
      assertThat(second.get(2).header("content-type")).hasValueSatisfying(t -> t.contains("json"));
      assertThat(second.get(4).header("content-type")).contains("video/iso.segment");
      assertThat(fastCount(server)).as("the leading segments went the fast way")
          .isGreaterThan(before);
    }
  }

  @Test
  void keptAliveConnection_servesManySegmentsTheFastWay() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), clock, Map.of())) {
      PackagedFilm film = PackagedFilm.create(server, SEGMENT_BYTES);
      String segment = URI.create(film.playbackPrefix(server, null)).getRawPath()
          + PackagedFilm.SEGMENT;
      assertThat(fetch(server, segment).statusCode()).isEqualTo(200);
      double before = fastCount(server);

      try (Socket socket = RawHttp.connect(server.url(), "127.0.0.1")) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        for (int i = 0; i < 6; i++) {
          String range = i % 2 == 0 ? "" : "\r\nRange: bytes=" + i + "-" + (i + 99);
          RawHttp.send(socket, "GET " + segment + " HTTP/1.1\r\nHost: x" + range);
          RawHttp.Exchange e = RawHttp.read(in, false);
          assertThat(e.body()).isEqualTo(i % 2 == 0 ? film.segment()
              : Arrays.copyOfRange(film.segment(), i, i + 100));
        }
        RawHttp.send(socket, "HEAD " + segment + " HTTP/1.1\r\nHost: x");
        assertThat(RawHttp.read(in, true).header("content-length"))
            .contains(Integer.toString(SEGMENT_BYTES));
      }

      assertThat(fastCount(server) - before).isEqualTo(6.0);
      assertThat(leases(server)).isZero();
    }
  }

  @Test
  void clientLeavingMidFile_letsGoOfTheOpenFile() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), clock, Map.of())) {
      // Far more than the socket buffers hold, so the send is still under way.
      PackagedFilm film = PackagedFilm.create(server, 24 << 20);
      String url = film.playbackPrefix(server, null) + PackagedFilm.SEGMENT;
      assertThat(fetch(server, url).statusCode()).isEqualTo(200);
      double before = fastCount(server);

      URI uri = URI.create(url);
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawHttp.send(socket, "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: x");
        assertThat(RawHttp.readStatus(socket.getInputStream())).isEqualTo(200);
        Await.until(Duration.ofSeconds(10), "the send holding the file",
            () -> leases(server) == 1 ? Optional.of(true) : Optional.empty());
        assertThat(fastCount(server) - before).isEqualTo(1.0);
        socket.setSoLinger(true, 0); // a reset, as a player that gave up
      }

      Await.until(Duration.ofSeconds(10), "the file let go",
          () -> leases(server) == 0 ? Optional.of(true) : Optional.empty());
      assertThat(metric(metrics(server), "screenroom_open_package_files")).contains(1.0);
      // Still served afterwards, from the same open file.
      assertThat(fetch(server, url).body()).isEqualTo(film.segment());
      assertThat(metric(metrics(server), "screenroom_package_file_opens_total")).contains(1.0);
    }
  }

  @Test
  void changedFilm_servesTheNewPackageAfterItsChange_asBefore() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), clock, Map.of())) {
      PackagedFilm film = PackagedFilm.create(server, SEGMENT_BYTES);
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      // Raw requests: Java's client asks for an h2c upgrade, which goes to Vert.x.
      String url = URI.create(film.playbackPrefix(server, null)).getRawPath()
          + PackagedFilm.SEGMENT;
      RawHttp.Exchange opening = get(server, url);
      RawHttp.Exchange fast = get(server, url);
      byte[] replaced = film.republish(server);

      RawHttp.Exchange held = get(server, url);
      clock.advance(Duration.ofSeconds(5));
      assertThat(server.send("PATCH", "/api/films/" + film.id(), admin, "application/json",
          "{\"title\": \"Packaged again\"}").statusCode()).isEqualTo(200);
      RawHttp.Exchange reopened = get(server, url);
      double before = fastCount(server);
      RawHttp.Exchange fastAgain = get(server, url);

      assertThat(opening.body()).isEqualTo(film.segment());
      assertThat(fast.body()).isEqualTo(film.segment());
      assertThat(held.body()).as("the old index's headers with the old file's bytes")
          .isEqualTo(film.segment());
      assertThat(held.header("etag")).isEqualTo(fast.header("etag"));
      assertThat(reopened.body()).isEqualTo(replaced);
      assertThat(fastAgain.body()).isEqualTo(replaced);
      assertThat(fastAgain.header("etag")).isEqualTo(reopened.header("etag"))
          .isNotEqualTo(fast.header("etag"));
      assertThat(fastCount(server) - before).isEqualTo(1.0);
      assertThat(metric(metrics(server), "screenroom_package_file_opens_total")).contains(2.0);
    }
  }

  /** A GET of {@code path} on a connection of its own, kept alive (no Connection header). */
  private static RawHttp.Exchange get(TestServer server, String path) throws Exception {
    return get(server, path, "127.0.0.1");
  }

  /** A GET of {@code path} from {@code source} with extra header lines, kept alive. */
  private static RawHttp.Exchange get(TestServer server, String path, String source,
      String... headers) throws Exception {
    try (Socket socket = RawHttp.connect(server.url(), source)) {
      RawHttp.send(socket, "GET " + path + " HTTP/1.1\r\nHost: x"
          + Arrays.stream(headers).map(h -> "\r\n" + h).collect(Collectors.joining()));
      return RawHttp.read(new BufferedInputStream(socket.getInputStream()), false);
    }
  }

  @Test
  void behindATrustedProxy_theClientAddressIsResolvedAsTheRouterDoes() throws Exception {
    String balancer = "127.0.0.2";
    try (TestServer server = TestServer.start(work.resolve("data"), clock,
        Map.of("playback-bind-network", "true", "trusted-proxies", balancer))) {
      PackagedFilm film = PackagedFilm.create(server, SEGMENT_BYTES);
      RawHttp.Response playback = RawHttp.exchange("GET", server.url() + "/api/films/"
          + film.id() + "/playback", balancer, "X-Forwarded-For: 192.0.2.1, 198.51.100.7");
      Matcher hls = Pattern.compile("\"hls\"\\s*:\\s*\"([^\"]+)\"").matcher(playback.rest());
      assertThat(hls.find()).as(playback.rest()).isTrue();
      String path = URI.create(hls.group(1)).getRawPath();
      String segment = path.substring(0, path.length() - "master.m3u8".length())
          + PackagedFilm.SEGMENT;
      assertThat(get(server, segment, balancer, "X-Forwarded-For: 198.51.100.7").status())
          .as("opens the file").isEqualTo(200);
      double before = fastCount(server);

      int sameNetwork = get(server, segment, balancer, "X-Forwarded-For: 198.51.100.99")
          .status();
      int otherNetwork = get(server, segment, balancer, "X-Forwarded-For: 203.0.113.5").status();
      int spoofed = get(server, segment, balancer,
          "X-Forwarded-For: 198.51.100.7, 203.0.113.5").status();
      int balancerItself = get(server, segment, balancer).status();
      int untrustedPeer = get(server, segment, "127.0.0.1", "X-Forwarded-For: 198.51.100.7")
          .status();

      assertThat(sameNetwork).as("the client's /24, through the balancer").isEqualTo(200);
      assertThat(List.of(otherNetwork, spoofed, balancerItself, untrustedPeer))
          .as("another network, a spoofed left-most entry, the balancer, a forged header")
          .containsOnly(403);
      assertThat(fastCount(server) - before).as("only the client's own request went fast")
          .isEqualTo(1.0);
    }
  }

  /** The table: two films, tokens of every kind, conditional and range headers. */
  private List<Case> cases(TestServer server) throws Exception {
    PackagedFilm a = PackagedFilm.create(server, SEGMENT_BYTES);
    PackagedFilm b = PackagedFilm.create(server, SEGMENT_BYTES);
    String prefixA = URI.create(a.playbackPrefix(server, null)).getRawPath();
    String prefixB = URI.create(b.playbackPrefix(server, null)).getRawPath();
    String token = PackagedFilm.tokenOf(prefixA);
    String seg = prefixA + PackagedFilm.SEGMENT;
    TokenSigner signer = new TokenSigner(server.app().keys().activeKeys(), clock);
    Instant later = clock.instant().plus(Duration.ofHours(1));
    String expired = signer.sign(a.id(), "viewer", clock.instant().minusSeconds(60));
    String[] parts = token.split("\\.");
    String forged = token.substring(0, token.length() - 2)
        + (token.endsWith("AA") ? "BB" : "AA");
    String unknownKid = "nokid" + token.substring(parts[0].length());
    String sibling = a.id().substring(0, 11) + (a.id().endsWith("x") ? "y" : "x");
    String screener = signer.sign(a.id(), "s-AAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBB", later);
    // The segment's ETag as the index makes it (asking the server would count in its metrics).
    Path file = server.app().files().packageDir(a.id()).resolve(PackagedFilm.SEGMENT);
    String etag = "\"" + Long.toHexString(Files.size(file)) + "-"
        + Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "\"";
    String future = "Tue, 01 Jan 2030 00:00:00 GMT";
    String past = "Sat, 01 Jan 2000 00:00:00 GMT";

    List<Case> cases = new ArrayList<>();
    cases.add(new Case("opening (Vert.x opens the file)", "GET", seg, List.of(), false));
    cases.add(new Case("plain", "GET", seg, List.of(), true));
    cases.add(new Case("range from zero", "GET", seg, List.of("Range: bytes=0-"), true));
    cases.add(new Case("range suffix", "GET", seg, List.of("Range: bytes=-500"), true));
    cases.add(new Case("range middle", "GET", seg, List.of("Range: bytes=100-199"), true));
    cases.add(new Case("past the end", "GET", seg, List.of("Range: bytes=999999-"), false));
    cases.add(new Case("malformed range", "GET", seg, List.of("Range: bytes=x-y"), true));
    cases.add(new Case("if-none-match", "GET", seg, List.of("If-None-Match: " + etag), false));
    cases.add(new Case("if-none-match other", "GET", seg, List.of("If-None-Match: \"nope\""),
        true));
    cases.add(new Case("if-modified-since later", "GET", seg,
        List.of("If-Modified-Since: " + future), false));
    cases.add(new Case("if-modified-since earlier", "GET", seg,
        List.of("If-Modified-Since: " + past), true));
    cases.add(new Case("if-range match", "GET", seg,
        List.of("Range: bytes=10-19", "If-Range: " + etag), true));
    cases.add(new Case("if-range mismatch", "GET", seg,
        List.of("Range: bytes=10-19", "If-Range: \"old\""), true));
    cases.add(new Case("query string", "GET", seg + "?t=1", List.of(), true));
    cases.add(new Case("keep-alive header", "GET", seg, List.of("Connection: keep-alive"), true));
    cases.add(new Case("head", "HEAD", seg, List.of(), false));
    cases.add(new Case("playlist", "GET", prefixA + "v0/playlist.m3u8", List.of(), false));
    cases.add(new Case("playlist gzip", "GET", prefixA + "v0/playlist.m3u8",
        List.of("Accept-Encoding: gzip"), false));
    cases.add(new Case("forged", "GET", seg.replace(token, forged), List.of(), false));
    cases.add(new Case("expired", "GET", seg.replace(token, expired), List.of(), false));
    cases.add(new Case("unknown kid", "GET", seg.replace(token, unknownKid), List.of(), false));
    cases.add(new Case("film swap", "GET", prefixB.replace(PackagedFilm.tokenOf(prefixB), token)
        + PackagedFilm.SEGMENT, List.of(), false));
    cases.add(new Case("sibling film", "GET", "/play/" + signer.sign(sibling, "viewer", later)
        + "/" + sibling + "/" + PackagedFilm.SEGMENT, List.of(), false));
    cases.add(new Case("screener", "GET", seg.replace(token, screener), List.of(), false));
    cases.add(new Case("missing file", "GET", prefixA + "v0/seg_09999.m4s", List.of(), false));
    cases.add(new Case("dots encoded", "GET", prefixA + "%2e%2e/%2e%2e/etc/passwd", List.of(),
        false));
    cases.add(new Case("dots double encoded", "GET", prefixA + "%252e%252e/v0/seg_00001.m4s",
        List.of(), false));
    cases.add(new Case("backslash", "GET", prefixA + "v0/..%5cseg_00001.m4s", List.of(), false));
    cases.add(new Case("nul", "GET", seg + "%00", List.of(), false));
    cases.add(new Case("http/1.0", "GET", seg, List.of(), false));
    cases.add(new Case("connection close", "GET", seg, List.of("Connection: close"), false));
    return cases;
  }

  /** Runs each case on a connection of its own; answers by case name. */
  private static Map<String, RawHttp.Exchange> run(TestServer server, List<Case> cases)
      throws Exception {
    Map<String, RawHttp.Exchange> out = new LinkedHashMap<>();
    for (Case c : cases) {
      try (Socket socket = RawHttp.connect(server.url(), "127.0.0.1")) {
        String version = c.name().equals("http/1.0") ? "HTTP/1.0" : "HTTP/1.1";
        StringBuilder head = new StringBuilder(c.method() + " " + c.path() + " " + version
            + "\r\nHost: screenroom.test");
        c.headers().forEach(h -> head.append("\r\n").append(h));
        RawHttp.send(socket, head.toString());
        out.put(c.name(), RawHttp.read(new BufferedInputStream(socket.getInputStream()),
            c.method().equals("HEAD")));
      }
    }
    return out;
  }

  /** Sends {@code paths} as GETs in one write on one connection and reads their answers. */
  private static List<RawHttp.Exchange> pipeline(TestServer server, String... paths)
      throws Exception {
    try (Socket socket = RawHttp.connect(server.url(), "127.0.0.1")) {
      String heads = Arrays.stream(paths).map(p -> "GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .collect(Collectors.joining());
      socket.getOutputStream().write(heads.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      List<RawHttp.Exchange> out = new ArrayList<>();
      for (int i = 0; i < paths.length; i++) {
        out.add(RawHttp.read(in, false));
      }
      return out;
    }
  }

  /** The sent segment of a film made by PackagedFilm with SEGMENT_BYTES (seeded by its size). */
  private static byte[] segmentBytes() {
    byte[] segment = new byte[SEGMENT_BYTES];
    new Random(SEGMENT_BYTES).nextBytes(segment);
    return segment;
  }

  private static List<String> withoutDate(List<String> headers) {
    return headers.stream().filter(h -> !h.toLowerCase(java.util.Locale.ROOT).startsWith("date:"))
        .toList();
  }

  /** The request and response-byte counts of /play/ by method and status. */
  private static List<String> playMeters(String metrics) {
    return metrics.lines().filter(l -> l.contains("route=\"/play/.*\"")
            && (l.startsWith("vertx_http_server_requests_total")
                || l.startsWith("vertx_http_server_response_bytes_count")
                || l.startsWith("vertx_http_server_response_bytes_sum")))
        .sorted().toList();
  }

  private static HttpResponse<byte[]> fetch(TestServer server, String pathOrUrl)
      throws Exception {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : server.url() + pathOrUrl);
    return server.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String metrics(TestServer server) throws Exception {
    return server.get("/metrics", server.token("admin", TestServer.ADMIN_PASSWORD)).body();
  }

  private static double fastCount(TestServer server) throws Exception {
    return metric(metrics(server), "screenroom_fast_segments_total").orElseThrow();
  }

  private static double leases(TestServer server) throws Exception {
    return metric(metrics(server), "screenroom_package_file_leases").orElseThrow();
  }

  private static Optional<Double> metric(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }
}
