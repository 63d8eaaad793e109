package org.screenroom.transcode.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle the caller keeps to cancel a running job. Triggering it runs the registered
 * callbacks once (the {@link ProcessRunner} registers one that kills its child process).
 * Thread-safe: {@link #cancel()} is usually called from a different thread than the job.
 */
public final class CancelSignal {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** A signal that is never triggered, for callers that do not support cancelling. */
    public static CancelSignal none() {
        return new CancelSignal();
    }

    /** Cancels the job; idempotent. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            callbacks.forEach(Runnable::run);
        }
    }

    /** @return true once {@link #cancel()} has been called */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Registers a callback run on cancellation; runs it at once if already cancelled.
     *
     * @return a handle that unregisters the callback (call it when the job is over)
     */
    public Runnable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled.get() && callbacks.remove(callback)) {
            callback.run();
        }
        return () -> callbacks.remove(callback);
    }
}
