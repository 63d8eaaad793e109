package org.screenroom.transcode.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceCheckTest {
    @Test
    void rejection_goodClip_isEmpty() throws Exception {
        assertThat(SourceCheck.rejection("film.mp4", ProbeParserTest.fixture("clip_640x360_audio.json"))).isEmpty();
    }

    @Test
    void rejection_audioOnly_asksForTheVideoFile() throws Exception {
        assertThat(SourceCheck.rejection("score.m4a", ProbeParserTest.fixture("audio_only.json"))).contains(
                "\"score.m4a\" contains only sound, no picture. "
                        + "Upload the film's video file (for example an MP4, MOV or MKV export).");
    }

    @Test
    void rejection_zeroDuration_asksForReexport() throws Exception {
        MediaInfo good = ProbeParserTest.fixture("clip_640x360_audio.json");
        MediaInfo noDuration = new MediaInfo(good.formatName(), Duration.ZERO, 10, 0, good.videoStreams(),
                good.audioStreams(), List.of());

        assertThat(SourceCheck.rejection("f.mp4", noDuration)).contains("\"f.mp4\" has no playable length "
                + "(its duration is zero or missing). Export the film again and upload the new file.");
    }

    @Test
    void rejection_noStreamsAtAll_isNotMedia() {
        MediaInfo nothing = new MediaInfo("tty", Duration.ofSeconds(1), 10, 0, List.of(), List.of(), List.of());

        assertThat(SourceCheck.rejection("a.txt", nothing).orElseThrow()).contains("is not a video file");
    }

    /** Recorded ffprobe stderr for a head-truncated MP4, a text file and an empty file. */
    @Test
    void probeFailure_table() {
        assertThat(SourceCheck.probeFailure("cut.mp4", List.of(
                "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55f3dd92ff00] moov atom not found",
                "cut.mp4: Invalid data found when processing input")))
                .isEqualTo("\"cut.mp4\" is incomplete or damaged (its index or data is missing, which usually "
                        + "means the upload or the export was cut short). Export or upload the film again.");
        assertThat(SourceCheck.probeFailure("notes.txt", List.of("notes.txt: Invalid data found when processing input")))
                .isEqualTo("\"notes.txt\" is not a video file Screenroom can read. "
                        + "Upload a video file such as an MP4, MOV or MKV export of the film.");
        assertThat(SourceCheck.emptyFile("e.mp4"))
                .isEqualTo("\"e.mp4\" is empty (0 bytes); the upload probably failed. Upload the file again.");
    }

    /** Regression: a text file named .mov made ffprobe say "moov atom not found", read as "damaged". */
    @Test
    void probeFailure_textFileWithVideoExtension_isNamedAText() {
        byte[] text = "INT. CAFE - NIGHT\r\n\tCLEO enters.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] mp4Head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '};

        assertThat(SourceCheck.probeFailure("notes.mov", List.of("moov atom not found"), text))
                .isEqualTo("\"notes.mov\" is a text file, not a video. "
                        + "Upload a video file such as an MP4, MOV or MKV export of the film.");
        assertThat(SourceCheck.probeFailure("cut.mov", List.of("moov atom not found"), mp4Head))
                .contains("incomplete or damaged");
        assertThat(SourceCheck.looksLikeText(new byte[0])).isFalse();
        assertThat(SourceCheck.looksLikeText(new byte[] {'a', 0x7f})).isFalse();
    }
}
