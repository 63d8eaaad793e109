import type { Film } from '../shared/film';

/** What the viewer should be told, in words, and what they can do about it. */
export interface Problem {
  readonly headline: string;
  readonly detail: string;
  /** `reload` offers a button; `wait` means the page checks again by itself. */
  readonly action: 'reload' | 'wait' | 'none';
  /** Set while the film is processing, 0..100. */
  readonly progress?: number;
}

/** Reasons a media stream can fail once playback started, whichever engine reported it. */
export type MediaFailure =
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'network' }
  | { readonly kind: 'decode' }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'other'; readonly message: string };

const withSentence = (fallback: string, serverSentence: string | null): string =>
  serverSentence !== null && serverSentence.trim() !== '' ? serverSentence : fallback;

/**
 * Explains a film that cannot play yet because of its processing status.
 * Returns `null` for a ready film, whose problem lies elsewhere.
 */
export function filmStatusProblem(film: Film): Problem | null {
  switch (film.status) {
    case 'processing':
      return {
        headline: 'This film is still being prepared.',
        detail: `${film.progress}% done. Playback starts here on its own once it is ready.`,
        action: 'wait',
        progress: film.progress,
      };
    case 'draft':
      return {
        headline: 'This film has no video yet.',
        detail: 'The filmmaker has not finished uploading it. Please come back later.',
        action: 'none',
      };
    case 'failed':
      return {
        headline: 'This film could not be prepared for streaming.',
        detail: film.error ?? 'The video file could not be processed. The filmmaker has been told.',
        action: 'none',
      };
    case 'ready':
      return null;
  }
}

/**
 * Maps the answer of `GET /api/films/{id}/playback` to words.
 *
 * @param status HTTP status, or 0 when the request never reached the server
 * @param serverSentence the `error` field of the answer, if any
 * @param film the film, when it could be read (used for 409: not ready yet)
 */
export function playbackProblem(
  status: number,
  serverSentence: string | null,
  film: Film | null,
  now: Date = new Date(),
): Problem {
  if (film !== null) {
    const notReady = filmStatusProblem(film);
    if (notReady !== null && (status === 409 || status === 425)) return notReady;
    const opens = film.availableFrom === null ? Number.NaN : Date.parse(film.availableFrom);
    if (status === 403 && opens > now.getTime()) return notYetReleased(new Date(opens));
  }
  if (status === 403 && serverSentence !== null && /not released yet/i.test(serverSentence)) {
    return { headline: 'This film is not released yet.', detail: serverSentence, action: 'none' };
  }
  if (status === 410 && serverSentence !== null && /no longer available/i.test(serverSentence)) {
    return { headline: 'This film is no longer available.', detail: serverSentence, action: 'none' };
  }
  switch (status) {
    case 0:
      return {
        headline: 'We could not reach the server.',
        detail: 'Check your connection, then try again.',
        action: 'reload',
      };
    case 401:
      return { headline: 'Please sign in to watch this film.', detail: withSentence('', serverSentence), action: 'none' };
    case 403:
      return {
        headline: 'This film is not available to you.',
        detail: withSentence('The link may belong to someone else, or access was withdrawn.', serverSentence),
        action: 'none',
      };
    case 404:
      return {
        headline: 'We could not find this film.',
        detail: 'It may have been removed, or the address is mistyped.',
        action: 'none',
      };
    case 410:
      return {
        headline: 'This viewing link has expired.',
        detail: withSentence('Ask the filmmaker or festival for a new link.', serverSentence),
        action: 'none',
      };
    case 409:
      return {
        headline: 'This film is not ready to play yet.',
        detail: withSentence('Please try again in a few minutes.', serverSentence),
        action: 'reload',
      };
    case 429:
      return {
        headline: 'Too many requests just now.',
        detail: 'Please wait a moment and try again.',
        action: 'reload',
      };
    default:
      return status >= 500
        ? { headline: 'The server ran into a problem.', detail: 'Please try again in a moment.', action: 'reload' }
        : {
            headline: 'This film cannot be played right now.',
            detail: withSentence(`The server answered ${status}.`, serverSentence),
            action: 'reload',
          };
  }
}

/** A film whose release window has not opened: says when it opens, in the viewer's words. */
export function notYetReleased(opens: Date, locale?: string): Problem {
  const when = new Intl.DateTimeFormat(locale ?? 'en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(opens);
  return {
    headline: 'This film is not released yet.',
    detail: `It opens on ${when} UTC. Come back then.`,
    action: 'none',
  };
}

/** The server ended the viewing session while the film played (QoE reporting answered 410). */
export const ACCESS_ENDED: Problem = {
  headline: 'Your access to this film has ended.',
  detail: 'The viewing link was revoked or has expired. Ask the filmmaker or festival for a new one.',
  action: 'none',
};

/** Maps a failure during playback (manifest or segment loading, decoding) to words. */
export function mediaProblem(failure: MediaFailure): Problem {
  switch (failure.kind) {
    case 'http':
      if (failure.status === 410) {
        return {
          headline: 'Your viewing session has expired.',
          detail: 'Reload the page to continue watching.',
          action: 'reload',
        };
      }
      if (failure.status === 403) {
        return {
          headline: 'Access to this film was withdrawn.',
          detail: 'The link was revoked or is no longer valid.',
          action: 'none',
        };
      }
      if (failure.status === 404) {
        return {
          headline: 'Part of this film is missing on the server.',
          detail: 'The filmmaker may be replacing the video. Please try again later.',
          action: 'reload',
        };
      }
      return {
        headline: 'The video stream was interrupted.',
        detail: `The server answered ${failure.status}. Reload to try again.`,
        action: 'reload',
      };
    case 'network':
      return {
        headline: 'The video stream was interrupted.',
        detail: 'Check your connection, then reload to continue.',
        action: 'reload',
      };
    case 'decode':
      return {
        headline: 'Your browser could not decode this video.',
        detail: 'Try another browser, or reload to try again.',
        action: 'reload',
      };
    case 'unsupported':
      return {
        headline: 'Your browser cannot play this video format.',
        detail: 'Try a recent Firefox, Chrome, Edge or Safari.',
        action: 'none',
      };
    case 'other':
      return {
        headline: 'Playback stopped unexpectedly.',
        detail: failure.message === '' ? 'Reload to try again.' : failure.message,
        action: 'reload',
      };
  }
}

/** Maps `HTMLMediaElement.error.code` (1 aborted, 2 network, 3 decode, 4 unsupported). */
export function mediaElementFailure(code: number, message: string): MediaFailure {
  switch (code) {
    case 2:
      return { kind: 'network' };
    case 3:
      return { kind: 'decode' };
    case 4:
      return { kind: 'unsupported' };
    default:
      return { kind: 'other', message };
  }
}
