package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.catalog.keys.SigningKey;
import org.screenroom.server.testing.MutableClock;

class TokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");
  private static final Instant EXPIRY = NOW.plus(Duration.ofHours(6));
  private static final String FILM = "AbCdEfGh1234";
  private static final String OTHER_FILM = "AbCdEfGh1235";
  private static final String VIEWER = "a-viewer42";
  private static final SigningKey KEY = key("k1", "first secret, 32 bytes long....");
  private static final SigningKey OLD_KEY = key("k0", "an older secret, since rotated.");

  private final MutableClock clock = new MutableClock(NOW);
  private final TokenSigner signer = new TokenSigner(List.of(KEY), clock);

  private static SigningKey key(String kid, String secret) {
    return new SigningKey(kid, secret.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
  }

  /** Replaces part {@code index} of a {@code KID.EXPIRY.VIEWER.SIGNATURE} token. */
  private static UnaryOperator<String> replacePart(int index, UnaryOperator<String> change) {
    return token -> {
      String[] parts = token.split("\\.", -1);
      parts[index] = change.apply(parts[index]);
      return String.join(".", parts);
    };
  }

  /** The signature the signer would compute, so tests can forge a well-signed odd token. */
  private static String hmac(SigningKey key, String filmId, String viewer, String exp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
    byte[] sig = mac.doFinal(String.join("|", "v1", filmId, viewer, exp, key.kid())
        .getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  @Test
  void check_freshlySignedToken_isValid() {
    String token = signer.sign(FILM, VIEWER, EXPIRY);

    assertThat(signer.check(token, FILM)).isEqualTo(TokenCheck.VALID);
    assertThat(token).startsWith("k1.").matches("[A-Za-z0-9_.-]+").hasSizeLessThan(200);
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("kid renamed to a key the server lacks",
            replacePart(0, kid -> "k9"), FILM, TokenCheck.UNKNOWN_KEY),
        Arguments.of("expiry pushed one second later",
            replacePart(1, exp -> Long.toString(Long.parseLong(exp, 36) + 1, 36)), FILM,
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("expiry pushed a year later",
            replacePart(1, exp -> Long.toString(Long.parseLong(exp, 36) + 31_536_000, 36)), FILM,
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("viewer swapped", replacePart(2, v -> "a-someone"), FILM,
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("signature's last character changed",
            replacePart(3, s -> s.substring(0, s.length() - 1) + (s.endsWith("A") ? "B" : "A")),
            FILM, TokenCheck.BAD_SIGNATURE),
        Arguments.of("signature truncated", replacePart(3, s -> s.substring(1)), FILM,
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("signature of another film's token", UnaryOperator.<String>identity(),
            OTHER_FILM, TokenCheck.BAD_SIGNATURE),
        Arguments.of("kid emptied", replacePart(0, kid -> ""), FILM, TokenCheck.MALFORMED),
        Arguments.of("signature emptied", replacePart(3, s -> ""), FILM, TokenCheck.MALFORMED));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("tamperings")
  void check_tamperedToken_isRefused(String what, UnaryOperator<String> tamper, String filmId,
      TokenCheck expected) {
    String tampered = tamper.apply(signer.sign(FILM, VIEWER, EXPIRY));

    assertThat(signer.check(tampered, filmId)).isEqualTo(expected);
    assertThat(expected.status()).isEqualTo(403);
  }

  static Stream<Arguments> expiryEdges() {
    return Stream.of(
        Arguments.of(Duration.ofHours(-6), TokenCheck.VALID),
        Arguments.of(Duration.ofSeconds(-1), TokenCheck.VALID),
        Arguments.of(Duration.ZERO, TokenCheck.VALID),
        Arguments.of(Duration.ofMillis(999), TokenCheck.VALID),
        Arguments.of(Duration.ofSeconds(1), TokenCheck.EXPIRED),
        Arguments.of(Duration.ofDays(400), TokenCheck.EXPIRED));
  }

  @ParameterizedTest(name = "clock at expiry{0} -> {1}")
  @MethodSource("expiryEdges")
  void check_aroundExpiry_isValidUpToAndIncludingTheExpirySecond(Duration fromExpiry,
      TokenCheck expected) {
    String token = signer.sign(FILM, VIEWER, EXPIRY);

    clock.advance(Duration.between(NOW, EXPIRY).plus(fromExpiry));

    assertThat(signer.check(token, FILM)).isEqualTo(expected);
  }

  @Test
  void check_expiredToken_mapsTo410() {
    String token = signer.sign(FILM, VIEWER, EXPIRY);
    clock.advance(Duration.ofHours(7));

    TokenCheck check = signer.check(token, FILM);

    assertThat(check).isEqualTo(TokenCheck.EXPIRED);
    assertThat(check.status()).isEqualTo(410);
  }

  @Test
  void check_tokenFromAnotherServersKeyWithSameKid_isBadSignature() {
    TokenSigner stranger = new TokenSigner(List.of(key("k1", "someone else's secret")), clock);

    assertThat(signer.check(stranger.sign(FILM, VIEWER, EXPIRY), FILM))
        .isEqualTo(TokenCheck.BAD_SIGNATURE);
  }

  @Test
  void check_tokenSignedWithUnknownKid_isUnknownKey() {
    TokenSigner stranger = new TokenSigner(List.of(key("k7", "a key this server never had")), clock);

    assertThat(signer.check(stranger.sign(FILM, VIEWER, EXPIRY), FILM))
        .isEqualTo(TokenCheck.UNKNOWN_KEY);
  }

  @Test
  void rotation_signerWithNewAndOldKey_acceptsOldTokensAndSignsWithNewKey() {
    TokenSigner before = new TokenSigner(List.of(OLD_KEY), clock);
    TokenSigner after = new TokenSigner(List.of(KEY, OLD_KEY), clock);
    String oldToken = before.sign(FILM, VIEWER, EXPIRY);

    String newToken = after.sign(FILM, VIEWER, EXPIRY);

    assertThat(after.check(oldToken, FILM)).isEqualTo(TokenCheck.VALID);
    assertThat(newToken).startsWith("k1.");
    assertThat(after.check(newToken, FILM)).isEqualTo(TokenCheck.VALID);
    assertThat(before.check(newToken, FILM)).isEqualTo(TokenCheck.UNKNOWN_KEY);
  }

  @Test
  void constructor_noKeys_isRefused() {
    assertThatThrownBy(() -> new TokenSigner(List.of(), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_copiesSecrets_soLaterChangesToTheKeyArrayDoNotMatter() {
    byte[] secret = "mutable secret bytes".getBytes(StandardCharsets.UTF_8);
    TokenSigner s = new TokenSigner(List.of(new SigningKey("km", secret, Instant.EPOCH)), clock);
    String token = s.sign(FILM, VIEWER, EXPIRY);

    secret[0] ^= 1;

    assertThat(s.check(token, FILM)).isEqualTo(TokenCheck.VALID);
  }

  static Stream<String> malformedTokens() {
    return Stream.of(
        "",
        ".",
        "...",
        "a.b.c",
        "a.b.c.d.e",
        "k1.abc.a-viewer.sig.",
        ".k1.abc.a-viewer.sig",
        "k1.abc.a viewer.sig",
        "k1.abc.a/../viewer.sig",
        "k1.abc.a%2e%2e.sig",
        "k1.abc.vièwer.sig",
        "k1.\u0661\u0662.a-viewer.sig",
        "k1.abc.a-viewer.sig\u0000",
        "k1." + "z".repeat(65) + ".a-viewer.sig",
        "x".repeat(2000),
        "k1.abc.a-viewer.".concat("s".repeat(1990)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformedTokens")
  void check_malformedToken_isMalformed(String text) {
    assertThat(signer.check(text, FILM)).isEqualTo(TokenCheck.MALFORMED);
  }

  static Stream<Arguments> wellSignedButUnparseableExpiries() {
    return Stream.of(
        Arguments.of("non-base36 character", "zz_z"),
        Arguments.of("overflows a long", "z".repeat(14)),
        Arguments.of("lone minus", "-"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wellSignedButUnparseableExpiries")
  void check_correctlySignedNonBase36Expiry_isMalformed(String what, String exp) throws Exception {
    String token = "k1." + exp + "." + VIEWER + "." + hmac(KEY, FILM, VIEWER, exp);

    assertThat(signer.check(token, FILM)).isEqualTo(TokenCheck.MALFORMED);
  }

  @Test
  void check_nonBase36ExpiryWithForgedSignature_isNeverValid() {
    assertThat(signer.check("k1.zz_z." + VIEWER + ".c2lnbmF0dXJl", FILM))
        .isNotEqualTo(TokenCheck.VALID)
        .extracting(TokenCheck::status).isEqualTo(403);
  }

  static Stream<Arguments> unsafeSignInputs() {
    return Stream.of(
        Arguments.of("film id with a dot", "AbCdEf.h1234", VIEWER),
        Arguments.of("film id with a slash", "AbCd/fGh1234", VIEWER),
        Arguments.of("empty film id", "", VIEWER),
        Arguments.of("viewer with a dot", FILM, "a.viewer"),
        Arguments.of("viewer with a space", FILM, "a viewer"),
        Arguments.of("viewer of 65 characters", FILM, "v".repeat(65)),
        Arguments.of("empty viewer", FILM, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeSignInputs")
  void sign_notUrlSafeInput_isRefused(String what, String filmId, String viewer) {
    assertThatThrownBy(() -> signer.sign(filmId, viewer, EXPIRY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> decodeCases() {
    return Stream.of(
        Arguments.of("a-account7", Instant.parse("2026-05-02T00:00:00Z")),
        Arguments.of("s-PASS_123", Instant.parse("2030-01-01T00:00:01Z")),
        Arguments.of("v-" + "R".repeat(62), Instant.ofEpochSecond(0)),
        Arguments.of("v_x", Instant.ofEpochSecond(4_102_444_800L)));
  }

  @ParameterizedTest(name = "{0} until {1}")
  @MethodSource("decodeCases")
  void decode_signedToken_roundTrips(String viewer, Instant expiresAt) {
    String token = signer.sign(FILM, viewer, expiresAt);

    assertThat(TokenSigner.decode(token, FILM))
        .isEqualTo(new PlaybackToken(FILM, viewer, expiresAt, "k1"));
  }

  @Test
  void sign_subSecondExpiry_isTruncatedToTheSecond() {
    Instant expiry = EXPIRY.plusMillis(750);

    String token = signer.sign(FILM, VIEWER, expiry);

    assertThat(TokenSigner.decode(token, FILM).expiresAt()).isEqualTo(EXPIRY);
  }

  private static final String HOME = "203.0.113.77";

  private String bound(String address) {
    return signer.sign(FILM, VIEWER, EXPIRY, IpPrefix.of(address));
  }

  static Stream<Arguments> networkChecks() {
    return Stream.of(
        Arguments.of("same address", "203.0.113.77", "203.0.113.77", TokenCheck.VALID),
        Arguments.of("same /24", "203.0.113.77", "203.0.113.1", TokenCheck.VALID),
        Arguments.of("IPv4-mapped form of the same /24", "203.0.113.77", "::ffff:203.0.113.9",
            TokenCheck.VALID),
        Arguments.of("neighbouring /24", "203.0.113.77", "203.0.114.77", TokenCheck.WRONG_NETWORK),
        Arguments.of("other first octet", "203.0.113.77", "204.0.113.77", TokenCheck.WRONG_NETWORK),
        Arguments.of("IPv6 client for an IPv4 token", "203.0.113.77", "2001:db8::1",
            TokenCheck.WRONG_NETWORK),
        Arguments.of("unknown client address", "203.0.113.77", null, TokenCheck.WRONG_NETWORK),
        Arguments.of("unparseable client address", "203.0.113.77", "example.org",
            TokenCheck.WRONG_NETWORK),
        Arguments.of("same IPv6 /48", "2001:db8:aa:1::5", "2001:db8:aa:ffff::1", TokenCheck.VALID),
        Arguments.of("bracketed IPv6 with a zone", "2001:db8:aa::5", "[2001:db8:aa::7%eth0]",
            TokenCheck.VALID),
        Arguments.of("neighbouring IPv6 /48", "2001:db8:aa::5", "2001:db8:ab::5",
            TokenCheck.WRONG_NETWORK),
        Arguments.of("IPv4 client for an IPv6 token", "2001:db8:aa::5", "203.0.113.77",
            TokenCheck.WRONG_NETWORK));
  }

  @ParameterizedTest(name = "{0}: issued to {1}, used from {2} -> {3}")
  @MethodSource("networkChecks")
  void check_networkBoundToken_isValidOnlyFromThatNetwork(String what, String issuedTo,
      String usedFrom, TokenCheck expected) {
    String token = bound(issuedTo);

    assertThat(signer.check(token, FILM, usedFrom)).isEqualTo(expected);
    assertThat(expected.status()).isEqualTo(expected == TokenCheck.VALID ? 200 : 403);
  }

  @Test
  void sign_networkBound_isCompactAndUrlSafe() {
    String v4 = bound(HOME);
    String v6 = bound("2001:db8:aa::5");

    assertThat(v4.split("\\.")).hasSize(5);
    assertThat(v4.split("\\.")[3]).hasSize(4);
    assertThat(v6.split("\\.")[3]).hasSize(8);
    assertThat(v4).matches("[A-Za-z0-9_.-]+").hasSizeLessThan(80);
    assertThat(signer.check(v4, FILM, HOME)).isEqualTo(TokenCheck.VALID);
  }

  static Stream<Arguments> boundTamperings() {
    return Stream.of(
        Arguments.of("network swapped for the attacker's", replacePart(3,
            n -> IpPrefix.of("198.51.100.1").orElseThrow().encoded()), "198.51.100.1",
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("network part removed", (UnaryOperator<String>) t -> {
          String[] p = t.split("\\.");
          return String.join(".", p[0], p[1], p[2], p[4]);
        }, "198.51.100.1", TokenCheck.BAD_SIGNATURE),
        Arguments.of("network of 5 characters", replacePart(3, n -> n + "A"), HOME,
            TokenCheck.MALFORMED),
        Arguments.of("expiry pushed one second later", replacePart(1,
            exp -> Long.toString(Long.parseLong(exp, 36) + 1, 36)), HOME, TokenCheck.BAD_SIGNATURE),
        Arguments.of("viewer swapped", replacePart(2, v -> "a-someone"), HOME,
            TokenCheck.BAD_SIGNATURE),
        Arguments.of("kid renamed", replacePart(0, k -> "k9"), HOME, TokenCheck.UNKNOWN_KEY),
        Arguments.of("signature changed", replacePart(4,
            s -> s.substring(0, s.length() - 1) + (s.endsWith("A") ? "B" : "A")), HOME,
            TokenCheck.BAD_SIGNATURE));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("boundTamperings")
  void check_tamperedNetworkBoundToken_isRefused(String what, UnaryOperator<String> tamper,
      String from, TokenCheck expected) {
    assertThat(signer.check(tamper.apply(bound(HOME)), FILM, from)).isEqualTo(expected);
  }

  @Test
  void check_networkBoundTokenForAnotherFilm_isBadSignature() {
    assertThat(signer.check(bound(HOME), OTHER_FILM, HOME)).isEqualTo(TokenCheck.BAD_SIGNATURE);
  }

  @Test
  void check_expiredNetworkBoundToken_is410EvenFromTheRightNetwork() {
    String token = bound(HOME);
    clock.advance(Duration.between(NOW, EXPIRY).plusSeconds(1));

    assertThat(signer.check(token, FILM, HOME)).isEqualTo(TokenCheck.EXPIRED);
  }

  @Test
  void update_rotatedOutKid_isUnknownKey_andTheNewKeySigns() {
    TokenSigner rotating = new TokenSigner(List.of(OLD_KEY), clock);
    String old = rotating.sign(FILM, VIEWER, EXPIRY);

    rotating.update(List.of(KEY, OLD_KEY));
    String fresh = rotating.sign(FILM, VIEWER, EXPIRY);
    assertThat(rotating.signingKid()).isEqualTo("k1");
    assertThat(rotating.check(old, FILM)).isEqualTo(TokenCheck.VALID);
    assertThat(fresh).startsWith("k1.");

    rotating.update(List.of(KEY));
    assertThat(rotating.check(old, FILM)).isEqualTo(TokenCheck.UNKNOWN_KEY);
    assertThat(TokenCheck.UNKNOWN_KEY.status()).isEqualTo(403);
    assertThat(rotating.check(fresh, FILM)).isEqualTo(TokenCheck.VALID);
  }

  @Test
  void update_noKeys_isRefused_andKeepsTheKeysInForce() {
    String token = signer.sign(FILM, VIEWER, EXPIRY);

    assertThatThrownBy(() -> signer.update(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(signer.check(token, FILM)).isEqualTo(TokenCheck.VALID);
  }

  @Test
  void sign_screenerViewerWithColon_roundTrips() {
    String token = signer.sign(FILM, "s:Pass_42", EXPIRY);

    assertThat(signer.check(token, FILM)).isEqualTo(TokenCheck.VALID);
    assertThat(TokenSigner.decode(token, FILM).viewer()).isEqualTo("s:Pass_42");
    assertThat(PlaybackPath.parse("/play/" + token + "/" + FILM + "/master.m3u8")).isPresent();
  }
}
