package org.screenroom.server.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code screenroom} as users do: a separate JVM with the build's classpath, so exit codes,
 * stdout and stderr are the real ones.
 */
public final class Cli {
  private Cli() {}

  /** What a command printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** The last non-empty stdout line. */
    public String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  /**
   * Starts {@code screenroom ARGS} in {@code workDir} without waiting (e.g. {@code serve});
   * stdout and stderr go to files there. The caller stops it.
   */
  public static Process start(Path workDir, String... args) throws Exception {
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    return new ProcessBuilder(argv(args)).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  private static List<String> argv(String... args) {
    List<String> argv = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "org.screenroom.server.cli.Main"));
    argv.addAll(List.of(args));
    return argv;
  }

  /** Runs {@code screenroom ARGS} in {@code workDir}, waiting at most two minutes. */
  public static Result run(Path workDir, String... args) throws Exception {
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process p = new ProcessBuilder(argv(args)).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("screenroom " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
