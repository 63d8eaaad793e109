package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Playlist parsing (recorded ffmpeg output), codec strings and both manifest writers. */
class PackagingTest {
    private static String resource(String name) throws Exception {
        try (var in = PackagingTest.class.getResourceAsStream("/packaging/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Segment.IFrame iframe(long offset, long length, double seconds) {
        return new Segment.IFrame(offset, length, seconds);
    }

    private static final Rendition VIDEO = new Rendition("v360", true, "avc1.64001e", 640, 360, 25, 0, 0, "und",
            "", "init_0.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 400_000, List.of(iframe(24, 40_000, 2.0),
                    iframe(200_024, 30_000, 2.0))),
            new Segment("seg_00001.m4s", 4.0, 300_000, List.of(iframe(24, 30_000, 2.0), iframe(150_024, 20_000, 2.0))),
            new Segment("seg_00002.m4s", 1.0, 50_000, List.of(iframe(24, 20_000, 1.0)))));
    private static final Rendition AUDIO = new Rendition("a0", false, "mp4a.40.2", 0, 0, 0, 2, 48000, "eng",
            "English", "init_1.mp4", List.of(new Segment("seg_00000.m4s", 4.010667, 64_000), new Segment("seg_00001.m4s", 3.989333, 64_000),
            new Segment("seg_00002.m4s", 1.021333, 16_000)));

    @Test
    void parse_recordedVideoPlaylist_readsInitAndSegments() throws Exception {
        MediaPlaylist playlist = MediaPlaylistParser.parse(resource("video_3_segments.m3u8"));

        assertThat(playlist).isEqualTo(new MediaPlaylist("init_0.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 0),
                new Segment("seg_00001.m4s", 4.0, 0), new Segment("seg_00002.m4s", 1.0, 0))));
    }

    @Test
    void parse_recordedAudioPlaylist_keepsExactDurations() throws Exception {
        MediaPlaylist playlist = MediaPlaylistParser.parse(resource("audio_3_segments.m3u8"));

        assertThat(playlist.initFile()).isEqualTo("init_1.mp4");
        assertThat(playlist.segments()).extracting(Segment::seconds).containsExactly(4.010667, 3.989333, 1.021333);
    }

    @Test
    void parse_playlistWithoutMap_isRefused() {
        assertThatThrownBy(() -> MediaPlaylistParser.parse("#EXTM3U\n#EXTINF:4.0,\nseg.ts\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void avc1_table() {
        assertThat(CodecStrings.avc1("high", "3.0")).isEqualTo("avc1.64001e");
        assertThat(CodecStrings.avc1("high", "3.1")).isEqualTo("avc1.64001f");
        assertThat(CodecStrings.avc1("high", "4.0")).isEqualTo("avc1.640028");
        assertThat(CodecStrings.avc1("high", "5.2")).isEqualTo("avc1.640034");
        assertThat(CodecStrings.avc1("main", "3.1")).isEqualTo("avc1.4d401f");
    }

    @Test
    void bandwidth_peakIsWorstSegmentAverageIsTotal() {
        assertThat(VIDEO.peakBandwidth()).isEqualTo(800_000);
        assertThat(VIDEO.averageBandwidth()).isEqualTo(666_667);
    }

    @Test
    void hlsMaster_withAudio_exactText() {
        String master = HlsMasterWriter.write(new PackageDescription(List.of(VIDEO), List.of(AUDIO), List.of()));

        assertThat(master).isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",LANGUAGE=\"eng\",DEFAULT=YES,AUTOSELECT=YES,"
                + "CHANNELS=\"2\",URI=\"a0/index.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=928342,AVERAGE-BANDWIDTH=794364,CODECS=\"avc1.64001e,mp4a.40.2\","
                + "RESOLUTION=640x360,FRAME-RATE=25.000,AUDIO=\"aud\"\nv360/index.m3u8\n"
                + "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=160000,AVERAGE-BANDWIDTH=124444,CODECS=\"avc1.64001e\","
                + "RESOLUTION=640x360,URI=\"v360/iframes.m3u8\"\n");
    }

    @Test
    void hlsMaster_videoOnly_hasNoAudioReferences() {
        String master = HlsMasterWriter.write(new PackageDescription(List.of(VIDEO), List.of(), List.of()));

        assertThat(master).startsWith("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=800000,AVERAGE-BANDWIDTH=666667,CODECS=\"avc1.64001e\","
                + "RESOLUTION=640x360,FRAME-RATE=25.000\nv360/index.m3u8\n").doesNotContain("AUDIO");
    }

    @Test
    void dashTimeline_repeatsEqualDurationsAndNeverDrifts() {
        assertThat(DashManifestWriter.timeline(VIDEO.segments()))
                .containsExactly(new long[] {0, 4000, 1}, new long[] {8000, 1000, 0});
        assertThat(DashManifestWriter.timeline(AUDIO.segments()))
                .containsExactly(new long[] {0, 4011, 0}, new long[] {4011, 3989, 0}, new long[] {8000, 1021, 0});
    }

    @Test
    void dashManifest_exactText() throws Exception {
        String mpd = DashManifestWriter.write(new PackageDescription(List.of(VIDEO), List.of(AUDIO), List.of()));

        assertThat(mpd).isEqualTo(resource("expected_manifest.mpd"));
    }
}
