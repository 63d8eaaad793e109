package org.screenroom.server.screener;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.server.auth.PasswordLogin;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/screener/{code}}: the juror's side. No account: the code in the URL is the
 * credential (plus the passcode, sent as {@value #PASSCODE}, when the pass has one). A device id
 * chosen by the browser ({@value #DEVICE}) counts devices and resumes sessions.
 */
public final class RoomRoutes {
  /** The header carrying the pass's passcode. */
  public static final String PASSCODE = "X-Screener-Passcode";
  /** The header carrying the browser's device id. */
  public static final String DEVICE = "X-Screener-Device";
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private final ScreenerContext c;

  /** Creates the routes. */
  public RoomRoutes(ScreenerContext context) {
    this.c = context;
  }

  private record Room(Festival festival, ScreenerPass pass) {}

  /** The pass behind the code, its passcode checked; 404/401/410 otherwise. Blocking. */
  private Room open(RoutingContext ctx, boolean allowClosed) {
    ScreenerPass p = c.passes().findByCode(ctx.pathParam("code")).orElseThrow(() -> ApiError.of(
        404, "This screener link is not valid: check the address in your invitation."));
    Festival f = c.festivals().find(p.festivalId()).orElseThrow(() -> ApiError.of(404,
        "This screener link is not valid: check the address in your invitation."));
    if (p.hasPasscode()) {
      checkPasscode(ctx, p);
    }
    if (!allowClosed) {
      Optional<PassRefusal> closed = PassPolicy.window(null, p.expiresAt(), p.revokedAt(),
          c.clock().instant());
      if (closed.isPresent()) {
        throw refusal(closed.get());
      }
    }
    return new Room(f, p);
  }

  /**
   * Checks the passcode header, counting wrong ones like wrong passwords (per pass and address,
   * with growing lock-outs), so a passcode cannot be guessed by trying. Blocking.
   */
  private void checkPasscode(RoutingContext ctx, ScreenerPass p) {
    String given = ctx.request().getHeader(PASSCODE);
    if (given == null) {
      throw new PasscodeRequired(false);
    }
    String who = "screener:" + p.id();
    String address = org.screenroom.server.http.ClientAddress.of(ctx);
    Optional<java.time.Duration> wait = c.passcodeThrottle().retryAfter(who, address);
    if (wait.isPresent()) {
      long seconds = PasswordLogin.retryAfterSeconds(wait.get());
      throw ApiError.tooManyRequests("Too many wrong passcodes: try again in "
          + Math.max(1, (seconds + 59) / 60) + " minute(s).", seconds);
    }
    if (given.length() > 100 || !c.hasher().verify(given, p.passcodeHash())) {
      c.passcodeThrottle().failed(who, address);
      throw new PasscodeRequired(true);
    }
    c.passcodeThrottle().succeeded(who, address);
  }

  /** {@code GET /api/screener/:code}: the juror's films, deadlines and terms state. */
  public void get(RoutingContext ctx) {
    c.blocking().run(() -> {
      Room room = open(ctx, false);
      ScreenerPass p = room.pass();
      List<PlaybackSession> sessions = c.sessions().forViewer(PlaybackSession.SCREENER, p.id());
      JsonArray films = new JsonArray();
      for (String filmId : p.filmIds()) {
        Optional<Film> film = c.films().find(filmId);
        List<PlaybackSession> mine = sessions.stream().filter(s -> s.filmId().equals(filmId)).toList();
        Optional<PlaybackSession> last = mine.stream().reduce((a, b) -> b);
        films.add(new JsonObject().put("id", filmId)
            .put("title", film.map(x -> x.metadata().title()).orElse("(withdrawn)"))
            .put("logline", film.map(x -> x.metadata().logline()).orElse(null))
            .put("ready", film.map(x -> x.status() == FilmStatus.READY).orElse(false))
            .put("durationSeconds", film.flatMap(Film::duration).map(d -> d.toMillis() / 1000.0)
                .orElse(null))
            .put("plays", mine.size()).put("maxPlays", p.maxPlays())
            .put("position", last.map(PlaybackSession::position).orElse(0.0))
            .put("furthest", mine.stream().mapToDouble(PlaybackSession::furthest).max().orElse(0)));
      }
      return new JsonObject().put("jurorName", p.jurorName()).put("jurorEmail", p.jurorEmail())
          .put("festival", new JsonObject().put("name", room.festival().name())
              .put("edition", room.festival().edition()))
          .put("status", ScreenerJson.status(p, c.clock().instant()))
          .put("opensAt", ScreenerJson.text(p.opensAt())).put("expiresAt", p.expiresAt().toString())
          .put("terms", terms(room.festival()))
          .put("termsAcceptedAt", ScreenerJson.text(p.termsAcceptedAt()))
          .put("maxDevices", p.maxDevices()).put("maxStreams", p.maxStreams())
          .put("films", films);
    }).onFailure(e -> fail(ctx, e)).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code POST /api/screener/:code/terms}: records the juror's acceptance, with its time. */
  public void acceptTerms(RoutingContext ctx) {
    c.blocking().run(() -> {
      ScreenerPass p = c.passes().acceptTerms(open(ctx, false).pass().id()).orElseThrow();
      return new JsonObject().put("termsAcceptedAt", p.termsAcceptedAt().toString());
    }).onFailure(e -> fail(ctx, e)).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /**
   * {@code POST /api/screener/:code/films/:filmId/playback}: signed URLs like the film's
   * playback answer plus {@code session} and the resume {@code position}; refused outside the
   * window, after revocation, when plays are used up or too many devices or streams are in use.
   */
  public void playback(RoutingContext ctx) {
    String filmId = ctx.pathParam("filmId");
    String device = deviceId(ctx);
    String ip = org.screenroom.server.http.ClientAddress.of(ctx);
    String agent = ctx.request().getHeader("User-Agent");
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> {
      Room room = open(ctx, false);
      ScreenerPass p = room.pass();
      Instant now = c.clock().instant();
      Optional<Film> ready = c.films().find(filmId).filter(f -> f.status() == FilmStatus.READY);
      // The limits are counted and the new session started under the pass's lock: two plays
      // racing for its last stream, on two origins or two workers, cannot both get it.
      Admission admission = c.sessions().admitting(p.id(), () -> {
        List<PlaybackSession> sessions = c.sessions().forViewer(PlaybackSession.SCREENER, p.id());
        PassPolicy.Decision decision = PassPolicy.issue(p, filmId, device, sessions, now);
        if (decision.refusal().isPresent() || ready.isEmpty()) {
          return new Admission(decision, sessions.isEmpty(), Optional.empty());
        }
        return new Admission(decision, sessions.isEmpty(), Optional.of(decision.resume()
            .orElseGet(() -> c.sessions().start(filmId, PlaybackSession.SCREENER, p.id(), device,
                ip, agent, now))));
      });
      if (admission.decision().refusal().isPresent()) {
        PassRefusal r = admission.decision().refusal().get();
        if (r == PassRefusal.PLAYS_USED_UP || r == PassRefusal.TOO_MANY_DEVICES
            || r == PassRefusal.TOO_MANY_STREAMS) {
          c.notifier().notify(room.festival(), "screener.limit_reached",
              Notifications.pass(p).put("filmId", filmId).put("reason", r.reason()));
        }
        throw refusal(r);
      }
      Film film = ready.orElseThrow(() -> ApiError.of(409, "This film is not ready to play yet: "
          + "try again later, or tell the festival."));
      PlaybackSession session = admission.session().orElseThrow();
      if (admission.first()) {
        c.notifier().notify(room.festival(), "screener.opened",
            Notifications.pass(p).put("filmId", filmId));
      }
      Instant expires = now.plus(c.playbackTtl()).isBefore(p.expiresAt())
          ? now.plus(c.playbackTtl()) : p.expiresAt();
      expires = expires.truncatedTo(ChronoUnit.SECONDS);
      String viewer = new ScreenerViewer(p.id(), session.id()).text();
      String prefix = base + "/play/" + c.signer().sign(film.id(), viewer, expires) + "/"
          + film.id() + "/";
      return new JsonObject().put("hls", prefix + "master.m3u8").put("dash", prefix + "manifest.mpd")
          .put("expiresAt", expires.toString()).put("session", session.id())
          .put("position", session.position())
          .put("watermark", p.jurorName() + " · " + p.jurorEmail());
    }).onFailure(e -> fail(ctx, e)).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** What issuing decided under the pass's lock; {@code first}: the pass had no session yet. */
  private record Admission(PassPolicy.Decision decision, boolean first,
      Optional<PlaybackSession> session) {}

  /** The browser's device id, or one derived from its address and user agent. */
  static String deviceId(RoutingContext ctx) {
    String given = ctx.request().getHeader(DEVICE);
    if (given != null && DEVICE_ID.matcher(given).matches()) {
      return given;
    }
    String seed = ctx.request().getHeader("User-Agent") + "|" + org.screenroom.server.http.ClientAddress.of(ctx);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return "ua-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static String terms(Festival f) {
    return "This screener of " + f.name() + " is for you alone. Do not share the link, record, "
        + "copy or show the films to anyone else. Your name and email are shown over the picture, "
        + "and your viewing is logged for the festival.";
  }

  /** A failure carrying the refusal's reason. */
  static RuntimeException refusal(PassRefusal r) {
    return new PassRefused(r);
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof PasscodeRequired pr) {
      Failures.send(ctx, 401, new JsonObject().put("error", pr.wrong
          ? "That passcode is not right: check your invitation." : "Enter the passcode from your invitation.")
          .put("passcodeRequired", true));
    } else if (e instanceof PassRefused r) {
      r.send(ctx);
    } else {
      ctx.fail(e);
    }
  }

  /** The pass has a passcode and none, or a wrong one, was sent. */
  private static final class PasscodeRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean wrong;

    PasscodeRequired(boolean wrong) {
      super("passcode required", null, false, false);
      this.wrong = wrong;
    }
  }
}
