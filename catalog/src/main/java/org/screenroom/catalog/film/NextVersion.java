package org.screenroom.catalog.film;

/**
 * A new version of a ready film's package being prepared (a re-transcode, a retry, a ladder
 * change) while the version before it keeps playing: the film's own status stays
 * {@link FilmStatus#READY}, describing what viewers get, and this describes what comes next.
 *
 * @param status {@link FilmStatus#PROCESSING} while it is prepared, {@link FilmStatus#FAILED}
 *     when it failed or was cancelled (the old version stays live)
 * @param progress 0..100 while processing
 * @param error a sentence for the filmmaker when failed, else null
 */
public record NextVersion(FilmStatus status, int progress, String error) {}
