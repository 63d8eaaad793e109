package org.screenroom.transcode.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins ffmpeg's parts into segments while ffmpeg is still encoding, so that packaging after the
 * encode is left with the last segments and the text files (the join was 0.4 s of a 12 s job on
 * the bench, with one processor idle). A part is complete once the next part of its rendition
 * exists: the hls muxer writes a part whole and closes it before it opens the next one. Each
 * group of parts becomes a segment once the first part of the following group appears.
 *
 * <p>Work runs on one thread of its own, started by {@link #nudge} (called on every progress
 * report); {@link #finish} waits for it and hands over what was joined; {@link #close} stops it.
 */
public final class LiveJoiner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveJoiner.class);
    private static final long STOP_SECONDS = 60;
    private final Path dir;
    private final List<String> renditions;
    private final List<Boolean> video;
    private final int perSegment;
    private final String partPattern;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "segment-joiner");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Touched only on the joiner thread until {@link #finish} has seen it stop. */
    private final Map<String, List<SegmentJoiner.Joined>> joined = new HashMap<>();
    private IOException failure;

    /**
     * @param dir         the staging directory (one directory per rendition)
     * @param renditions  rendition ids, each with {@code video} telling whether to find key frames
     * @param perSegment  parts per segment
     * @param partPattern ffmpeg's part file name pattern, numbered from 0
     */
    public LiveJoiner(Path dir, List<String> renditions, List<Boolean> video, int perSegment, String partPattern) {
        if (renditions.size() != video.size()) {
            throw new IllegalArgumentException("one video flag per rendition");
        }
        this.dir = dir;
        this.renditions = List.copyOf(renditions);
        this.video = List.copyOf(video);
        this.perSegment = perSegment;
        this.partPattern = partPattern;
        renditions.forEach(id -> joined.put(id, new ArrayList<>()));
    }

    /** Joins, on the joiner thread, whatever groups have become complete. Returns at once. */
    public void nudge() {
        if (!thread.isShutdown() && queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    queued.set(false);
                    joinComplete();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // finish() or close() came first: the rest is joined after the encode.
            }
        }
    }

    private void joinComplete() {
        if (failure != null) {
            return;
        }
        try {
            for (int r = 0; r < renditions.size(); r++) {
                Path renditionDir = dir.resolve(renditions.get(r));
                List<SegmentJoiner.Joined> done = joined.get(renditions.get(r));
                while (Files.exists(renditionDir.resolve(part((done.size() + 1) * perSegment)))) {
                    List<String> parts = new ArrayList<>();
                    for (int i = done.size() * perSegment; i < (done.size() + 1) * perSegment; i++) {
                        parts.add(part(i));
                    }
                    done.add(SegmentJoiner.joinGroup(renditionDir, parts, done.size(), video.get(r)));
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private String part(int index) {
        return String.format(Locale.ROOT, partPattern, index);
    }

    /**
     * Waits for the joining under way (call after ffmpeg has exited) and stops the thread.
     *
     * @return the segments joined so far, by rendition id, in order
     * @throws IOException when a join failed
     */
    public Map<String, List<SegmentJoiner.Joined>> finish() throws IOException, InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("joining segments in " + dir + " did not finish");
        }
        if (failure != null) {
            throw failure;
        }
        Map<String, List<SegmentJoiner.Joined>> result = new HashMap<>();
        joined.forEach((id, list) -> result.put(id, List.copyOf(list)));
        LOG.debug("segments joined while encoding in {}: {}", dir, result.values().stream().mapToInt(List::size).sum());
        return result;
    }

    /** Stops the thread, waiting for a join under way so nothing writes into a discarded directory. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    }
}
