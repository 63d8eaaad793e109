package org.screenroom.transcode.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything needed to run one external command.
 *
 * @param argv        the full command line, one argument per element (never a shell string)
 * @param environment variables added to the inherited environment
 * @param timeout     the child is killed when it runs longer than this
 * @param stdoutLines called for each stdout line (e.g. ffmpeg {@code -progress pipe:1}); may be no-op
 * @param stderrLines called for each stderr line; may be no-op
 * @param cancel      triggering it kills the child
 */
public record ProcessRequest(List<String> argv, Map<String, String> environment, Duration timeout,
                             Consumer<String> stdoutLines, Consumer<String> stderrLines,
                             CancelSignal cancel) {

    private static final Consumer<String> IGNORE = line -> { };

    public ProcessRequest {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdoutLines, "stdoutLines");
        Objects.requireNonNull(stderrLines, "stderrLines");
        Objects.requireNonNull(cancel, "cancel");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
    }

    /** A request with no listeners and no cancel handle. */
    public static ProcessRequest of(List<String> argv, Map<String, String> environment, Duration timeout) {
        return new ProcessRequest(argv, environment, timeout, IGNORE, IGNORE, CancelSignal.none());
    }

    public ProcessRequest withStdoutLines(Consumer<String> listener) {
        return new ProcessRequest(argv, environment, timeout, listener, stderrLines, cancel);
    }

    public ProcessRequest withStderrLines(Consumer<String> listener) {
        return new ProcessRequest(argv, environment, timeout, stdoutLines, listener, cancel);
    }

    public ProcessRequest withCancel(CancelSignal signal) {
        return new ProcessRequest(argv, environment, timeout, stdoutLines, stderrLines, signal);
    }
}
