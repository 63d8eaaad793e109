package org.screenroom.transcode.process;

import java.util.List;

/**
 * A command exited non-zero, timed out, was cancelled or could not start. Carries what an
 * administrator needs to reproduce it: the argv, the exit code and the tail of stderr.
 */
public class ProcessFailedException extends Exception {
    /** Exit code used when the process never produced one (could not start, killed). */
    public static final int NO_EXIT_CODE = -1;

    private final List<String> argv;
    private final int exitCode;
    private final List<String> stderrTail;

    public ProcessFailedException(String message, List<String> argv, int exitCode,
                                  List<String> stderrTail, Throwable cause) {
        super(message + " (exit " + exitCode + "): " + String.join(" ", argv)
                + (stderrTail.isEmpty() ? "" : "\n" + String.join("\n", stderrTail)), cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
    }

    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stderrTail() {
        return stderrTail;
    }
}
