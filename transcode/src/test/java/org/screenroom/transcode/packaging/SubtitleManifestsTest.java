package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Adding subtitles to a published package gives what a fresh package with them would have. */
class SubtitleManifestsTest {
    private static final Rendition V360 = new Rendition("v360", true, "avc1.64001e", 640, 360, 25, 0, 0,
            "und", "", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 400_000,
            List.of(new Segment.IFrame(76, 40_000, 4.0))),
            new Segment("seg_00001.m4s", 2.0, 50_000,
            List.of(new Segment.IFrame(76, 20_000, 2.0)))));
    private static final Rendition V240 = new Rendition("v240", true, "avc1.64001e", 426, 240, 25, 0, 0,
            "und", "", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 200_000,
            List.of(new Segment.IFrame(76, 20_000, 4.0))),
            new Segment("seg_00001.m4s", 2.0, 30_000,
            List.of(new Segment.IFrame(76, 10_000, 2.0)))));
    private static final Rendition STEREO = new Rendition("a0", false, "mp4a.40.2", 0, 0, 0, 2, 48000, "eng",
            "English", "init.mp4", List.of(new Segment("seg_00000.m4s", 4.0, 64_000),
            new Segment("seg_00001.m4s", 2.0, 32_000)));
    private static final TextTrack EN = new TextTrack("en", "English");
    private static final TextTrack FR = new TextTrack("fr", "Français \"SDH\"");
    private static final PackageDescription BARE = new PackageDescription(List.of(V360, V240), List.of(STEREO), List.of());
    private static final PackageDescription SILENT = new PackageDescription(List.of(V360), List.of(), List.of());

    @Test
    void hls_addTracks_equalsAFreshMasterWithThem() {
        String before = HlsMasterWriter.write(BARE);
        assertThat(SubtitleManifests.hls(before, List.of(EN, FR)))
                .isEqualTo(HlsMasterWriter.write(BARE.withSubtitles(List.of(EN, FR))));
    }

    @Test
    void hls_replaceAndRemove_leaveNoStaleEntries() {
        String withBoth = HlsMasterWriter.write(BARE.withSubtitles(List.of(EN, FR)));
        assertThat(SubtitleManifests.hls(withBoth, List.of(FR)))
                .isEqualTo(HlsMasterWriter.write(BARE.withSubtitles(List.of(FR))));
        assertThat(SubtitleManifests.hls(withBoth, List.of())).isEqualTo(HlsMasterWriter.write(BARE));
    }

    @Test
    void hls_withoutAudio_equalsAFreshMaster() {
        assertThat(SubtitleManifests.hls(HlsMasterWriter.write(SILENT), List.of(EN)))
                .isEqualTo(HlsMasterWriter.write(SILENT.withSubtitles(List.of(EN))));
    }

    @Test
    void dash_addReplaceRemove_equalsAFreshManifest() {
        String bare = DashManifestWriter.write(BARE);
        String both = DashManifestWriter.write(BARE.withSubtitles(List.of(EN, FR)));
        assertThat(SubtitleManifests.dash(bare, List.of(EN, FR))).isEqualTo(both);
        assertThat(SubtitleManifests.dash(both, List.of(FR)))
                .isEqualTo(DashManifestWriter.write(BARE.withSubtitles(List.of(FR))));
        assertThat(SubtitleManifests.dash(both, List.of())).isEqualTo(bare);
        assertThat(SubtitleManifests.dash(DashManifestWriter.write(SILENT), List.of(EN)))
                .isEqualTo(DashManifestWriter.write(SILENT.withSubtitles(List.of(EN))));
    }

    @Test
    void seconds_readsThePresentationDuration() {
        assertThat(SubtitleManifests.seconds(DashManifestWriter.write(BARE))).isEqualTo(6.0);
    }

    @ParameterizedTest
    @CsvSource({"'#EXTM3U\n#EXT-X-VERSION:7\n', hls", "'<MPD></MPD>', dash", "'<MPD/>', seconds"})
    void malformed_isRefused(String text, String which) {
        assertThatThrownBy(() -> {
            switch (which) {
                case "hls" -> SubtitleManifests.hls(text, List.of(EN));
                case "dash" -> SubtitleManifests.dash(text, List.of(EN));
                default -> SubtitleManifests.seconds(text);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"fr, French", "pt-br, Portuguese", "en, English"})
    void defaultLabel_namesTheLanguage(String tag, String label) {
        assertThat(SubtitleManifests.defaultLabel(tag)).isEqualTo(label);
    }
}
