package org.screenroom.transcode.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What ffprobe knows about a source file.
 *
 * @param formatName  ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
 * @param duration    {@link Duration#ZERO} when ffprobe reports none
 * @param sizeBytes   0 when unknown
 * @param bitRate     bits per second, 0 when unknown
 * @param videoStreams real video streams; cover art (attached pictures) is left out
 */
public record MediaInfo(String formatName, Duration duration, long sizeBytes, long bitRate,
                        List<VideoStream> videoStreams, List<AudioStream> audioStreams,
                        List<SubtitleStream> subtitleStreams) {

    public MediaInfo {
        videoStreams = List.copyOf(videoStreams);
        audioStreams = List.copyOf(audioStreams);
        subtitleStreams = List.copyOf(subtitleStreams);
    }

    /** @return the stream that gets transcoded: the first video stream */
    public Optional<VideoStream> primaryVideo() {
        return videoStreams.stream().findFirst();
    }

    /** @return true when there is at least one audio stream */
    public boolean hasAudio() {
        return !audioStreams.isEmpty();
    }
}
