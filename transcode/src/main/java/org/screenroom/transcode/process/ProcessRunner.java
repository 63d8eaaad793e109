package org.screenroom.transcode.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this module runs external tools (ffmpeg, ffprobe). Logs the full argv, adds
 * environment variables, drains stdout (bounded) and stderr (line by line, last lines kept),
 * and kills the child on timeout, cancellation or interruption, and (on Linux) when this JVM
 * dies ({@link ParentDeathGuard}): the child dies when the thread that started it ends, and that
 * thread is the one waiting here. Blocking: call it from a worker thread, never from an event
 * loop. Stateless and thread-safe.
 */
public final class ProcessRunner {
    /** How many trailing stderr lines are kept for error reports. */
    public static final int STDERR_TAIL_LINES = 40;
    /** Captured stdout is cut here so a chatty tool cannot exhaust the heap. */
    public static final int MAX_STDOUT_CHARS = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    /** How long a child gets to exit after SIGTERM before SIGKILL. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(3);
    private static final Duration READER_JOIN = Duration.ofSeconds(5);

    /**
     * Runs the command to completion.
     *
     * @return stdout and the stderr tail when the command exits 0
     * @throws ProcessTimeoutException   when it outlives {@link ProcessRequest#timeout()}
     * @throws ProcessCancelledException when the cancel signal was triggered
     * @throws ProcessFailedException    on a non-zero exit or when it cannot start
     * @throws InterruptedException      when this thread is interrupted (the child is killed first)
     */
    public ProcessResult run(ProcessRequest request) throws ProcessFailedException, InterruptedException {
        LOG.debug("run: {}", request.argv());
        Process process = start(request);
        StringBuilder stdout = new StringBuilder();
        Deque<String> tail = new ArrayDeque<>();
        Thread outReader = drain(process.getInputStream(), line -> {
            appendBounded(stdout, line);
            request.stdoutLines().accept(line);
        }, "stdout");
        Thread errReader = drain(process.getErrorStream(), line -> {
            keepTail(tail, line);
            request.stderrLines().accept(line);
        }, "stderr");
        Runnable unregister = request.cancel().onCancel(() -> kill(process));
        try {
            boolean exited = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                kill(process);
            }
            joinReaders(outReader, errReader);
            return outcome(request, process, exited, stdout, snapshot(tail));
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } finally {
            unregister.run();
        }
    }

    private static Process start(ProcessRequest request) throws ProcessFailedException {
        // Behind the parent-death guard: a JVM killed outright takes its children with it.
        ProcessBuilder builder = new ProcessBuilder(ParentDeathGuard.command(request.argv()));
        builder.environment().putAll(request.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProcessFailedException("could not start", request.argv(),
                    ProcessFailedException.NO_EXIT_CODE, List.of(), e);
        }
    }

    private static ProcessResult outcome(ProcessRequest request, Process process, boolean exited,
                                         StringBuilder stdout, List<String> tail)
            throws ProcessFailedException {
        if (request.cancel().isCancelled()) {
            throw new ProcessCancelledException(request.argv(), tail);
        }
        if (!exited) {
            throw new ProcessTimeoutException(request.argv(), tail);
        }
        int code = process.exitValue();
        if (code != 0) {
            throw new ProcessFailedException("failed", request.argv(), code, tail, null);
        }
        synchronized (stdout) {
            return new ProcessResult(stdout.toString(), tail);
        }
    }

    /** SIGTERM first so ffmpeg can close files, SIGKILL if it does not exit in time. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream stream, Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> readLines(stream, sink), "process-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void readLines(InputStream stream, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                deliver(sink, line);
            }
        } catch (IOException e) {
            // The pipe closes abruptly when the child is killed; the exit status reports why.
            LOG.debug("pipe closed while reading", e);
        }
    }

    /** A failing listener must not stop the draining, or the child would block on a full pipe. */
    private static void deliver(Consumer<String> sink, String line) {
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("output listener failed on line: {}", line, e);
        }
    }

    private static void appendBounded(StringBuilder stdout, String line) {
        synchronized (stdout) {
            if (stdout.length() + line.length() + 1 <= MAX_STDOUT_CHARS) {
                stdout.append(line).append('\n');
            }
        }
    }

    private static void keepTail(Deque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > STDERR_TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    private static void joinReaders(Thread... readers) throws InterruptedException {
        for (Thread reader : readers) {
            // A grandchild may keep the pipe open; do not wait for it forever.
            reader.join(READER_JOIN.toMillis());
        }
    }

}
