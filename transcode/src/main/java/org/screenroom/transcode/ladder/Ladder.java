package org.screenroom.transcode.ladder;

import java.util.List;

/** The renditions to encode, highest first; never empty. */
public record Ladder(List<Rung> rungs) {
    public Ladder {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rung");
        }
    }
}
