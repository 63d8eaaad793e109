package org.screenroom.transcode.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.transcode.TestTools;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * The prober runs the real ffprobe through a wrapper script that counts its runs, so a test can
 * tell a remembered description from a fresh probe.
 */
class ProberTest {
    @TempDir
    Path dir;
    private Path runs;
    private Prober prober;

    @BeforeEach
    void countingProber() throws Exception {
        Toolchain real = TestTools.toolchain();
        runs = dir.resolve("runs");
        Path wrapper = dir.resolve("ffprobe");
        Files.writeString(wrapper, "#!/bin/sh\necho run >> '" + runs + "'\nexec '" + real.ffprobe() + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        prober = new Prober(new Toolchain(real.ffmpeg(), wrapper, real.environment(), real.origin(), real.version()),
                new ProcessRunner(), Duration.ofSeconds(60));
    }

    private int ffprobeRuns() throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void inspect_checkedUploadMovedInAsMaster_usesTheCheckWithoutProbingAgain() throws Exception {
        Path upload = TestTools.clip(dir.resolve("upload.part"), 320, 240, 1, true, "-f", "mp4");
        MediaInfo checked = prober.inspect(upload);
        Path master = Files.createDirectories(dir.resolve("master")).resolve("film.mp4");
        Files.move(upload, master, StandardCopyOption.ATOMIC_MOVE);

        MediaInfo forTranscode = prober.inspect(master);

        assertThat(forTranscode).isEqualTo(checked);
        assertThat(ffprobeRuns()).isEqualTo(1);
    }

    @Test
    void inspect_copiedOrChangedFile_isProbedAgain() throws Exception {
        Path first = TestTools.clip(dir.resolve("a.mp4"), 320, 240, 1, true);
        Path other = TestTools.clip(dir.resolve("b.mp4"), 640, 360, 2, false);
        prober.inspect(first);
        record Row(String change, Path file, int width) {
        }
        int expectedRuns = 1;
        for (Row row : List.of(
                new Row("copied (another file)", Files.copy(first, dir.resolve("copy.mp4")), 320),
                new Row("rewritten in place", Files.copy(other, first, StandardCopyOption.REPLACE_EXISTING), 640))) {
            MediaInfo info = prober.inspect(row.file());
            expectedRuns++;

            assertThat(info.primaryVideo().orElseThrow().width()).as(row.change()).isEqualTo(row.width());
            assertThat(ffprobeRuns()).as(row.change()).isEqualTo(expectedRuns);
        }
    }

    @Test
    void inspect_rejectedFile_isRejectedAgainEachTime() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a film\n".repeat(50));
        Path damaged = Files.write(dir.resolve("damaged.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});

        for (Path file : List.of(text, damaged, text, damaged)) {
            assertThatThrownBy(() -> prober.inspect(file)).as(file.toString())
                    .isInstanceOf(SourceRejectedException.class);
        }
        assertThat(ffprobeRuns()).as("ffprobe read the damaged file each time (text is refused before)").isEqualTo(2);
    }
}
