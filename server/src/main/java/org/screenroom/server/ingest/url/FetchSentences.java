package org.screenroom.server.ingest.url;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.screenroom.server.config.ByteSize;

/** The sentences a filmmaker reads when a download fails. Pure. */
public final class FetchSentences {
  private FetchSentences() {}

  /** The other server answered {@code status} instead of the file. */
  public static String status(int status, String reason) {
    String answered = "The address answered " + status
        + (reason == null || reason.isBlank() ? "" : " " + reason.strip());
    if (status == 401 || status == 403) {
      return answered + ": the link needs a sign-in or has expired; make a public share link and try again.";
    }
    if (status == 404 || status == 410) {
      return answered + ": check the link and try again.";
    }
    if (status >= 500) {
      return answered + ": the other server has a problem; try again later or upload the file instead.";
    }
    return answered + " instead of a file: check the link and try again.";
  }

  /** Nothing arrived for {@code idle}. */
  public static String stalled(Duration idle) {
    return "The download stalled for more than " + seconds(idle)
        + ": check the link or upload the file instead.";
  }

  /** The file is, or grew, larger than {@code limit}; {@code announced} is its Content-Length. */
  public static String tooLarge(long limit, Long announced) {
    return "The file is larger than the " + ByteSize.format(limit) + " limit"
        + (announced == null ? "" : " (the address announces " + ByteSize.format(announced) + ")")
        + ".";
  }

  /** The data disk cannot take {@code needed} more bytes. */
  public static String diskFull(long usable, Long needed) {
    return "The server's disk has only " + ByteSize.format(usable) + " free"
        + (needed == null ? "" : ", not enough for this " + ByteSize.format(needed) + " file")
        + ": ask the administrator to free some space, then try again.";
  }

  /** The body ended before the announced length. */
  public static String cutShort(long received, long announced) {
    return "The download broke off after " + ByteSize.format(received) + " of "
        + ByteSize.format(announced) + ": try again, or upload the file instead.";
  }

  /** The connection could not be made or broke, described by {@code cause}. */
  public static String transport(String host, Throwable cause, Duration connectTimeout,
      Duration idle) {
    if (cause instanceof FetchFailure f) {
      return f.getMessage();
    }
    if (cause instanceof TimeoutException) {
      return stalled(idle);
    }
    // Netty's connect timeout is a ConnectException: test it first.
    if (cause instanceof ConnectTimeoutException) {
      return host + " did not answer within " + seconds(connectTimeout)
          + ": check the link, or upload the file instead.";
    }
    if (cause instanceof UnknownHostException) {
      return "There is no server called " + host + ": check the link and try again.";
    }
    if (cause instanceof ConnectException) {
      return host + " refused the connection: check the link, or upload the file instead.";
    }
    if (cause instanceof SSLException) {
      return host + "'s secure connection could not be verified (" + cause.getMessage()
          + "): use a link whose certificate browsers accept, or upload the file instead.";
    }
    return "The download from " + host + " broke off (" + cause.getMessage()
        + "): try again, or upload the file instead.";
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
