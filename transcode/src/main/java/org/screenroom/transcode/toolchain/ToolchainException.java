package org.screenroom.transcode.toolchain;

/** ffmpeg/ffprobe cannot be used; the message says how to fix it. */
public final class ToolchainException extends Exception {
    public ToolchainException(String message) {
        super(message);
    }

    public ToolchainException(String message, Throwable cause) {
        super(message, cause);
    }
}
