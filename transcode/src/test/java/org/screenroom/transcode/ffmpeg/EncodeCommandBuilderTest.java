package org.screenroom.transcode.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.probe.AudioStream;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.Rational;
import org.screenroom.transcode.probe.VideoStream;

class EncodeCommandBuilderTest {
    private static final Path FFMPEG = Path.of("/opt/ff/ffmpeg");
    private static final Path SRC = Path.of("/in/film.mov");
    private static final Path OUT = Path.of("/out/.film.tmp-1");
    private static final EncodeOptions OPTIONS = new EncodeOptions("veryfast", 4, 2);
    private static final Rung R720 = new Rung("v720", 1280, 720, 3_500_000, 3_745_000, 7_000_000, "high", "3.1");
    private static final Rung R360 = new Rung("v360", 640, 360, 900_000, 963_000, 1_800_000, "high", "3.0");

    private static MediaInfo info(String fps, String fieldOrder, boolean audio) {
        VideoStream v = new VideoStream(0, "h264", 1280, 720, Rational.ONE, Rational.UNKNOWN, 0, Rational.parse(fps),
                Rational.parse(fps), "yuv420p", 8, fieldOrder, "", "", "");
        List<AudioStream> a = audio ? List.of(new AudioStream(1, "aac", 6, "5.1", 48000, "eng")) : List.of();
        return new MediaInfo("mov", Duration.ofSeconds(10), 1, 1, List.of(v), a, List.of());
    }

    private static List<String> head() {
        return List.of("/opt/ff/ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error", "-nostats",
                "-progress", "pipe:1", "-i", "/in/film.mov", "-filter_complex");
    }

    private static List<String> hls(String varStreamMap) {
        return List.of("-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", "4", "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments", "-var_stream_map", varStreamMap, "-master_pl_name", "master.m3u8",
                "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", "/out/.film.tmp-1/%v/seg_%05d.m4s",
                "/out/.film.tmp-1/%v/index.m3u8");
    }

    @Test
    void build_twoRungsWithAudio_oneDecodeSplitAlignedKeyframesStereoAac() {
        List<String> expected = new ArrayList<>(head());
        expected.addAll(List.of(
                "[0:v:0]split=2[s0][s1];[s0]scale=1280:720,setsar=1,format=yuv420p[v0];"
                        + "[s1]scale=640:360,setsar=1,format=yuv420p[v1]",
                "-map", "[v0]", "-map", "[v1]", "-map", "0:a:0",
                "-c:v", "libx264", "-preset", "veryfast",
                "-profile:v:0", "high", "-level:v:0", "3.1", "-b:v:0", "3500000", "-maxrate:v:0", "3745000",
                "-bufsize:v:0", "7000000",
                "-profile:v:1", "high", "-level:v:1", "3.0", "-b:v:1", "900000", "-maxrate:v:1", "963000",
                "-bufsize:v:1", "1800000",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0", "-g", "50", "-keyint_min", "50",
                "-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a", "128k"));
        expected.addAll(hls("v:0,agroup:aud,name:v720 v:1,agroup:aud,name:v360 a:0,agroup:aud,name:a0"));

        assertThat(EncodeCommandBuilder.build(FFMPEG, SRC, info("25/1", "progressive", true), new Ladder(List.of(R720, R360)),
                OPTIONS, OUT)).isEqualTo(expected);
    }

    @Test
    void build_interlacedNtscWithoutAudio_deinterlacesAndHasNoAudioGroup() {
        List<String> expected = new ArrayList<>(head());
        expected.addAll(List.of(
                "[0:v:0]bwdif=mode=send_frame,split=1[s0];[s0]scale=640:360,setsar=1,format=yuv420p[v0]",
                "-map", "[v0]",
                "-c:v", "libx264", "-preset", "veryfast",
                "-profile:v:0", "high", "-level:v:0", "3.0", "-b:v:0", "900000", "-maxrate:v:0", "963000",
                "-bufsize:v:0", "1800000",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0", "-g", "60", "-keyint_min", "60"));
        expected.addAll(hls("v:0,name:v360"));

        assertThat(EncodeCommandBuilder.build(FFMPEG, SRC, info("30000/1001", "tt", false), new Ladder(List.of(R360)),
                OPTIONS, OUT)).isEqualTo(expected);
    }
}
