package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.storage.FilmStorage;

/**
 * When a transcode worker asks for a job, over a real (local) event bus with the server's side
 * played by the test: a job queued while a question is out is asked for at once, not at the
 * next poll. The poll is an hour here, so only a wake-up can bring a second question.
 */
class TranscodeWorkerAskTest {
  private static final long HOUR_MILLIS = 3_600_000;
  @TempDir Path data;
  private Vertx vertx;
  private TranscodeWorker worker;
  private final LinkedBlockingQueue<Message<JsonObject>> claims = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.eventBus().<JsonObject>consumer(JobMessages.CLAIM, claims::add);
    // No job is ever handed out here, so the transcode is never run.
    FilmTranscode transcode = new FilmTranscode(null, new FilmFiles(data),
        FilmStorage.local(data), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    worker = new TranscodeWorker(vertx, "worker-1", transcode,
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1, HOUR_MILLIS, ProgressObserver.NONE,
        filmId -> { });
  }

  @AfterEach
  void stop() {
    worker.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private Message<JsonObject> nextClaim() throws InterruptedException {
    return claims.poll(10, TimeUnit.SECONDS);
  }

  @Test
  void wakeWhileAQuestionIsOut_anEmptyAnswerIsFollowedByAnotherQuestionAtOnce() throws Exception {
    worker.start();
    Message<JsonObject> first = nextClaim();
    assertThat(first).as("the question at start").isNotNull();
    assertThat(first.body().getString("worker")).isEqualTo("worker-1");

    // A job is queued after the server looked at the queue for the first question.
    vertx.eventBus().publish(JobMessages.WAKE, new JsonObject());
    first.reply(new JsonObject());

    Message<JsonObject> second = nextClaim();
    assertThat(second).as("a second question, without waiting for the hourly poll").isNotNull();
    second.reply(new JsonObject());
  }

  @Test
  void anEmptyAnswerWithoutAWake_asksNoMore_untilTheNextWake() throws Exception {
    worker.start();
    Message<JsonObject> first = nextClaim();
    assertThat(first).isNotNull();
    first.reply(new JsonObject());

    // Whatever the worker does next goes through the event loop before the wake below.
    vertx.eventBus().publish(JobMessages.WAKE, new JsonObject());
    Message<JsonObject> second = nextClaim();

    assertThat(second).as("the wake's question").isNotNull();
    second.reply(new JsonObject());
    assertThat(claims).as("one question per wake: no spin on empty answers").isEmpty();
  }
}
