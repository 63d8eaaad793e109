package org.screenroom.transcode.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.screenroom.transcode.stills.Stills;
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
    private static final Rung R720 = new Rung("v720", 1280, 720, 3_500_000, 3_745_000, 7_000_000, "high", "3.1",
            new Rational(25, 1));
    private static final Rung R360 = new Rung("v360", 640, 360, 900_000, 963_000, 1_800_000, "high", "3.0",
            new Rational(25, 1));

    private static final Rung NTSC360 = new Rung("v360", 640, 360, 900_000, 963_000, 1_800_000, "high", "3.0",
            new Rational(30000, 1001));

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
        return List.of("-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", "2", "-hls_playlist_type", "vod",
                "-hls_flags", "independent_segments", "-var_stream_map", varStreamMap, "-master_pl_name", "master.m3u8",
                "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", "/out/.film.tmp-1/%v/part_%05d.m4s",
                "/out/.film.tmp-1/%v/index.m3u8");
    }

    @Test
    void build_twoRungsWith51Audio_oneDecodeSplitAlignedKeyframesStereoDownmixAndSurround() {
        List<String> expected = new ArrayList<>(head());
        expected.addAll(List.of(
                "[0:v:0]fps=25/1,scale=1280:720:in_h_chr_pos=0:in_v_chr_pos=128:out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p,split=2[v0][c0];"
                        + "[c0]zscale=w=640:h=360:filter=bicubic:param_a=0:param_b=0.6:cin=left:c=left,setsar=1,format=yuv420p[v1]",
                "-map", "[v0]", "-map", "[v1]", "-map", "0:a:0", "-map", "0:a:0",
                "-c:v", "libx264", "-preset", "veryfast", "-fps_mode:v", "cfr",
                "-profile:v:0", "high", "-level:v:0", "3.1", "-b:v:0", "3500000", "-maxrate:v:0", "3745000",
                "-bufsize:v:0", "7000000", "-g:v:0", "50", "-keyint_min:v:0", "50",
                "-profile:v:1", "high", "-level:v:1", "3.0", "-b:v:1", "900000", "-maxrate:v:1", "963000",
                "-bufsize:v:1", "1800000", "-g:v:1", "50", "-keyint_min:v:1", "50",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0",
                "-c:a", "aac", "-ar", "48000",
                "-ac:a:0", "2", "-b:a:0", "128000", "-metadata:s:a:0", "language=eng",
                "-ac:a:1", "6", "-b:a:1", "384000", "-metadata:s:a:1", "language=eng"));
        expected.addAll(hls("v:0,agroup:aud,name:v720 v:1,agroup:aud,name:v360 a:0,agroup:aud,name:a0 "
                + "a:1,agroup:aud,name:a0_51"));

        assertThat(EncodeCommandBuilder.build(FFMPEG, SRC, info("25/1", "progressive", true), new Ladder(List.of(R720, R360)),
                OPTIONS, OUT)).isEqualTo(expected);
    }

    @Test
    void build_interlacedNtscWithoutAudio_deinterlacesAndHasNoAudioGroup() {
        List<String> expected = new ArrayList<>(head());
        expected.addAll(List.of(
                "[0:v:0]bwdif=mode=send_frame,fps=30000/1001,scale=640:360:in_h_chr_pos=0:in_v_chr_pos=128:out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p[v0]",
                "-map", "[v0]",
                "-c:v", "libx264", "-preset", "veryfast", "-fps_mode:v", "cfr",
                "-profile:v:0", "high", "-level:v:0", "3.0", "-b:v:0", "900000", "-maxrate:v:0", "963000",
                "-bufsize:v:0", "1800000", "-g:v:0", "60", "-keyint_min:v:0", "60",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0"));
        expected.addAll(hls("v:0,name:v360"));

        assertThat(EncodeCommandBuilder.build(FFMPEG, SRC, info("30000/1001", "tt", false), new Ladder(List.of(NTSC360)),
                OPTIONS, OUT)).isEqualTo(expected);
    }

    @Test
    void filterGraph_pqHdr10_toneMapsOnceBeforeSplitWithHable() {
        VideoStream hdr = new VideoStream(0, "hevc", 1280, 720, Rational.ONE, Rational.UNKNOWN, 0, new Rational(25, 1),
                new Rational(25, 1), "yuv420p10le", 10, "progressive", "smpte2084", "bt2020", "bt2020nc");

        assertThat(EncodeCommandBuilder.filterGraph(hdr, new Ladder(List.of(R360)), Optional.empty())).isEqualTo(
                "[0:v:0]zscale=tin=smpte2084:pin=bt2020:min=bt2020nc:t=linear:npl=100:p=bt709,format=gbrpf32le,"
                        + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,"
                        + "fps=25/1,scale=640:360:out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p[v0]");
    }

    @Test
    void build_hdrSource_tagsOutputBt709() {
        VideoStream hdr = new VideoStream(0, "hevc", 1280, 720, Rational.ONE, Rational.UNKNOWN, 0, new Rational(25, 1),
                new Rational(25, 1), "yuv420p10le", 10, "progressive", "arib-std-b67", "", "");
        MediaInfo info = new MediaInfo("mov", Duration.ofSeconds(10), 1, 1, List.of(hdr), List.of(), List.of());

        List<String> argv = EncodeCommandBuilder.build(FFMPEG, SRC, info, new Ladder(List.of(R360)), OPTIONS, OUT);

        assertThat(String.join(" ", argv)).contains("zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:")
                .contains("-color_primaries bt709 -color_trc bt709 -colorspace bt709");
    }

    @Test
    void build_withStills_posterAndSpriteFromTheSameDecode() {
        Stills stills = Stills.plan(Duration.ofSeconds(30), 640, 360);

        List<String> argv = EncodeCommandBuilder.build(FFMPEG, SRC, info("25/1", "progressive", false),
                new Ladder(List.of(R360)), List.of(), Optional.of(stills), OPTIONS, OUT);

        assertThat(argv.get(12)).isEqualTo("[0:v:0]fps=25/1,scale=640:360:in_h_chr_pos=0:in_v_chr_pos=128:out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p,split=3[v0][p][t];"
                + "[p]select='isnan(prev_selected_t)*gte(t,3.000)',scale=640:360,setsar=1[poster];"
                + "[t]fps=1/1,scale=160:90,setsar=1,tile=10x3[sprite]");
        assertThat(argv.subList(argv.size() - 22, argv.size())).containsExactly(
                "-map", "[poster]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-update", "1",
                "/out/.film.tmp-1/poster/poster.jpg",
                "-map", "[sprite]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "5", "-update", "1",
                "/out/.film.tmp-1/storyboard/sprite.jpg");
    }

    @Test
    void filterGraph_threeRungs50fpsWithStills_cascadesHalvesTheRateBelow720AndTapsStillsAtTheEnds() {
        Rational fifty = new Rational(50, 1);
        Rung r1080 = new Rung("v1080", 1920, 1080, 6_000_000, 6_420_000, 12_000_000, "high", "4.2", fifty);
        Rung r720 = new Rung("v720", 1280, 720, 3_500_000, 3_745_000, 7_000_000, "high", "3.2", fifty);
        Rung r480 = new Rung("v480", 854, 480, 1_800_000, 1_926_000, 3_600_000, "high", "3.0", new Rational(25, 1));
        VideoStream v = new VideoStream(0, "prores", 1920, 1080, Rational.ONE, Rational.UNKNOWN, 0, fifty, fifty,
                "yuv422p10le", 10, "progressive", "", "", "");

        assertThat(EncodeCommandBuilder.filterGraph(v, new Ladder(List.of(r1080, r720, r480)),
                Optional.of(Stills.plan(Duration.ofSeconds(30), 1920, 1080)))).isEqualTo(
                "[0:v:0]fps=50/1,scale=1920:1080:in_h_chr_pos=0:out_h_chr_pos=0:out_v_chr_pos=128,setsar=1,format=yuv420p,split=3[v0][c0][p];"
                        + "[c0]zscale=w=1280:h=720:filter=bicubic:param_a=0:param_b=0.6:cin=left:c=left,setsar=1,format=yuv420p,split=2[v1][c1];"
                        + "[c1]fps=25/1,zscale=w=854:h=480:filter=bicubic:param_a=0:param_b=0.6:cin=left:c=left,setsar=1,format=yuv420p,split=2[v2][t];"
                        + "[p]select='isnan(prev_selected_t)*gte(t,3.000)',scale=1280:720,setsar=1[poster];"
                        + "[t]fps=1/1,scale=160:90,setsar=1,tile=10x3[sprite]");
    }

    @Test
    void encoderThreads_shareOfTheProcessorsByPixelRate() {
        Rational fps = new Rational(25, 1);
        List<Rung> ladder = List.of(new Rung("v1080", 1920, 1080, 1, 1, 1, "high", "4.0", fps),
                new Rung("v720", 1280, 720, 1, 1, 1, "high", "3.1", fps),
                new Rung("v480", 854, 480, 1, 1, 1, "high", "3.0", fps),
                new Rung("v360", 640, 360, 1, 1, 1, "high", "3.0", fps));
        record Row(int cpus, List<Integer> threads) {
        }
        for (Row row : List.of(new Row(0, List.of()), new Row(1, List.of(1, 1, 1, 1)), new Row(2, List.of(2, 1, 1, 1)),
                new Row(4, List.of(3, 2, 1, 1)), new Row(8, List.of(5, 3, 1, 1)), new Row(16, List.of(10, 5, 2, 2)))) {
            assertThat(EncodeCommandBuilder.encoderThreads(ladder, row.cpus())).as("cpus " + row.cpus())
                    .isEqualTo(row.threads());
        }
    }

    @Test
    void build_eightProcessors_threadsPerRungAfterTheRungOptions() {
        List<String> argv = EncodeCommandBuilder.build(FFMPEG, SRC, info("25/1", "progressive", false),
                new Ladder(List.of(R720, R360)), new EncodeOptions("veryfast", 4, 2, 8), OUT);

        int from = argv.indexOf("-keyint_min:v:1") + 2;
        assertThat(argv.subList(from, from + 6)).containsExactly("-threads:v:0", "7", "-threads:v:1", "2",
                "-force_key_frames", "expr:gte(t,n_forced*2)");
    }
}
