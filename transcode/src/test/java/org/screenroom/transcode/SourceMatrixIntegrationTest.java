package org.screenroom.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.VideoStream;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * One generated source per hard case, transcoded for real and checked through ffprobe and the
 * package files: geometry, progressive output, constant rate, tone-mapping, audio layouts and
 * languages, alignment across rungs, honest HLS attributes, I-frame ranges and stills.
 */
class SourceMatrixIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TESTSRC = "testsrc2=size=%s:rate=%s";
    private static final List<String> H264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");
    private static final Pattern BANDWIDTH = Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),.*\\n([a-z0-9_]+)/");
    @TempDir
    static Path dir;

    /**
     * @param sizes          expected rung sizes, highest first
     * @param frameRate      expected r_frame_rate of the top rung
     * @param audio          expected channels per audio rendition, in master order
     * @param languages      expected language per audio rendition
     * @param toneMapped     true when the source is HDR and the output must be BT.709
     * @param sourceIs       proves the generated source really has the trait under test
     */
    record Case(String name, List<String> generate, List<String> sizes, String frameRate, List<Integer> audio,
                List<String> languages, boolean toneMapped, Predicate<MediaInfo> sourceIs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> sources() {
        return Stream.of(
                new Case("scope 2.39 at 23.976 keeps its aspect and rate", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("854x358", "24000/1001"), "-t", "3"), H264),
                        List.of("854x358", "640x268"), "24000/1001", List.of(), List.of(), false, i -> video(i).frameRate().toString().equals("24000/1001")),
                new Case("vertical phone clip (rotation 90) gets portrait rungs", concat(
                        List.of("-display_rotation", "90", "-i", "{plain}", "-c", "copy")),
                        List.of("360x640"), "25/1", List.of(2), List.of("und"), false, i -> video(i).rotation() % 180 == 90),
                new Case("interlaced 25i is deinterlaced to progressive 25p", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("640x360", "50"), "-t", "3",
                                "-vf", "tinterlace=interleave_top,setfield=tff", "-flags", "+ilme+ildct",
                                "-x264opts", "tff=1"), H264),
                        List.of("640x360"), "25/1", List.of(), List.of(), false, i -> video(i).interlaced()),
                new Case("5.1 audio gives a stereo downmix and a 5.1 rendition", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("640x360", "25"), "-f", "lavfi", "-i",
                                "aevalsrc=sin(440*2*PI*t)|sin(550*2*PI*t)|sin(660*2*PI*t)|0.2*sin(50*2*PI*t)"
                                        + "|sin(770*2*PI*t)|sin(880*2*PI*t):c=5.1:s=48000",
                                "-t", "3", "-c:a", "aac", "-metadata:s:a:0", "language=eng"), H264),
                        List.of("640x360"), "25/1", List.of(2, 6), List.of("eng", "eng"), false, i -> i.audioStreams().get(0).channels() == 6),
                new Case("no audio gives a video-only package", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("640x360", "25"), "-t", "2"), H264),
                        List.of("640x360"), "25/1", List.of(), List.of(), false, i -> !i.hasAudio()),
                new Case("VFR with jittered timestamps comes out CFR at the nominal 25", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("640x360", "25"), "-t", "3",
                                "-vf", "settb=1/90000,setpts='(N/25+0.012*random(1))/TB'", "-fps_mode", "vfr",
                                "-enc_time_base:v", "1/90000", "-video_track_timescale", "90000"), H264),
                        List.of("640x360"), "25/1", List.of(), List.of(), false, i -> !video(i).averageFrameRate().equals(video(i).frameRate())),
                new Case("10-bit PQ HDR10 is tone-mapped to 8-bit BT.709", List.of("-f", "lavfi", "-i",
                        TESTSRC.formatted("640x360", "25"), "-t", "2", "-vf",
                        "format=gbrp,zscale=tin=bt709:pin=bt709:min=gbr:rangein=full:t=smpte2084:p=bt2020"
                                + ":m=bt2020nc:r=tv:npl=100,format=yuv420p10le",
                        "-c:v", "libx265", "-x265-params", "log-level=error", "-color_primaries", "bt2020",
                        "-color_trc", "smpte2084", "-colorspace", "bt2020nc"),
                        List.of("640x360"), "25/1", List.of(), List.of(), true, i -> video(i).colorTransfer().equals("smpte2084") && video(i).bitDepth() == 10),
                new Case("two audio languages are both kept and labelled", concat(
                        List.of("-f", "lavfi", "-i", TESTSRC.formatted("640x360", "25"),
                                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                                "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000",
                                "-map", "0:v", "-map", "1:a", "-map", "2:a", "-t", "2", "-c:a", "aac",
                                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra"), H264),
                        List.of("640x360"), "25/1", List.of(2, 2), List.of("eng", "fra"), false, i -> i.audioStreams().size() == 2));
    }

    private static Path plain;

    @BeforeAll
    static void plainClip() throws Exception {
        plain = TestTools.clip(dir.resolve("plain.mp4"), 640, 360, 2, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void transcode_source_packagedRight(Case c) throws Exception {
        Path source = dir.resolve(slug(c.name()) + (c.toneMapped() ? ".mp4" : ".mp4"));
        List<String> args = new ArrayList<>(c.generate().stream().map(a -> a.replace("{plain}", plain.toString()))
                .toList());
        args.add(source.toString());
        TestTools.ffmpeg(args);
        Path pkg = dir.resolve("pkg-" + slug(c.name()));

        TranscodeResult result = new Transcoder(TestTools.toolchain(), new ProcessRunner(),
                TranscodeSettings.defaults().withPreset("ultrafast"))
                .transcode(source, pkg, ProgressListener.NONE, CancelSignal.none());

        assertThat(c.sourceIs().test(result.source())).as("generated source has the trait").isTrue();
        List<String> ids = result.renditions().stream().filter(r -> r.kind().equals("video"))
                .map(r -> "v" + Math.min(r.width(), r.height())).toList();
        assertThat(result.renditions().stream().filter(r -> r.kind().equals("video"))
                .map(r -> r.width() + "x" + r.height()).toList()).isEqualTo(c.sizes());
        List<String> rungDirs = rungDirs(pkg);
        assertThat(rungDirs).hasSize(c.sizes().size());
        double sourceAspect = aspect(c.sizes().get(0));
        for (int i = 0; i < rungDirs.size(); i++) {
            JsonNode v = stream(pkg.resolve(rungDirs.get(i)).resolve("index.m3u8"), "v:0");
            assertThat(v.path("width").asInt() + "x" + v.path("height").asInt()).isEqualTo(c.sizes().get(i));
            assertThat((double) v.path("width").asInt() / v.path("height").asInt()).as("display aspect")
                    .isCloseTo(sourceAspect, within(sourceAspect * 0.01));
            assertThat(v.path("field_order").asText("progressive")).isEqualTo("progressive");
            assertThat(v.path("pix_fmt").asText()).isEqualTo("yuv420p");
            assertThat(v.path("chroma_location").asText()).as("H.264's default siting, as players assume")
                    .isEqualTo("left");
            if (c.toneMapped()) {
                assertThat(v.path("color_transfer").asText()).isEqualTo("bt709");
                assertThat(v.path("color_primaries").asText()).isEqualTo("bt709");
            }
        }
        JsonNode top = stream(pkg.resolve(rungDirs.get(0)).resolve("index.m3u8"), "v:0");
        assertThat(top.path("r_frame_rate").asText()).isEqualTo(c.frameRate());
        assertThat(top.path("avg_frame_rate").asText()).as("constant frame rate").isEqualTo(c.frameRate());
        assertAligned(pkg, rungDirs);
        assertAudio(pkg, c);
        assertHlsAttributes(pkg);
        assertIFrames(pkg, rungDirs);
        assertStills(pkg, c.sizes().get(0));
        assertThat(ids).hasSize(c.sizes().size());
    }

    private static void assertAligned(Path pkg, List<String> rungs) throws Exception {
        List<String> firstKeys = keyframes(pkg.resolve(rungs.get(0)).resolve("index.m3u8"));
        List<Double> firstDurations = extinfs(pkg.resolve(rungs.get(0)).resolve("index.m3u8"));
        assertThat(firstKeys).hasSizeGreaterThanOrEqualTo(1);
        for (String rung : rungs) {
            assertThat(keyframes(pkg.resolve(rung).resolve("index.m3u8"))).as(rung).isEqualTo(firstKeys);
            assertThat(extinfs(pkg.resolve(rung).resolve("index.m3u8"))).as(rung).isEqualTo(firstDurations);
        }
    }

    private static void assertAudio(Path pkg, Case c) throws Exception {
        String master = Files.readString(pkg.resolve("master.m3u8"));
        String mpd = Files.readString(pkg.resolve("manifest.mpd"));
        List<Integer> channels = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        Matcher media = Pattern.compile("#EXT-X-MEDIA:TYPE=AUDIO.*URI=\"([a-z0-9_]+)/index.m3u8\"").matcher(master);
        while (media.find()) {
            JsonNode a = stream(pkg.resolve(media.group(1)).resolve("index.m3u8"), "a:0");
            channels.add(a.path("channels").asInt());
            languages.add(a.path("tags").path("language").asText("und"));
            assertThat(media.group(0)).contains("CHANNELS=\"" + a.path("channels").asInt() + "\"");
            assertThat(a.path("codec_name").asText()).isEqualTo("aac");
        }
        assertThat(channels).isEqualTo(c.audio());
        assertThat(languages).isEqualTo(c.languages());
        for (String language : c.languages()) {
            if (!language.equals("und")) {
                assertThat(master).contains("LANGUAGE=\"" + language + "\"");
                assertThat(mpd).contains("lang=\"" + language + "\"");
            }
        }
        if (c.audio().isEmpty()) {
            assertThat(master).doesNotContain("AUDIO");
            assertThat(mpd).doesNotContain("contentType=\"audio\"");
        }
    }

    /** BANDWIDTH within 10% above the measured peak; no zero frame rate; independent segments everywhere. */
    private static void assertHlsAttributes(Path pkg) throws Exception {
        String master = Files.readString(pkg.resolve("master.m3u8"));
        assertThat(master).doesNotContain("FRAME-RATE=0.000").contains("FRAME-RATE=");
        long audioPeak = 0;
        Matcher media = Pattern.compile("#EXT-X-MEDIA:TYPE=AUDIO.*URI=\"([a-z0-9_]+)/index.m3u8\"").matcher(master);
        while (media.find()) {
            audioPeak = Math.max(audioPeak, measuredPeak(pkg.resolve(media.group(1))));
        }
        Matcher variant = BANDWIDTH.matcher(master);
        int variants = 0;
        while (variant.find()) {
            variants++;
            long measured = measuredPeak(pkg.resolve(variant.group(2))) + audioPeak;
            assertThat(Long.parseLong(variant.group(1))).as("BANDWIDTH of " + variant.group(2))
                    .isBetween(measured, Math.round(measured * 1.10));
        }
        assertThat(variants).isPositive();
        try (Stream<Path> playlists = Files.walk(pkg)) {
            for (Path p : (Iterable<Path>) playlists.filter(f -> f.getFileName().toString().equals("index.m3u8"))::iterator) {
                assertThat(Files.readString(p)).as(p.toString()).contains("#EXT-X-INDEPENDENT-SEGMENTS");
            }
        }
    }

    /**
     * One I-frame entry per key frame (not per segment), and each range, appended to the init
     * segment, decodes to exactly one key frame.
     */
    private static void assertIFrames(Path pkg, List<String> rungs) throws Exception {
        String master = Files.readString(pkg.resolve("master.m3u8"));
        for (String rung : rungs) {
            assertThat(master).contains("#EXT-X-I-FRAME-STREAM-INF:").contains("URI=\"" + rung + "/iframes.m3u8\"");
            String playlist = Files.readString(pkg.resolve(rung).resolve("iframes.m3u8"));
            assertThat(playlist).contains("#EXT-X-I-FRAMES-ONLY").contains("#EXT-X-INDEPENDENT-SEGMENTS");
            String keyFrames = TestTools.ffprobe("-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries",
                    "frame=pts_time", "-of", "csv=p=0", pkg.resolve(rung).resolve("index.m3u8").toString());
            Matcher range = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\n(seg_\\d+\\.m4s)").matcher(playlist);
            Path init = pkg.resolve(rung).resolve(initFile(playlist));
            byte[] head = Files.readAllBytes(init);
            int entries = 0;
            while (range.find()) {
                entries++;
                Path probe = dir.resolve("iframe-" + rung + "-" + entries + "-" + System.nanoTime() + ".mp4");
                byte[] frame = new byte[Integer.parseInt(range.group(1))];
                try (RandomAccessFile f = new RandomAccessFile(pkg.resolve(rung).resolve(range.group(3)).toFile(), "r")) {
                    f.seek(Long.parseLong(range.group(2)));
                    f.readFully(frame);
                }
                Files.write(probe, concatBytes(head, frame));
                String frames = TestTools.ffprobe("-select_streams", "v:0", "-show_entries", "frame=key_frame", "-of",
                        "csv=p=0", probe.toString());
                assertThat(frames.lines().map(s -> s.replace(",", "").strip()).filter(s -> !s.isEmpty()).toList())
                        .as(rung + " range " + range.group()).containsExactly("1");
            }
            assertThat(entries).as(rung + " I-frame entries").isEqualTo(
                    (int) keyFrames.lines().filter(l -> !l.isBlank()).count()).isPositive();
        }
    }

    private static void assertStills(Path pkg, String topSize) throws Exception {
        JsonNode poster = stream(pkg.resolve("poster/poster.jpg"), "v:0");
        assertThat(poster.path("width").asInt() + "x" + poster.path("height").asInt()).isEqualTo(topSize);
        assertThat(pkg.resolve("storyboard/sprite.jpg")).isRegularFile();
        assertThat(Files.readString(pkg.resolve("storyboard/thumbs.vtt"))).startsWith("WEBVTT\n\n00:00:00.000 --> ")
                .contains("sprite.jpg#xywh=0,0,");
    }

    private static List<String> rungDirs(Path pkg) throws IOException {
        List<String> rungs = new ArrayList<>();
        Matcher m = Pattern.compile("#EXT-X-STREAM-INF:.*\\n([a-z0-9_]+)/index.m3u8").matcher(
                Files.readString(pkg.resolve("master.m3u8")));
        while (m.find()) {
            rungs.add(m.group(1));
        }
        return rungs;
    }

    private static long measuredPeak(Path renditionDir) throws IOException {
        String playlist = Files.readString(renditionDir.resolve("index.m3u8"));
        Matcher m = Pattern.compile("#EXTINF:([0-9.]+),\\n(seg_\\d+\\.m4s)").matcher(playlist);
        long peak = 0;
        while (m.find()) {
            long bits = Files.size(renditionDir.resolve(m.group(2))) * 8;
            peak = Math.max(peak, Math.round(bits / Double.parseDouble(m.group(1))));
        }
        return peak;
    }

    private static String initFile(String playlist) {
        Matcher m = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(playlist);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<Double> extinfs(Path playlist) throws IOException {
        List<Double> durations = new ArrayList<>();
        Matcher m = EXTINF.matcher(Files.readString(playlist));
        while (m.find()) {
            durations.add(Double.parseDouble(m.group(1)));
        }
        return durations;
    }

    private static JsonNode stream(Path file, String selector) throws Exception {
        JsonNode streams = JSON.readTree(TestTools.ffprobe("-select_streams", selector, "-show_streams",
                "-print_format", "json", file.toString())).path("streams");
        assertThat(streams.size()).as(file + " " + selector).isEqualTo(1);
        return streams.get(0);
    }

    private static List<String> keyframes(Path playlist) throws Exception {
        String csv = TestTools.ffprobe("-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries",
                "frame=pts_time", "-of", "csv=p=0", playlist.toString());
        return csv.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static VideoStream video(MediaInfo info) {
        return info.primaryVideo().orElseThrow();
    }

    private static double aspect(String size) {
        String[] wh = size.split("x");
        return Double.parseDouble(wh[0]) / Double.parseDouble(wh[1]);
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static byte[] concatBytes(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
