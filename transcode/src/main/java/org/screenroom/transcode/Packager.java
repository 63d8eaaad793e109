package org.screenroom.transcode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** Which tool packages the encoded media into HLS and DASH. */
public enum Packager {
    /** ffmpeg's hls muxer (CMAF segments) plus Screenroom's own manifest writers. The default. */
    FFMPEG,
    /** Bento4's mp4fragment + mp4dash. */
    BENTO4,
    /** Bento4 when {@code mp4dash} is on PATH, else ffmpeg. */
    AUTO;

    /** The tool Bento4 mode needs on PATH. */
    public static final String MP4DASH = "mp4dash";

    /**
     * The packager actually used. Pure given {@code onPath}.
     *
     * @param onPath tells whether an executable of that name is on PATH
     */
    public Packager resolve(Predicate<String> onPath) {
        return switch (this) {
            case AUTO -> onPath.test(MP4DASH) ? BENTO4 : FFMPEG;
            default -> this;
        };
    }

    /** Looks a command up in a PATH value, as the shell would. */
    public static Predicate<String> searchPath(String pathVariable) {
        return name -> pathVariable != null && java.util.Arrays.stream(pathVariable.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
    }
}
