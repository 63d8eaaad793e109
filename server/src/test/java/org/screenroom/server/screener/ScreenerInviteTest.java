package org.screenroom.server.screener;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Festivals;
import org.screenroom.server.testing.TestServer;

/** {@code POST /api/screeners/{id}/invite} through a real SMTP server (GreenMail), and 409 without one. */
class ScreenerInviteTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);
  @TempDir Path work;

  @Test
  void invite_mailsTheJurorTheirLink() throws Exception {
    Map<String, String> smtp = Map.of("smtp-host", "127.0.0.1",
        "smtp-port", Integer.toString(SMTP.getSmtp().getPort()), "smtp-tls", "none",
        "smtp-from", "jury@festival.example");
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC(), smtp)) {
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String filmId = server.app().films().create(
          server.app().accounts().findByUsername("admin").orElseThrow().id(),
          org.screenroom.catalog.film.FilmMetadata.titled("Entry",
              org.screenroom.catalog.film.Visibility.PRIVATE)).id();
      Festivals as = new Festivals(server, admin);
      JsonObject pass = as.pass(as.festival("Mailed"), filmId,
          server.app().clock().instant().plus(Duration.ofDays(2)), new JsonObject());
      HttpResponse<String> sent = server.send("POST", "/api/screeners/" + pass.getString("id")
          + "/invite", admin, null, "");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
      MimeMessage[] received = SMTP.getReceivedMessages();
      assertThat(received).hasSize(1);
      assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("agnes@jury.example");
      assertThat(GreenMailUtil.getBody(received[0])).contains(pass.getString("url"));
    }
  }

  @Test
  void invite_withoutAMailServer_is409() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC())) {
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String filmId = server.app().films().create(
          server.app().accounts().findByUsername("admin").orElseThrow().id(),
          org.screenroom.catalog.film.FilmMetadata.titled("Entry",
              org.screenroom.catalog.film.Visibility.PRIVATE)).id();
      Festivals as = new Festivals(server, admin);
      JsonObject pass = as.pass(as.festival("Unmailed"), filmId,
          server.app().clock().instant().plus(Duration.ofDays(2)), new JsonObject());
      HttpResponse<String> r = server.send("POST", "/api/screeners/" + pass.getString("id")
          + "/invite", admin, null, "");
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(new JsonObject(r.body()).getString("error")).contains("--smtp-host");
    }
  }
}
