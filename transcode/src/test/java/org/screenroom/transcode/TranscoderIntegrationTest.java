package org.screenroom.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.transcode.ffmpeg.Progress;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRunner;

/** Real ffmpeg on tiny generated clips, checked with the bundled ffprobe as an independent client. */
class TranscoderIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private Transcoder transcoder() throws Exception {
        return new Transcoder(TestTools.toolchain(), new ProcessRunner(),
                TranscodeSettings.defaults().withPreset("veryfast"));
    }

    @Test
    void transcode_720pClip_threeRungsAlignedKeyframesAndBothManifestsPlay() throws Exception {
        Path source = TestTools.clip(dir.resolve("src.mp4"), 1280, 720, 3, true);
        Path pkg = dir.resolve("film1");
        List<Progress> reports = new ArrayList<>();

        TranscodeResult result = transcoder().transcode(source, pkg, reports::add, CancelSignal.none());

        assertThat(result.renditions()).extracting(RenditionInfo::kind, RenditionInfo::height, RenditionInfo::codec)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("video", 720, "avc1.64001f"),
                        org.assertj.core.groups.Tuple.tuple("video", 480, "avc1.64001e"),
                        org.assertj.core.groups.Tuple.tuple("video", 360, "avc1.64001e"),
                        org.assertj.core.groups.Tuple.tuple("audio", 0, "mp4a.40.2"));
        assertThat(reports).isNotEmpty().allSatisfy(p -> assertThat(p.percent()).isBetween(0.0, 100.0));
        assertThat(reports.get(reports.size() - 1).finished()).isTrue();
        assertThat(result.stages()).containsOnlyKeys("probe", "encode", "package", "publish");
        assertThat(result.stages().keySet()).containsExactly("probe", "encode", "package", "publish");
        assertThat(result.stages().get("encode")).isPositive();
        for (String rung : List.of("v720", "v480", "v360")) {
            assertThat(height(pkg.resolve(rung).resolve("index.m3u8"))).isEqualTo(Integer.parseInt(rung.substring(1)));
        }
        assertThat(keyframes(pkg.resolve("v480/index.m3u8"))).isEqualTo(keyframes(pkg.resolve("v720/index.m3u8")))
                .isEqualTo(keyframes(pkg.resolve("v360/index.m3u8"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Files.readString(pkg.resolve("master.m3u8"))).contains("#EXT-X-VERSION:7");
        assertPlayable(pkg.resolve("manifest.mpd"), 3.0, true);
        assertPlayable(pkg.resolve("master.m3u8"), 3.0, true);
        assertServableNames(pkg);
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void transcode_640x360WithoutAudio_yieldsValidVideoOnlyPackage() throws Exception {
        Path source = TestTools.clip(dir.resolve("silent.mp4"), 640, 360, 4, false);
        Path pkg = dir.resolve("film2");

        TranscodeResult result = transcoder().transcode(source, pkg, ProgressListener.NONE, CancelSignal.none());

        assertThat(result.renditions()).extracting(RenditionInfo::height).containsExactly(360);
        assertThat(Files.readString(pkg.resolve("master.m3u8"))).doesNotContain("AUDIO");
        assertPlayable(pkg.resolve("manifest.mpd"), 4.0, false);
        assertPlayable(pkg.resolve("master.m3u8"), 4.0, false);
    }

    @Test
    void transcode_longTextFileNamedTxt_isRejectedNotReadAsAnsiArt() throws Exception {
        // ffprobe's tty demuxer reads this as a 640x400 "ansi" video stream.
        Path text = Files.writeString(dir.resolve("screenplay.txt"), "INT. KITCHEN - NIGHT\n".repeat(80));

        assertThatThrownBy(() -> transcoder().transcode(text, dir.resolve("film4"), ProgressListener.NONE,
                CancelSignal.none()))
                .isInstanceOf(SourceRejectedException.class)
                .hasMessageStartingWith("\"screenplay.txt\" is a text file, not a video.");
    }

    @Test
    void transcode_textFile_isRejectedWithHumanSentence() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a film\n");

        assertThatThrownBy(() -> transcoder().transcode(text, dir.resolve("film3"), ProgressListener.NONE,
                CancelSignal.none()))
                .isInstanceOf(SourceRejectedException.class)
                .hasMessage("\"notes.txt\" is a text file, not a video. "
                        + "Upload a video file such as an MP4, MOV or MKV export of the film.");
        assertThat(dir.resolve("film3")).doesNotExist();
    }

    @Test
    void transcode_cancelledMidway_deletesPartialOutput() throws Exception {
        Path source = TestTools.clip(dir.resolve("src.mp4"), 640, 360, 4, true);
        Path pkg = dir.resolve("film4");
        CancelSignal cancel = new CancelSignal();
        AtomicBoolean sawProgress = new AtomicBoolean();
        // Cancelling from the first progress report proves the child is killed mid-run.
        ProgressListener cancelOnFirstReport = p -> {
            sawProgress.set(true);
            cancel.cancel();
        };

        assertThatThrownBy(() -> transcoder().transcode(source, pkg, cancelOnFirstReport, cancel))
                .isInstanceOf(TranscodeCancelledException.class);
        assertThat(sawProgress).isTrue();
        assertThat(pkg).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("src.mp4");
        }
    }

    @Test
    void transcode_srtAndVttSubtitles_webVttFilesPlaylistsAndGroups() throws Exception {
        Path source = TestTools.clip(dir.resolve("subbed.mp4"), 320, 180, 2, true);
        Path srt = Files.writeString(dir.resolve("english.srt"), "1\r\n00:00:00,500 --> 00:00:01,500\r\nHello\r\n");
        Path vtt = Files.writeString(dir.resolve("french.vtt"), "WEBVTT\n\n00:00.500 --> 00:01.500\nBonjour\n");
        Path pkg = dir.resolve("film5");

        transcoder().transcode(source, pkg, List.of(new SubtitleInput(srt, "en", "English"),
                new SubtitleInput(vtt, "fr", "Français")), ProgressListener.NONE, CancelSignal.none());

        assertThat(Files.readString(pkg.resolve("subs/en.vtt")))
                .isEqualTo("WEBVTT\n\n1\n00:00:00.500 --> 00:00:01.500\nHello\n");
        assertThat(Files.readString(pkg.resolve("subs/fr.m3u8"))).contains("#EXTINF:2.0").contains("fr.vtt");
        String master = Files.readString(pkg.resolve("master.m3u8"));
        assertThat(master).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Français\",LANGUAGE=\"fr\"")
                .contains(",SUBTITLES=\"subs\"\n");
        assertThat(Files.readString(pkg.resolve("manifest.mpd"))).contains("mimeType=\"text/vtt\" lang=\"en\"");
        String cues = TestTools.ffprobe("-show_entries", "packet=pts_time", "-of", "csv=p=0",
                pkg.resolve("subs/en.vtt").toString());
        assertThat(cues.replace(",", "").strip()).isEqualTo("0.500000");
        assertPlayable(pkg.resolve("master.m3u8"), 2.0, true);
        assertServableNames(pkg);
    }

    @Test
    void transcode_subtitleThatIsNotSrt_isRejectedBeforeEncoding() throws Exception {
        Path source = TestTools.clip(dir.resolve("src.mp4"), 320, 180, 1, false);
        Path notes = Files.writeString(dir.resolve("notes.srt"), "call the distributor\n");

        assertThatThrownBy(() -> transcoder().transcode(source, dir.resolve("film6"),
                List.of(new SubtitleInput(notes, "en", "English")), ProgressListener.NONE, CancelSignal.none()))
                .isInstanceOf(SourceRejectedException.class)
                .hasMessage("The subtitle file \"notes.srt\" is not SRT or WebVTT (no SRT cues found). "
                        + "Export the subtitles as .srt or .vtt.");
        assertThat(dir.resolve("film6")).doesNotExist();
    }

    private static void assertPlayable(Path manifest, double seconds, boolean audio) throws Exception {
        JsonNode probe = JSON.readTree(TestTools.ffprobe("-print_format", "json", "-show_format", "-show_streams",
                manifest.toString()));
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.3));
        List<String> types = new ArrayList<>();
        probe.path("streams").forEach(s -> types.add(s.path("codec_type").asText()));
        assertThat(types).contains("video");
        assertThat(types.contains("audio")).isEqualTo(audio);
    }

    private static int height(Path playlist) throws Exception {
        return JSON.readTree(TestTools.ffprobe("-select_streams", "v:0", "-show_entries", "stream=height",
                "-print_format", "json", playlist.toString())).path("streams").get(0).path("height").asInt();
    }

    private static List<String> keyframes(Path playlist) throws Exception {
        String csv = TestTools.ffprobe("-select_streams", "v:0", "-skip_frame", "nokey", "-show_entries",
                "frame=pts_time", "-of", "csv=p=0", playlist.toString());
        return csv.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void assertServableNames(Path pkg) throws Exception {
        try (Stream<Path> files = Files.walk(pkg)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path rel = pkg.relativize(f);
                if (rel.getNameCount() == 1) {
                    assertThat(rel.toString()).isIn("master.m3u8", "manifest.mpd");
                } else {
                    assertThat(rel.getNameCount()).isEqualTo(2);
                    assertThat(rel.getName(0).toString()).matches("[a-z0-9_]{1,16}");
                    assertThat(rel.getName(1).toString()).matches("[a-z0-9_-]{1,64}\\.(m4s|mp4|m3u8|vtt|jpg)");
                }
            }
        }
    }
}
