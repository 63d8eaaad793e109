package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key frame ranges from a recorded ffmpeg CMAF segment, and the media, I-frame, subtitle and master texts. */
class PlaylistsAndFragmentsTest {
    private static final Rendition V360 = new Rendition("v360", true, "avc1.64001e", 640, 360, 24000.0 / 1001, 0, 0,
            "und", "", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.004, 400_000,
                    List.of(new Segment.IFrame(24, 40_000, 2.002), new Segment.IFrame(250_000, 36_000, 2.002))),
            new Segment("seg_00001.m4s", 1.001, 50_000, List.of(new Segment.IFrame(24, 20_000, 1.001)))));
    private static final Rendition STEREO = new Rendition("a0", false, "mp4a.40.2", 0, 0, 0, 2, 48000, "eng",
            "English", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.010667, 64_000),
            new Segment("seg_00001.m4s", 1.002667, 16_000)));
    private static final Rendition SURROUND = new Rendition("a0_51", false, "mp4a.40.2", 0, 0, 0, 6, 48000, "eng",
            "English (5.1)", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.010667, 192_000),
            new Segment("seg_00001.m4s", 1.002667, 48_000)));

    private static byte[] segment() throws Exception {
        try (var in = PlaylistsAndFragmentsTest.class.getResourceAsStream("/packaging/cmaf_96x54_seg0.m4s")) {
            return in.readAllBytes();
        }
    }

    @Test
    void firstKeyFrame_recordedSegment_spansMoofThroughFirstSample() throws Exception {
        // styp(24) sidx(52) moof@76(1300) mdat@1376: data starts at 76+1308, first sample 1821 bytes.
        assertThat(Fmp4Fragments.firstKeyFrame(segment()))
                .contains(new Fmp4Fragments.KeyFrameRange(76, 1308 + 1821));
    }

    @Test
    void firstKeyFrame_headCutInsideMoof_isEmpty() throws Exception {
        assertThat(Fmp4Fragments.firstKeyFrame(Arrays.copyOf(segment(), 1000))).isEmpty();
    }

    @Test
    void firstKeyFrame_firstSampleNotSync_isEmpty() throws Exception {
        byte[] bytes = segment();
        // trun@156: header 8, flags 4, count 4, data_offset 4, then sample 0: size 4, flags 4 (byte 181 holds 0x01 of 0x00010000).
        bytes[156 + 8 + 4 + 4 + 4 + 4 + 1] |= 0x01;
        assertThat(Fmp4Fragments.firstKeyFrame(bytes)).isEmpty();
    }

    @Test
    void firstKeyFrame_notMp4_isEmpty() {
        assertThat(Fmp4Fragments.firstKeyFrame("#EXTM3U\n".getBytes())).isEmpty();
        assertThat(Fmp4Fragments.firstKeyFrame(new byte[0])).isEmpty();
    }

    @Test
    void media_audio_hasIndependentSegmentsAndRoundedTargetDuration() {
        assertThat(MediaPlaylistWriter.media(STEREO)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.010667,\nseg_00000.m4s\n#EXTINF:1.002667,\nseg_00001.m4s\n"
                + "#EXT-X-ENDLIST\n");
    }

    @Test
    void iframes_video_byteRangePerKeyFrameLastingToTheNext() {
        assertThat(MediaPlaylistWriter.iframes(V360)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-I-FRAMES-ONLY\n#EXT-X-MAP:URI=\"init.mp4\"\n"
                + "#EXTINF:2.002000,\n#EXT-X-BYTERANGE:40000@24\nseg_00000.m4s\n"
                + "#EXTINF:2.002000,\n#EXT-X-BYTERANGE:36000@250000\nseg_00000.m4s\n"
                + "#EXTINF:1.001000,\n#EXT-X-BYTERANGE:20000@24\nseg_00001.m4s\n#EXT-X-ENDLIST\n");
    }

    @Test
    void iframes_segmentWithoutKeyFrames_isRefused() {
        Rendition unmeasured = V360.withMedia("init.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 400_000)));

        assertThatThrownBy(() -> MediaPlaylistWriter.iframes(unmeasured)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subtitles_oneSegmentForTheWholeFilm() {
        assertThat(MediaPlaylistWriter.subtitles(new TextTrack("pt-br", "Português"), 5.005))
                .isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:5\n#EXT-X-MEDIA-SEQUENCE:0\n"
                        + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:5.005000,\npt-br.vtt\n#EXT-X-ENDLIST\n");
    }

    @Test
    void master_surroundAndSubtitles_bandwidthCoversLargestAudioAndGroupsAreReferenced() {
        PackageDescription pkg = new PackageDescription(List.of(V360), List.of(STEREO, SURROUND),
                List.of(new TextTrack("en", "English"), new TextTrack("fr", "Français \"SDH\"")));

        assertThat(HlsMasterWriter.write(pkg)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",LANGUAGE=\"eng\",DEFAULT=YES,AUTOSELECT=YES,"
                + "CHANNELS=\"2\",URI=\"a0/index.m3u8\"\n"
                + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English (5.1)\",LANGUAGE=\"eng\",DEFAULT=NO,"
                + "AUTOSELECT=YES,CHANNELS=\"6\",URI=\"a0_51/index.m3u8\"\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=NO,"
                + "AUTOSELECT=YES,URI=\"subs/en.m3u8\"\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Français 'SDH'\",LANGUAGE=\"fr\",DEFAULT=NO,"
                + "AUTOSELECT=YES,URI=\"subs/fr.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1182180,AVERAGE-BANDWIDTH=1102260,CODECS=\"avc1.64001e,mp4a.40.2\","
                + "RESOLUTION=640x360,FRAME-RATE=23.976,AUDIO=\"aud\",SUBTITLES=\"subs\"\nv360/index.m3u8\n"
                + "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=159840,AVERAGE-BANDWIDTH=153447,CODECS=\"avc1.64001e\","
                + "RESOLUTION=640x360,URI=\"v360/iframes.m3u8\"\n");
    }

    @Test
    void master_unknownFrameRate_omitsFrameRate() {
        Rendition unknown = new Rendition("v360", true, "avc1.64001e", 640, 360, 0, 0, 0, "und", "", "init.mp4",
                List.of(new Segment("seg_00000.m4s", 4.0, 400_000)));

        String master = HlsMasterWriter.write(new PackageDescription(List.of(unknown), List.of(), List.of()));

        assertThat(master).doesNotContain("FRAME-RATE").doesNotContain("I-FRAME");
        assertThat(DashManifestWriter.write(new PackageDescription(List.of(unknown), List.of(), List.of())))
                .doesNotContain("frameRate");
    }

    @Test
    void dash_surroundAndSubtitles_oneAdaptationSetEachWithLangAndTextTrack() {
        String mpd = DashManifestWriter.write(new PackageDescription(List.of(V360), List.of(STEREO, SURROUND),
                List.of(new TextTrack("en", "English"))));

        assertThat(mpd).contains("frameRate=\"24000/1001\"")
                .contains("<AdaptationSet id=\"2\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"eng\"")
                .contains("<Label>English (5.1)</Label>")
                .contains("audio_channel_configuration:2011\" value=\"6\"/>")
                .contains("    <AdaptationSet id=\"3\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"en\">\n"
                        + "      <Label>English</Label>\n"
                        + "      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>\n"
                        + "      <Representation id=\"sub_en\" bandwidth=\"256\">\n"
                        + "        <BaseURL>subs/en.vtt</BaseURL>\n"
                        + "      </Representation>\n    </AdaptationSet>\n");
    }

    @Test
    void peak_isVideoPeakPlusMostDemandingAudio() {
        PackageDescription pkg = new PackageDescription(List.of(V360), List.of(STEREO, SURROUND), List.of());

        assertThat(pkg.audioPeakBandwidth()).isEqualTo(SURROUND.peakBandwidth()).isEqualTo(382_979);
        assertThat(V360.peakBandwidth()).isEqualTo(799_201);
        assertThat(pkg.seconds()).isCloseTo(5.013334, org.assertj.core.data.Offset.offset(1e-9));
    }
}
