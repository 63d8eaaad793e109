package org.screenroom.catalog.film;

/**
 * One packaged rendition of a film.
 *
 * @param kind {@code video} or {@code audio}
 * @param width pixels (0 for audio)
 * @param height pixels (0 for audio)
 * @param bitrate bits per second, as measured on the packaged segments
 * @param codec the RFC 6381 codec string, e.g. {@code avc1.64001f}
 */
public record Rendition(String kind, int width, int height, long bitrate, String codec) {}
