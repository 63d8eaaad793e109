package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Box listing, per-fragment key frames and joining ffmpeg's parts, on a recorded ffmpeg CMAF part. */
class SegmentJoinerTest {
    /** styp(24) sidx(52) moof@76(1300) mdat@1376; the first sample runs 1308 + 1821 bytes past the moof. */
    private static final long KEY_FRAME = 1308 + 1821;

    @TempDir
    Path dir;

    private static byte[] part() throws Exception {
        try (var in = SegmentJoinerTest.class.getResourceAsStream("/packaging/cmaf_96x54_seg0.m4s")) {
            return in.readAllBytes();
        }
    }

    @Test
    void boxes_recordedPart_stypSidxMoofMdat() throws Exception {
        byte[] part = part();

        assertThat(Fmp4Fragments.boxes(part)).containsExactly(new Fmp4Fragments.Box("styp", 0, 24),
                new Fmp4Fragments.Box("sidx", 24, 52), new Fmp4Fragments.Box("moof", 76, 1300),
                new Fmp4Fragments.Box("mdat", 1376, part.length - 1376));
    }

    @Test
    void boxes_cutShort_listsOnlyTheWholeOnes() throws Exception {
        assertThat(Fmp4Fragments.boxes(java.util.Arrays.copyOf(part(), 1000))).extracting(Fmp4Fragments.Box::type)
                .containsExactly("styp", "sidx");
    }

    @Test
    void groups_table() {
        record Row(List<Integer> parts, int per, List<List<Integer>> groups) {
        }
        for (Row row : List.of(new Row(List.of(), 2, List.of()),
                new Row(List.of(0), 2, List.of(List.of(0))),
                new Row(List.of(0, 1, 2, 3), 2, List.of(List.of(0, 1), List.of(2, 3))),
                new Row(List.of(0, 1, 2, 3, 4), 2, List.of(List.of(0, 1), List.of(2, 3), List.of(4))),
                new Row(List.of(0, 1, 2), 1, List.of(List.of(0), List.of(1), List.of(2))),
                new Row(List.of(0, 1, 2, 3), 3, List.of(List.of(0, 1, 2), List.of(3))))) {
            assertThat(SegmentJoiner.groups(row.parts(), row.per())).as(row.toString()).isEqualTo(row.groups());
        }
        assertThatThrownBy(() -> SegmentJoiner.groups(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void join_twoParts_oneStypNoSidxAndAKeyFrameRangePerFragment() throws Exception {
        byte[] part = part();
        long fragment = part.length - 76; // moof + mdat

        byte[] joined = SegmentJoiner.join(List.of(part, part));

        assertThat(Fmp4Fragments.boxes(joined)).extracting(Fmp4Fragments.Box::type)
                .containsExactly("styp", "moof", "mdat", "moof", "mdat");
        assertThat(joined.length).isEqualTo(24 + 2 * fragment);
        assertThat(Fmp4Fragments.keyFrames(joined)).containsExactly(new Fmp4Fragments.KeyFrameRange(24, KEY_FRAME),
                new Fmp4Fragments.KeyFrameRange(24 + fragment, KEY_FRAME));
    }

    @Test
    void iframes_fragmentWithoutKeyFrame_givesNone() throws Exception {
        byte[] other = part();
        other[156 + 8 + 4 + 4 + 4 + 4 + 1] |= 0x01; // first sample flagged non-sync, as in PlaylistsAndFragmentsTest
        byte[] joined = SegmentJoiner.join(List.of(part(), other));
        List<Segment> parts = List.of(new Segment("part_00000.m4s", 2.0, 0), new Segment("part_00001.m4s", 2.0, 0));

        assertThat(SegmentJoiner.iframes(joined, parts)).isEmpty();
        assertThat(SegmentJoiner.iframes(SegmentJoiner.join(List.of(part(), part())), parts)).hasSize(2);
    }

    @Test
    void joinFiles_threePartsByTwo_writesSegmentsDeletesPartsAndTimesEachKeyFrame() throws Exception {
        byte[] part = part();
        long fragment = part.length - 76;
        List<Segment> parts = List.of(new Segment("part_00000.m4s", 2.002, 0), new Segment("part_00001.m4s", 2.002, 0),
                new Segment("part_00002.m4s", 1.001, 0));
        for (Segment p : parts) {
            Files.write(dir.resolve(p.file()), part);
        }

        List<Segment> segments = SegmentJoiner.joinFiles(dir, parts, 2, true);

        assertThat(segments).containsExactly(
                new Segment("seg_00000.m4s", 4.004, 24 + 2 * fragment, List.of(new Segment.IFrame(24, KEY_FRAME, 2.002),
                        new Segment.IFrame(24 + fragment, KEY_FRAME, 2.002))),
                new Segment("seg_00001.m4s", 1.001, 24 + fragment, List.of(new Segment.IFrame(24, KEY_FRAME, 1.001))));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("seg_00000.m4s", "seg_00001.m4s");
        }
        assertThat(Files.size(dir.resolve("seg_00001.m4s"))).isEqualTo(24 + fragment);
    }

    @Test
    void joinFiles_audio_noKeyFrames() throws Exception {
        Files.write(dir.resolve("part_00000.m4s"), part());

        assertThat(SegmentJoiner.joinFiles(dir, List.of(new Segment("part_00000.m4s", 2.0, 0)), 2, false))
                .extracting(Segment::iframes).containsExactly(List.of());
    }
}
