package org.screenroom.transcode.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParentDeathGuardTest {
    static Stream<Arguments> commands() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        return Stream.of(
                Arguments.of(List.of("ffmpeg", "-i", "in.mp4"), Optional.empty(),
                        List.of("ffmpeg", "-i", "in.mp4")),
                Arguments.of(List.of("ffmpeg", "-i", "in.mp4"), Optional.of(setpriv),
                        List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "ffmpeg", "-i", "in.mp4")),
                // "--" ends setpriv's options: a tool whose first argument looks like one is untouched.
                Arguments.of(List.of("--help"), Optional.of(setpriv),
                        List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "--help")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void command_prefixesSetprivOnlyWhenPresent(List<String> argv, Optional<Path> setpriv, List<String> expected) {
        assertThat(ParentDeathGuard.command(argv, setpriv)).isEqualTo(expected);
    }

    @Test
    void onLinuxWithSetpriv_theRunnersChildKeepsItsArgvExitCodeAndStdout() throws Exception {
        // Skipped only off Linux; on Linux (CI) a missing setpriv fails: util-linux is required.
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").isExecutable();
        assertThat(ParentDeathGuard.active()).isTrue();

        // setpriv execs the tool: the tool's parent is this JVM, not a setpriv left waiting.
        ProcessResult ok = new ProcessRunner().run(ProcessRequest.of(
                List.of("sh", "-c", "cat /proc/$PPID/comm"), Map.of(), Duration.ofSeconds(20)));
        assertThat(ok.stdout().strip()).isNotEqualTo("setpriv").isEqualTo(
                ProcessHandle.current().info().command().map(c -> Path.of(c).getFileName().toString())
                        .orElse("java"));
        try {
            new ProcessRunner().run(ProcessRequest.of(List.of("sh", "-c", "exit 7"), Map.of(),
                    Duration.ofSeconds(20)));
            throw new AssertionError("exit 7 was not reported");
        } catch (ProcessFailedException e) {
            assertThat(e.exitCode()).isEqualTo(7);
            assertThat(e.argv()).containsExactly("sh", "-c", "exit 7");
        }
    }
}
