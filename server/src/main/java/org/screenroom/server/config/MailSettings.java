package org.screenroom.server.config;

import java.util.Optional;

/**
 * The SMTP server invitations go through; present only when {@code smtp-host} is set.
 *
 * @param tls {@code starttls} (upgrade a plain connection, required), {@code tls} (implicit
 *     TLS, usually port 465) or {@code none} (a local relay)
 */
public record MailSettings(String host, int port, Optional<String> username,
    Optional<String> password, String from, String tls) {}
