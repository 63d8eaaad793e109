package org.screenroom.transcode.packaging.bento4;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for packaging with Bento4: {@code mp4fragment} turns each encoded MP4 into a
 * fragmented one, then one {@code mp4dash --hls} run writes DASH and HLS over shared segments.
 * Pure.
 */
public final class Bento4Commands {
    private Bento4Commands() {
    }

    /** One input of mp4dash: a fragmented MP4 (or WebVTT file) with its language, if any. */
    public record Input(Path file, String format, String language) {
        /** mp4dash's {@code [+key=value,...]path} input syntax. */
        String argument() {
            List<String> keys = new ArrayList<>();
            if (!format.isEmpty()) {
                keys.add("+format=" + format);
            }
            if (!language.isEmpty() && !language.equals("und")) {
                keys.add("+language=" + language);
            }
            return (keys.isEmpty() ? "" : "[" + String.join(",", keys) + "]") + file;
        }
    }

    /**
     * @param fragmentMillis fragment length; mp4fragment cuts at the nearest key frame, so this
     *                       is the keyframe interval
     */
    public static List<String> fragment(Path mp4fragment, Path input, Path output, int fragmentMillis) {
        return List.of(mp4fragment.toString(), "--fragment-duration", Integer.toString(fragmentMillis),
                input.toString(), output.toString());
    }

    /** One mp4dash run writing manifest.mpd and master.m3u8 (with I-frame playlists) into outputDir. */
    public static List<String> dash(Path mp4dash, List<Input> inputs, Path outputDir) {
        List<String> args = new ArrayList<>(List.of(mp4dash.toString(), "--hls", "--force",
                "--output-dir=" + outputDir, "--mpd-name=manifest.mpd", "--hls-master-playlist-name=master.m3u8",
                "--use-segment-timeline"));
        inputs.forEach(i -> args.add(i.argument()));
        return List.copyOf(args);
    }
}
