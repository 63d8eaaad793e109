package org.screenroom.server.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.server.config.MailSettings;
import org.screenroom.server.screener.ScreenerContext;

/** Screener invitations through the configured SMTP server (Vert.x mail client, non-blocking). */
public final class InviteMailer implements ScreenerContext.Invitations {
  private final MailClient client;
  private final String from;

  /** Creates the mailer for {@code settings}. */
  public InviteMailer(Vertx vertx, MailSettings settings) {
    MailConfig config = new MailConfig().setHostname(settings.host()).setPort(settings.port())
        .setSsl("tls".equals(settings.tls()))
        .setStarttls("starttls".equals(settings.tls()) ? StartTLSOptions.REQUIRED
            : StartTLSOptions.DISABLED)
        .setLogin(settings.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED);
    settings.username().ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    this.client = MailClient.create(vertx, config);
    this.from = settings.from();
  }

  @Override
  public Future<Void> send(Festival festival, ScreenerPass pass, String url) {
    return client.sendMail(message(from, festival, pass, url)).mapEmpty();
  }

  /** The invitation: plain text with the juror's link, window and terms. Pure. */
  static MailMessage message(String from, Festival festival, ScreenerPass pass, String url) {
    String title = festival.edition() == null ? festival.name()
        : festival.name() + " " + festival.edition();
    String text = "Dear " + pass.jurorName() + ",\n\n"
        + "you are invited to watch " + pass.filmIds().size()
        + (pass.filmIds().size() == 1 ? " film" : " films") + " for " + title + ".\n\n"
        + "Your personal screener: " + url + "\n"
        + (pass.opensAt() == null ? "" : "It opens " + pass.opensAt() + " (UTC).\n")
        + "It is available until " + pass.expiresAt() + " (UTC).\n"
        + (pass.hasPasscode() ? "The festival will give you its passcode separately.\n" : "")
        + "\nThis link is for you alone: your name and email are shown over the picture.\n";
    return new MailMessage().setFrom(from).setTo(pass.jurorEmail())
        .setSubject("Your screener for " + title).setText(text);
  }
}
