package org.screenroom.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.server.config.MailSettings;

/** Invitations through a real SMTP server (GreenMail), with and without authentication. */
class InviteMailerTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  private final Vertx vertx = Vertx.vertx();
  private static final Festival FESTIVAL = new Festival("fest00000001", "owner", "Locarno", "2026",
      null, null, null, null, List.of("film00000001"), Instant.EPOCH);
  private static final ScreenerPass PASS = new ScreenerPass("pass00000001", "fest00000001",
      "Chantal A", "chantal@jury.example", "code", null, null,
      Instant.parse("2026-08-20T00:00:00Z"), 2, null, null, null, null, Instant.EPOCH,
      List.of("film00000001"));

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private MailSettings settings(Optional<String> user, Optional<String> password) {
    return new MailSettings("127.0.0.1", SMTP.getSmtp().getPort(), user, password,
        "screeners@locarno.example", "none");
  }

  @Test
  void invitation_reachesTheJurorWithTheLinkAndDeadline() throws Exception {
    new InviteMailer(vertx, settings(Optional.empty(), Optional.empty()))
        .send(FESTIVAL, PASS, "https://films.example/s/CODE123").toCompletionStage()
        .toCompletableFuture().join();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("chantal@jury.example");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("screeners@locarno.example");
    assertThat(received[0].getSubject()).isEqualTo("Your screener for Locarno 2026");
    String text = GreenMailUtil.getBody(received[0]);
    assertThat(text).contains("https://films.example/s/CODE123").contains("2026-08-20T00:00:00Z")
        .contains("Dear Chantal A");
  }

  @Test
  void authentication_isUsedWhenConfigured_andAWrongPasswordFails() throws Exception {
    SMTP.setUser("sender", "sender-password");
    new InviteMailer(vertx, settings(Optional.of("sender"), Optional.of("sender-password")))
        .send(FESTIVAL, PASS, "https://films.example/s/CODE").toCompletionStage()
        .toCompletableFuture().join();
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThatThrownBy(() -> new InviteMailer(vertx, settings(Optional.of("sender"),
        Optional.of("wrong"))).send(FESTIVAL, PASS, "https://films.example/s/CODE")
        .toCompletionStage().toCompletableFuture().join()).hasMessageContaining("535");
  }
}
