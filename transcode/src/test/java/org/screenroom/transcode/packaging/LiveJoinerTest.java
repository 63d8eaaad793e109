package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining while ffmpeg writes, on a recorded ffmpeg CMAF part copied in as ffmpeg would write it. */
class LiveJoinerTest {
    private static final String PATTERN = "part_%05d.m4s";
    @TempDir
    Path dir;

    private static byte[] part() throws Exception {
        try (var in = LiveJoinerTest.class.getResourceAsStream("/packaging/cmaf_96x54_seg0.m4s")) {
            return in.readAllBytes();
        }
    }

    private void write(String rendition, int... parts) throws Exception {
        Path renditionDir = Files.createDirectories(dir.resolve(rendition));
        for (int p : parts) {
            Files.write(renditionDir.resolve(String.format(PATTERN, p)), part());
        }
    }

    @Test
    void finish_joinsOnlyGroupsWhoseNextPartHasAppeared() throws Exception {
        record Row(List<Integer> written, int perSegment, int joined) {
        }
        for (Row row : List.of(new Row(List.of(), 2, 0), new Row(List.of(0, 1), 2, 0), new Row(List.of(0, 1, 2), 2, 1),
                new Row(List.of(0, 1, 2, 3, 4), 2, 2), new Row(List.of(0, 1, 2), 1, 2),
                new Row(List.of(0, 1, 2, 3), 3, 1))) {
            String id = "v" + row.written().size() + "x" + row.perSegment();
            write(id, row.written().stream().mapToInt(Integer::intValue).toArray());
            try (LiveJoiner joiner = new LiveJoiner(dir, List.of(id), List.of(true), row.perSegment(), PATTERN)) {
                joiner.nudge();

                assertThat(joiner.finish().get(id)).as(row.toString()).hasSize(row.joined());
            }
        }
    }

    @Test
    void nudgesDuringTheEncode_thenTheRestFromThePlaylist_sameSegmentsAsJoiningAfterwards() throws Exception {
        byte[] part = part();
        long fragment = part.length - 76;
        List<Segment> playlist = List.of(new Segment("part_00000.m4s", 2.0, 0), new Segment("part_00001.m4s", 2.0, 0),
                new Segment("part_00002.m4s", 2.0, 0), new Segment("part_00003.m4s", 2.0, 0),
                new Segment("part_00004.m4s", 1.0, 0));
        Map<String, List<SegmentJoiner.Joined>> early;
        try (LiveJoiner joiner = new LiveJoiner(dir, List.of("v360", "a0"), List.of(true, false), 2, PATTERN)) {
            write("v360", 0, 1);
            write("a0", 0, 1, 2);
            joiner.nudge();
            write("v360", 2, 3, 4);
            joiner.nudge();
            early = joiner.finish();
        }
        write("a0", 3, 4); // written after the last nudge: left to the join after the encode
        assertThat(early.get("v360")).extracting(SegmentJoiner.Joined::file).containsExactly("seg_00000.m4s",
                "seg_00001.m4s");
        assertThat(early.get("a0")).extracting(SegmentJoiner.Joined::file).containsExactly("seg_00000.m4s");

        List<Segment> video = SegmentJoiner.joinFiles(dir.resolve("v360"), playlist, 2, true, early.get("v360"));
        List<Segment> audio = SegmentJoiner.joinFiles(dir.resolve("a0"), playlist, 2, false, early.get("a0"));

        Path afterwards = Files.createDirectories(dir.resolve("afterwards"));
        for (Segment p : playlist) {
            Files.write(afterwards.resolve(p.file()), part);
        }
        assertThat(video).isEqualTo(SegmentJoiner.joinFiles(afterwards, playlist, 2, true));
        assertThat(video.get(0).iframes()).hasSize(2);
        assertThat(video.get(0).bytes()).isEqualTo(24 + 2 * fragment);
        assertThat(audio).extracting(Segment::file).containsExactly("seg_00000.m4s", "seg_00001.m4s", "seg_00002.m4s");
        assertThat(audio).extracting(Segment::seconds).containsExactly(4.0, 4.0, 1.0);
        for (String rendition : List.of("v360", "a0")) {
            try (var files = Files.list(dir.resolve(rendition))) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).as(rendition)
                        .containsExactly("seg_00000.m4s", "seg_00001.m4s", "seg_00002.m4s");
            }
        }
    }

    @Test
    void joinFiles_playlistListsOtherPartsThanJoined_refused() throws Exception {
        write("v360", 0, 1, 2);
        Map<String, List<SegmentJoiner.Joined>> early;
        try (LiveJoiner joiner = new LiveJoiner(dir, List.of("v360"), List.of(true), 2, PATTERN)) {
            joiner.nudge();
            early = joiner.finish();
        }
        List<Segment> playlist = List.of(new Segment("part_00001.m4s", 2.0, 0), new Segment("part_00002.m4s", 2.0, 0));

        assertThatThrownBy(() -> SegmentJoiner.joinFiles(dir.resolve("v360"), playlist, 2, true, early.get("v360")))
                .isInstanceOf(IOException.class).hasMessageContaining("joined while encoding");
    }

    @Test
    void finish_unreadablePart_reportsTheFailure() throws Exception {
        write("v360", 2);
        Files.createDirectories(dir.resolve("v360").resolve("part_00000.m4s")); // a directory: cannot be read

        try (LiveJoiner joiner = new LiveJoiner(dir, List.of("v360"), List.of(true), 2, PATTERN)) {
            joiner.nudge();

            assertThatThrownBy(joiner::finish).isInstanceOf(IOException.class);
        }
    }
}
