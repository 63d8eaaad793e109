package org.screenroom.transcode.ladder;

import org.screenroom.transcode.probe.Rational;

/**
 * One video rendition of the ladder.
 *
 * @param id           short name, also the directory name of its segments, e.g. "v720"
 * @param width        output width in square pixels, even
 * @param height       output height, even
 * @param videoBitrate target bits per second
 * @param maxrate      VBV peak bits per second
 * @param bufsize      VBV buffer in bits
 * @param profile      H.264 profile as x264 names it, e.g. "high"
 * @param level        H.264 level, e.g. "3.1"
 * @param frameRate    constant output frame rate, e.g. 24000/1001
 */
public record Rung(String id, int width, int height, long videoBitrate, long maxrate, long bufsize,
                   String profile, String level, Rational frameRate) {
}
