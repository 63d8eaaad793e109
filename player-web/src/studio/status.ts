import type { Film } from '../shared/film';

/** The words in the studio's status column. */
export function statusLabel(film: Pick<Film, 'status' | 'progress' | 'error'>): string {
  switch (film.status) {
    case 'draft':
      return 'Draft: waiting for a video upload';
    case 'processing':
      return `Processing: ${film.progress}%`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return film.error === null ? 'Failed' : `Failed: ${film.error}`;
  }
}

/** Whether the list should refresh itself: something is still processing. */
export const anyProcessing = (films: readonly Pick<Film, 'status'>[]): boolean =>
  films.some((f) => f.status === 'processing');
