package org.screenroom.transcode.packaging;

import java.util.List;
import java.util.Optional;

/**
 * A finished package: video renditions highest first, and at most one audio rendition that
 * every video variant plays with.
 */
public record PackageDescription(List<Rendition> videos, Optional<Rendition> audio) {
    public PackageDescription {
        videos = List.copyOf(videos);
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("a package needs at least one video rendition");
        }
    }

    /** @return the presentation length: the longest rendition */
    public double seconds() {
        double longest = videos.stream().mapToDouble(Rendition::seconds).max().orElse(0);
        return Math.max(longest, audio.map(Rendition::seconds).orElse(0.0));
    }
}
