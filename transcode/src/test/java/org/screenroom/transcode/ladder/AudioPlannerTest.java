package org.screenroom.transcode.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.screenroom.transcode.probe.AudioStream;
import org.screenroom.transcode.probe.MediaInfo;

class AudioPlannerTest {
    private static MediaInfo with(AudioStream... streams) {
        return new MediaInfo("mov", Duration.ofSeconds(1), 1, 1, List.of(), List.of(streams), List.of());
    }

    @Test
    void plan_surroundEnglishAndStereoFrench_stereoForEachPlus51() {
        List<AudioTrack> tracks = AudioPlanner.plan(with(new AudioStream(1, "pcm_s24le", 6, "5.1(side)", 48000, "eng"),
                new AudioStream(2, "aac", 2, "stereo", 44100, "FRA")));

        assertThat(tracks).containsExactly(
                new AudioTrack("a0", 0, 2, 128_000, "eng", "English"),
                new AudioTrack("a0_51", 0, 6, 384_000, "eng", "English (5.1)"),
                new AudioTrack("a1", 1, 2, 128_000, "fra", "French"));
    }

    @Test
    void plan_twoUntaggedAndTwoEnglish_namesStayDistinct() {
        assertThat(AudioPlanner.plan(with(new AudioStream(1, "aac", 2, "", 48000, "und"),
                new AudioStream(2, "aac", 1, "mono", 48000, "und"), new AudioStream(3, "aac", 2, "", 48000, "eng"),
                new AudioStream(4, "aac", 2, "", 48000, "eng"))))
                .extracting(AudioTrack::name).containsExactly("Audio 1", "Audio 2", "English", "English 4");
    }

    @Test
    void plan_noAudio_isEmpty() {
        assertThat(AudioPlanner.plan(with())).isEmpty();
    }
}
