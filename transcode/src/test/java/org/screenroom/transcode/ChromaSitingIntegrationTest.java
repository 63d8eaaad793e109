package org.screenroom.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Sources with each chroma siting come out left-sited (H.264's default, what players assume) in
 * every rung: tagged so, and resampled so (the lowest rung's chroma is closer to the source
 * scaled with the source's real siting than to the source scaled as if it were centre-sited).
 */
class ChromaSitingIntegrationTest {
    private static final Pattern SSIM = Pattern.compile("SSIM Y:[0-9.]+ \\([^)]*\\) U:([0-9.]+) \\([^)]*\\) V:([0-9.]+)");
    @TempDir
    static Path dir;

    /**
     * @param generate  ffmpeg output arguments making a 960x540 source (its top rung is a real downscale: swscale copies a same-size picture without moving its chroma) with this siting
     * @param probed    what ffprobe must report for the generated source
     * @param swsInput  swscale's input chroma position (h:v) of that siting
     */
    record Case(String name, List<String> generate, String probed, String swsInput) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> sources() {
        List<String> h264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", "-pix_fmt", "yuv420p");
        return Stream.of(
                new Case("untagged raw 4:2:0 is taken as left", List.of("-c:v", "rawvideo", "-pix_fmt", "yuv420p",
                        "-f", "nut"), "unspecified", "0:128"),
                new Case("left-tagged H.264 stays left", concat(h264, List.of("-chroma_sample_location", "left")),
                        "left", "0:128"),
                new Case("centre-tagged is moved to left", concat(h264, List.of("-chroma_sample_location", "center")),
                        "center", "128:128"),
                new Case("top-left-tagged is moved to left", concat(h264, List.of("-chroma_sample_location", "topleft")),
                        "topleft", "0:0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void transcode_anySiting_everyRungLeftSited(Case c) throws Exception {
        Path source = dir.resolve(c.probed() + (c.generate().contains("nut") ? ".nut" : ".mp4"));
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=960x540:rate=25", "-t", "2"));
        args.addAll(c.generate());
        args.add(source.toString());
        TestTools.ffmpeg(args);
        assertThat(chromaLocations(source)).as("generated source has the siting").containsExactly(c.probed());
        Path pkg = dir.resolve("pkg-" + c.probed());

        new Transcoder(TestTools.toolchain(), new ProcessRunner(), TranscodeSettings.defaults().withPreset("ultrafast"))
                .transcode(source, pkg, ProgressListener.NONE, CancelSignal.none());

        List<String> rungs = rungDirs(pkg);
        assertThat(rungs).containsExactly("v480", "v360");
        for (String rung : rungs) {
            assertThat(chromaLocations(pkg.resolve(rung).resolve("index.m3u8"))).as(rung).containsExactly("left");
        }
        Path lowest = pkg.resolve("v360").resolve("index.m3u8");
        double[] real = chromaSsim(lowest, source, c.swsInput());
        double[] centred = chromaSsim(lowest, source, "128:128");
        double[] shifted = chromaSsim(lowest, source, c.swsInput().equals("0:128") ? "128:128" : "0:128");
        double[] wrong = c.swsInput().equals("128:128") ? shifted : centred;
        assertThat(real[0] + real[1]).as("chroma SSIM with the source's real siting vs a wrong one")
                .isGreaterThan(wrong[0] + wrong[1]);
    }

    /** U and V SSIM of {@code rung} against the source scaled to 640x360 by swscale from {@code input} to left. */
    private static double[] chromaSsim(Path rung, Path source, String input) throws Exception {
        String[] hv = input.split(":");
        String out = stderr(List.of("-hide_banner", "-nostats", "-i", rung.toString(), "-i", source.toString(),
                "-lavfi", "[1:v]scale=640:360:in_h_chr_pos=" + hv[0] + ":in_v_chr_pos=" + hv[1]
                        + ":out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p[ref];[0:v][ref]ssim",
                "-f", "null", "-"));
        Matcher m = SSIM.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    /** Runs the bundled ffmpeg and returns the end of its standard error, where the SSIM summary is. */
    private static String stderr(List<String> args) throws Exception {
        Toolchain tools = TestTools.toolchain();
        List<String> argv = new ArrayList<>(List.of(tools.ffmpeg().toString()));
        argv.addAll(args);
        return String.join("\n", new ProcessRunner().run(ProcessRequest.of(argv, tools.environment(),
                Duration.ofSeconds(60))).stderrTail());
    }

    /** The chroma_location of the first video stream (an HLS playlist lists it once per program too). */
    private static List<String> chromaLocations(Path file) throws Exception {
        return TestTools.ffprobe("-select_streams", "v:0", "-show_entries", "stream=chroma_location", "-of", "csv=p=0",
                file.toString()).lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }

    private static List<String> rungDirs(Path pkg) throws Exception {
        List<String> rungs = new ArrayList<>();
        Matcher m = Pattern.compile("#EXT-X-STREAM-INF:.*\\n([a-z0-9_]+)/index.m3u8").matcher(
                Files.readString(pkg.resolve("master.m3u8")));
        while (m.find()) {
            rungs.add(m.group(1));
        }
        return rungs;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
