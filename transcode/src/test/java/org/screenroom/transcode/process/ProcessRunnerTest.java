package org.screenroom.transcode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner();

    private static ProcessRequest sh(String script) {
        return ProcessRequest.of(List.of("sh", "-c", script), Map.of("GREETING", "hello"), Duration.ofSeconds(20));
    }

    @Test
    void run_success_capturesStdoutWithAddedEnvironment() throws Exception {
        ProcessResult result = runner.run(sh("echo $GREETING; echo world"));

        assertThat(result.stdout()).isEqualTo("hello\nworld\n");
    }

    @Test
    void run_stderr_isStreamedToListenerAndTailKeepsLast40Lines() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();

        ProcessResult result = runner.run(sh("i=1; while [ $i -le 50 ]; do echo line$i >&2; i=$((i+1)); done")
                .withStderrLines(seen::add));

        assertThat(seen).hasSize(50);
        assertThat(result.stderrTail()).hasSize(ProcessRunner.STDERR_TAIL_LINES).startsWith("line11").endsWith("line50");
    }

    @Test
    void run_nonZeroExit_throwsWithArgvExitCodeAndStderrTail() {
        assertThatThrownBy(() -> runner.run(sh("echo broken >&2; exit 3")))
                .isInstanceOfSatisfying(ProcessFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.argv()).containsExactly("sh", "-c", "echo broken >&2; exit 3");
                    assertThat(e.stderrTail()).containsExactly("broken");
                });
    }

    @Test
    void run_missingProgram_throwsCouldNotStart() {
        ProcessRequest request = ProcessRequest.of(List.of("/nonexistent/tool"), Map.of(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> runner.run(request)).isInstanceOfSatisfying(ProcessFailedException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ProcessFailedException.NO_EXIT_CODE));
    }

    @Test
    void run_pastTimeout_killsChild() {
        ProcessRequest request = ProcessRequest.of(List.of("sleep", "30"), Map.of(), Duration.ofMillis(200));
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner.run(request)).isInstanceOf(ProcessTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void run_cancelledFromOutputListener_killsChildAndThrowsCancelled() {
        CancelSignal cancel = new CancelSignal();
        // The child announces itself, then would sleep; the listener cancels on that line.
        ProcessRequest request = sh("echo started; exec sleep 30").withCancel(cancel)
                .withStdoutLines(line -> cancel.cancel());
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner.run(request)).isInstanceOf(ProcessCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void run_alreadyCancelled_killsAtOnce() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        assertThatThrownBy(() -> runner.run(sh("exec sleep 30").withCancel(cancel)))
                .isInstanceOf(ProcessCancelledException.class);
    }

    @Test
    void run_throwingListener_stillDrainsAndSucceeds() throws Exception {
        ProcessResult result = runner.run(sh("echo a; echo b").withStdoutLines(line -> {
            throw new IllegalStateException("listener bug");
        }));

        assertThat(result.stdout()).isEqualTo("a\nb\n");
    }
}
