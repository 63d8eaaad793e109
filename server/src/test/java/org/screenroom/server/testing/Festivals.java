package org.screenroom.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/** Festival and screener set-up over real HTTP, for the screener tests. */
public final class Festivals {
  private final TestServer server;
  private final String token;

  /** Acts as the holder of {@code token}. */
  public Festivals(TestServer server, String token) {
    this.server = server;
    this.token = token;
  }

  /** A ready, private film of {@code username} from a real transcode of a small clip. */
  public static String readyFilm(TestServer server, Path work, String username, int seconds)
      throws Exception {
    String ownerId = server.app().accounts().findByUsername(username).orElseThrow().id();
    Path clip = Media.clip(work.resolve("clip-" + seconds + ".mp4"), seconds, 320, 180, true);
    String filmId = server.app().films().create(ownerId,
        FilmMetadata.titled("Jury cut", Visibility.PRIVATE)).id();
    var ingestor = server.app().ingestor();
    ingestor.storeMaster(filmId, clip, "clip.mp4");
    var film = ingestor.transcode(filmId, ProgressListener.NONE, new CancelSignal());
    if (!"ready".equals(film.status().wire())) {
      throw new IllegalStateException("transcode failed: " + film.error());
    }
    return filmId;
  }

  /** A new festival's id. */
  public String festival(String name) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/festivals", token, "application/json",
        new JsonObject().put("name", name).encode());
    check(r, 201);
    return new JsonObject(r.body()).getString("id");
  }

  /** Creates a pass from {@code body} (jurorName/jurorEmail defaulted), answering its JSON. */
  public JsonObject pass(String festivalId, String filmId, Instant expiresAt, JsonObject extra)
      throws Exception {
    JsonObject body = new JsonObject().put("jurorName", "Agnès Juror")
        .put("jurorEmail", "agnes@jury.example").put("filmIds", new JsonArray().add(filmId))
        .put("expiresAt", expiresAt.toString()).mergeIn(extra);
    HttpResponse<String> r = server.send("POST", "/api/festivals/" + festivalId + "/screeners",
        token, "application/json", body.encode());
    check(r, 201);
    return new JsonObject(r.body());
  }

  /** A juror's request to the room API with a device id. */
  public HttpResponse<String> room(String method, String path, String device) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (device != null) {
      b.header("X-Screener-Device", device);
    }
    return server.send(b.build());
  }

  /** Accepts the terms and starts {@code filmId} on {@code device}. */
  public HttpResponse<String> play(String code, String filmId, String device) throws Exception {
    room("POST", "/api/screener/" + code + "/terms", device);
    return room("POST", "/api/screener/" + code + "/films/" + filmId + "/playback", device);
  }

  /** Posts player events to a session. */
  public HttpResponse<String> events(String session, JsonArray events) throws Exception {
    return server.send("POST", "/api/playback/" + session + "/events", null, "application/json",
        new JsonObject().put("events", events).encode());
  }

  private static void check(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
  }
}
