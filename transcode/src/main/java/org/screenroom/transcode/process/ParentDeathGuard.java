package org.screenroom.transcode.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a child process die with this JVM. A JVM killed outright (SIGKILL, the OOM killer, a
 * power-cut container) runs no shutdown hook, and its ffmpeg would carry on as an orphan: it
 * ignores SIGPIPE and a closed stdin (ffmpeg reads 'q' from stdin, EOF is not 'q'), so it keeps
 * burning CPU and writing into a staging directory that the job, queued again elsewhere, no
 * longer owns. On Linux the child is started through util-linux {@code setpriv --pdeathsig KILL},
 * which asks the kernel to kill it when the thread that started it ends; that thread is the one
 * waiting for it in {@link ProcessRunner}, so only the JVM's death ends it early. Elsewhere (no
 * Linux, no setpriv) children start as before.
 */
final class ParentDeathGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ParentDeathGuard.class);
  private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"),
      Path.of("/bin/setpriv"));

  private ParentDeathGuard() {}

  /** The setpriv this JVM guards its children with, found once. */
  private static final class Found {
    static final Optional<Path> SETPRIV_PATH = detect();
  }

  /**
   * The argv to start {@code argv} with: behind the guard when this machine has one and the tool
   * can be found; a tool that cannot is started bare, so that it fails to start as it would
   * unguarded (not as setpriv's exit 127).
   */
  static List<String> command(List<String> argv) {
    return command(argv, Found.SETPRIV_PATH.filter(s -> !argv.isEmpty() && findable(argv.get(0))));
  }

  /** Whether {@code program} names an executable file, directly or on the PATH. */
  private static boolean findable(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code argv} behind {@code setpriv}, or unchanged without it. Pure. setpriv sets the
   * parent-death signal and then execs the tool, so the child keeps setpriv's pid and exit status.
   */
  static List<String> command(List<String> argv, Optional<Path> setpriv) {
    if (setpriv.isEmpty()) {
      return argv;
    }
    List<String> guarded = new ArrayList<>(argv.size() + 4);
    guarded.addAll(List.of(setpriv.get().toString(), "--pdeathsig", "KILL", "--"));
    guarded.addAll(argv);
    return guarded;
  }

  /** Whether children of this JVM die with it. */
  static boolean active() {
    return Found.SETPRIV_PATH.isPresent();
  }

  /** A setpriv that knows {@code --pdeathsig} (util-linux 2.33+), on Linux only. */
  private static Optional<Path> detect() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Optional.empty();
    }
    for (Path candidate : SETPRIV) {
      if (Files.isExecutable(candidate) && works(candidate)) {
        return Optional.of(candidate);
      }
    }
    LOG.warn("setpriv --pdeathsig is not available: an ffmpeg started by this process keeps"
        + " running if the process is killed outright (install util-linux to avoid it)");
    return Optional.empty();
  }

  private static boolean works(Path setpriv) {
    try {
      Process p = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
