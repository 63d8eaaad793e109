package org.screenroom.transcode.process;

import java.util.List;

/** The command ran past its timeout and was killed. */
public final class ProcessTimeoutException extends ProcessFailedException {
    public ProcessTimeoutException(List<String> argv, List<String> stderrTail) {
        super("timed out", argv, NO_EXIT_CODE, stderrTail, null);
    }
}
