import type { Film } from '../shared/film';

/** The two public pages of a film. */
export function filmLinks(id: string): { watch: string; page: string } {
  const segment = encodeURIComponent(id);
  return { watch: `/watch/${segment}`, page: `/films/${segment}` };
}

/** A short line of facts for a card: `2024 · Drama, Documentary`. */
export function filmFacts(film: Pick<Film, 'year' | 'genres'>): string {
  const parts: string[] = [];
  if (film.year !== null) parts.push(String(film.year));
  if (film.genres.length > 0) parts.push(film.genres.map((g) => g.charAt(0).toUpperCase() + g.slice(1)).join(', '));
  return parts.join(' · ');
}
