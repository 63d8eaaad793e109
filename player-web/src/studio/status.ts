import type { Film } from '../shared/film';

/** The words in the studio's status column. */
export function statusLabel(film: Pick<Film, 'status' | 'progress' | 'error' | 'nextVersion'>): string {
  switch (film.status) {
    case 'draft':
      return 'Draft: waiting for a video upload';
    case 'processing':
      return `Processing: ${film.progress}%`;
    case 'ready':
      return readyLabel(film.nextVersion ?? null);
    case 'failed':
      return film.error === null ? 'Failed' : `Failed: ${film.error}`;
  }
}

/** A ready film keeps playing while a new version is prepared: both show. */
function readyLabel(next: Film['nextVersion']): string {
  if (next == null) return 'Ready';
  if (next.status === 'processing') return `Ready (new version: ${next.progress}%)`;
  return next.error === null ? 'Ready (new version failed)' : `Ready (new version failed: ${next.error})`;
}

/** Whether the film's current or next version is being prepared. */
export const isProcessing = (film: Pick<Film, 'status' | 'nextVersion'>): boolean =>
  film.status === 'processing' || film.nextVersion?.status === 'processing';

/** Whether the list should refresh itself: something is still processing. */
export const anyProcessing = (films: readonly Pick<Film, 'status' | 'nextVersion'>[]): boolean =>
  films.some(isProcessing);
