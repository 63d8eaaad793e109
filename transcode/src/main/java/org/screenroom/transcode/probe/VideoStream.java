package org.screenroom.transcode.probe;

import java.util.Set;

/**
 * One video stream as ffprobe describes it.
 *
 * @param rotation         degrees from the display matrix (or rotate tag), normalised to 0..359
 * @param frameRate        ffprobe's r_frame_rate (the base rate)
 * @param averageFrameRate ffprobe's avg_frame_rate
 * @param fieldOrder       "progressive", "tt", "bb", "tb", "bt" or "unknown"
 * @param chromaLocation   ffprobe's chroma_location ("left", "center", "topleft", ...; "unspecified" or
 *                         blank when the file does not say)
 */
public record VideoStream(int index, String codec, int width, int height, Rational sampleAspectRatio,
                          Rational displayAspectRatio, int rotation, Rational frameRate,
                          Rational averageFrameRate, String pixelFormat, int bitDepth, String fieldOrder,
                          String colorTransfer, String colorPrimaries, String colorSpace, String chromaLocation) {

    private static final Set<String> INTERLACED = Set.of("tt", "bb", "tb", "bt");

    /** A stream whose file does not say where its chroma samples sit. */
    public VideoStream(int index, String codec, int width, int height, Rational sampleAspectRatio,
                       Rational displayAspectRatio, int rotation, Rational frameRate, Rational averageFrameRate,
                       String pixelFormat, int bitDepth, String fieldOrder, String colorTransfer,
                       String colorPrimaries, String colorSpace) {
        this(index, codec, width, height, sampleAspectRatio, displayAspectRatio, rotation, frameRate,
                averageFrameRate, pixelFormat, bitDepth, fieldOrder, colorTransfer, colorPrimaries, colorSpace,
                "unspecified");
    }

    /** @return true when the stream declares interlaced fields */
    public boolean interlaced() {
        return INTERLACED.contains(fieldOrder);
    }

    /** @return true when displayed turned by a quarter, so width and height swap */
    public boolean quarterTurned() {
        return rotation == 90 || rotation == 270;
    }

    /** Width as shown to the viewer: sample aspect ratio applied, then rotation. */
    public int displayWidth() {
        return quarterTurned() ? height : squarePixelWidth();
    }

    /** Height as shown to the viewer: sample aspect ratio applied, then rotation. */
    public int displayHeight() {
        return quarterTurned() ? squarePixelWidth() : height;
    }

    /** Anamorphic sources store fewer (or more) columns than they show. */
    private int squarePixelWidth() {
        Rational sar = sampleAspectRatio.isKnown() ? sampleAspectRatio : Rational.ONE;
        return (int) Math.round(width * sar.toDouble());
    }
}
