package org.screenroom.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.ffmpeg.Progress;

/**
 * Transcode progress on stderr: a redrawn bar on a terminal, a line every 10% otherwise (logs and
 * pipes should not fill with carriage returns).
 */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private int lastDecile = -1;

  ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void onProgress(Progress p) {
    int percent = (int) Math.max(0, Math.min(100, Math.floor(p.percent())));
    if (terminal) {
      out.print("\r" + render(percent, p.speed(), p.encoded()));
      if (p.finished()) {
        out.println();
      }
      out.flush();
    } else if (percent / 10 != lastDecile) {
      lastDecile = percent / 10;
      out.println("transcoding: " + percent + "%");
    }
  }

  /** One line of the bar; pure for tests. */
  static String render(int percent, double speed, Duration encoded) {
    int filled = percent * WIDTH / 100;
    return "transcoding [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + String.format(java.util.Locale.ROOT, "%3d%%  %.1fx  %s encoded", percent, speed, format(encoded));
  }

  private static String format(Duration d) {
    return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
