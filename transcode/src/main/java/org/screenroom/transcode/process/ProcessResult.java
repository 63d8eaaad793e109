package org.screenroom.transcode.process;

import java.util.List;

/**
 * The outcome of a command that exited with status 0.
 *
 * @param stdout     captured standard output, truncated to {@link ProcessRunner#MAX_STDOUT_CHARS}
 * @param stderrTail the last {@link ProcessRunner#STDERR_TAIL_LINES} lines of standard error
 */
public record ProcessResult(String stdout, List<String> stderrTail) {
    public ProcessResult {
        stderrTail = List.copyOf(stderrTail);
    }
}
