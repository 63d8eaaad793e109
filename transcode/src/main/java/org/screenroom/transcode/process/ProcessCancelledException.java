package org.screenroom.transcode.process;

import java.util.List;

/** The caller triggered the {@link CancelSignal}; the child was killed. */
public final class ProcessCancelledException extends ProcessFailedException {
    public ProcessCancelledException(List<String> argv, List<String> stderrTail) {
        super("cancelled", argv, NO_EXIT_CODE, stderrTail, null);
    }
}
