package org.screenroom.transcode.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {
    @TempDir
    Path dir;

    @Test
    void resolve_noSystemFfmpeg_extractsBundledOnceAndReadsVersion() throws Exception {
        Toolchain first = Toolchain.resolve(Optional.empty(), Optional.empty(), dir);
        long modified = Files.getLastModifiedTime(first.ffmpeg()).toMillis();
        Toolchain second = Toolchain.resolve(Optional.empty(), Optional.empty(), dir);

        assertThat(first.origin()).isEqualTo(Toolchain.Origin.BUNDLED);
        assertThat(first.version()).isEqualTo("8.1.2");
        assertThat(first.ffmpeg()).isEqualTo(dir.resolve("ffmpeg-8.1.2-1.5.14-linux-x86_64-gpl/ffmpeg"));
        assertThat(first.ffprobe()).isExecutable();
        assertThat(first.environment()).containsEntry("LD_LIBRARY_PATH", first.ffmpeg().getParent().toString());
        assertThat(first.ffmpeg().getParent()).isDirectoryNotContaining("glob:**/libjni*.so");
        assertThat(first.describe()).isEqualTo("bundled ffmpeg 8.1.2 at " + first.ffmpeg());
        assertThat(Files.getLastModifiedTime(second.ffmpeg()).toMillis()).isEqualTo(modified);
        assertThat(dir).isDirectoryNotContaining("glob:**/.ffmpeg-extract-*");
    }

    @Test
    void resolve_concurrentCallers_allGetTheSameCompleteDirectory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Toolchain>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> Toolchain.resolve(Optional.empty(), Optional.empty(), dir)));
            }
            for (Future<Toolchain> f : futures) {
                assertThat(f.get().version()).isEqualTo("8.1.2");
            }
        } finally {
            pool.shutdownNow();
        }
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("ffmpeg-8.1.2-1.5.14-linux-x86_64-gpl");
        }
    }

    @Test
    void resolve_systemFfmpeg_winsAndFindsFfprobeBesideIt() throws Exception {
        Path ffmpeg = script("ffmpeg", "echo 'ffmpeg version 6.1.1-test Copyright (c) 2000-2023'");
        script("ffprobe", "true");

        Toolchain t = Toolchain.resolve(Optional.of(ffmpeg), Optional.empty(), dir.resolve("cache"));

        assertThat(t.origin()).isEqualTo(Toolchain.Origin.SYSTEM);
        assertThat(t.ffprobe()).isEqualTo(dir.resolve("ffprobe"));
        assertThat(t.describe()).isEqualTo("system ffmpeg 6.1.1-test at " + ffmpeg);
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void resolve_systemFfmpegWithoutFfprobe_saysWhatToSet() throws Exception {
        Path ffmpeg = script("ffmpeg", "echo 'ffmpeg version 6'");

        assertThatThrownBy(() -> Toolchain.resolve(Optional.of(ffmpeg), Optional.empty(), dir))
                .isInstanceOf(ToolchainException.class).hasMessageContaining("--ffprobe");
    }

    @Test
    void resolve_systemFfmpegThatFails_reportsItsStderr() throws Exception {
        Path ffmpeg = script("ffmpeg", "echo 'error while loading shared libraries: libfoo.so.1' >&2; exit 127");
        script("ffprobe", "true");

        assertThatThrownBy(() -> Toolchain.resolve(Optional.of(ffmpeg), Optional.empty(), dir))
                .isInstanceOf(ToolchainException.class)
                .hasMessage("The configured ffmpeg cannot start: error while loading shared libraries: libfoo.so.1. "
                        + "Fix --ffmpeg or leave it unset to use the bundled ffmpeg.");
    }

    @Test
    void startFailureMessage_missingLibpulse_tellsHowToInstallIt() {
        String message = Toolchain.startFailureMessage(Toolchain.Origin.BUNDLED, List.of(
                "ffmpeg: error while loading shared libraries: libpulse.so.0: cannot open shared object file"));

        assertThat(message).isEqualTo("The bundled ffmpeg cannot start: libpulse.so.0 is missing. Install it "
                + "(apt-get install libpulse0) or set --ffmpeg to a system ffmpeg.");
    }

    @Test
    void requireSupportedPlatform_macArm_tellsToConfigureSystemFfmpeg() {
        assertThatThrownBy(() -> BundledFfmpeg.requireSupportedPlatform("Mac OS X", "aarch64"))
                .isInstanceOf(ToolchainException.class)
                .hasMessage("The bundled ffmpeg only runs on Linux x86-64, not Mac OS X aarch64. "
                        + "Install ffmpeg and set --ffmpeg (and --ffprobe) to it.");
    }

    @Test
    void parseVersion_table() {
        assertThat(Toolchain.parseVersion("ffmpeg version 8.1.2 Copyright (c) 2000-2026")).isEqualTo("8.1.2");
        assertThat(Toolchain.parseVersion("ffmpeg version n7.0-12-gabc Copyright")).isEqualTo("n7.0-12-gabc");
        assertThat(Toolchain.parseVersion("something else")).isEqualTo("unknown");
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
