/** The part of `Storage` the resume store uses (localStorage in the page, a Map in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Positions closer than this to the start are not worth resuming. */
export const MIN_RESUME_SECONDS = 10;
/** A position this close to the end counts as watched: the next visit starts over. */
export const END_MARGIN_SECONDS = 20;
/** How many films are remembered; the oldest are forgotten first. */
export const MAX_FILMS = 50;

const KEY = 'screenroom.resume.v1';

interface Entry {
  readonly position: number;
  readonly savedAt: number;
}

/**
 * Remembers where a viewer stopped each film, in one localStorage entry so that it can be kept
 * small: at most {@link MAX_FILMS} films, the least recently saved dropped first. Storage errors
 * (private mode, quota) are swallowed: resuming is a nicety, never a reason to fail playback.
 */
export class ResumeStore {
  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Where to start `filmId`, or 0 to start from the beginning. */
  positionFor(filmId: string, duration: number): number {
    const entry = this.read()[filmId];
    if (entry === undefined) return 0;
    return resumePosition(entry.position, duration);
  }

  /** Records the position; one near the end forgets the film instead. */
  save(filmId: string, position: number, duration: number): void {
    const entries = this.read();
    if (!Number.isFinite(position) || position < MIN_RESUME_SECONDS || nearEnd(position, duration)) {
      if (!(filmId in entries)) return;
      delete entries[filmId];
    } else {
      entries[filmId] = { position: Math.floor(position), savedAt: this.now() };
    }
    this.write(prune(entries));
  }

  private read(): Record<string, Entry> {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      const out: Record<string, Entry> = {};
      for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
        const v = value as Partial<Entry> | null;
        if (typeof v?.position === 'number' && typeof v.savedAt === 'number') out[id] = { position: v.position, savedAt: v.savedAt };
      }
      return out;
    } catch {
      return {};
    }
  }

  private write(entries: Record<string, Entry>): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(entries));
    } catch {
      // Quota or privacy mode: resuming is best effort.
    }
  }
}

const nearEnd = (position: number, duration: number): boolean =>
  Number.isFinite(duration) && duration > 0 && position > duration - END_MARGIN_SECONDS;

/** The position to resume at, given what was saved and the film's length (NaN when unknown). */
export function resumePosition(saved: number, duration: number): number {
  if (!Number.isFinite(saved) || saved < MIN_RESUME_SECONDS) return 0;
  if (nearEnd(saved, duration)) return 0;
  return saved;
}

function prune(entries: Record<string, Entry>): Record<string, Entry> {
  const ids = Object.keys(entries);
  if (ids.length <= MAX_FILMS) return entries;
  const keep = ids.sort((a, b) => entries[b]!.savedAt - entries[a]!.savedAt).slice(0, MAX_FILMS);
  return Object.fromEntries(keep.map((id) => [id, entries[id]!]));
}
