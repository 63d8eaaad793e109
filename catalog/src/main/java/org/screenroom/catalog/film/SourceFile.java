package org.screenroom.catalog.film;

/** The verified original a film was made from: its name as uploaded, its size and SHA-256. */
public record SourceFile(String filename, long size, String sha256) {}
