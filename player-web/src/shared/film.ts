/** A credit line as the API returns it. */
export interface Credit {
  readonly role: string;
  readonly name: string;
}

export type FilmStatus = 'draft' | 'processing' | 'ready' | 'failed';

/** A new version of a ready film being prepared while the current one keeps playing. */
export interface NextVersion {
  readonly status: 'processing' | 'failed';
  /** 0..100 while processing. */
  readonly progress: number;
  /** A human sentence when it failed (the current version stays live). */
  readonly error: string | null;
}

/** The fields of a film the pages show. The API sends more; the rest is ignored. */
export interface Film {
  readonly id: string;
  readonly title: string;
  readonly logline: string;
  readonly synopsis: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  readonly credits: readonly Credit[];
  readonly status: FilmStatus;
  /** 0..100 while processing. */
  readonly progress: number;
  /** A human sentence when the film failed to process. */
  readonly error: string | null;
  readonly visibility: string;
  /** ISO-8601 UTC release time, or null when the film has no window start. */
  readonly availableFrom: string | null;
  /** The poster's largest URL, or null. */
  readonly posterUrl: string | null;
  /** The new version being prepared (owners and admins only), or absent/null. */
  readonly nextVersion?: NextVersion | null;
}

/** The playback answer: signed manifest URLs and when they stop working. */
export interface Playback {
  readonly hls: string;
  readonly dash: string;
  readonly expiresAt: string;
  /** The viewing session QoE reports go to; null when the server does not collect them. */
  readonly session: string | null;
}

type Json = Record<string, unknown>;

const STATUSES: readonly FilmStatus[] = ['draft', 'processing', 'ready', 'failed'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function clampProgress(v: unknown): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  return Math.min(100, Math.max(0, Math.round(n)));
}

function parseCredits(v: unknown): Credit[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((c) => ({ role: str(c['role']), name: str(c['name']) })).filter((c) => c.name !== '');
}

/** The widest URL of the poster object `{"urls": {"320": "/images/...", ...}}`, or null. */
function posterUrl(poster: unknown): string | null {
  if (!isObject(poster) || !isObject(poster['urls'])) return null;
  const urls = Object.entries(poster['urls'])
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].startsWith('/'))
    .sort((a, b) => Number(b[0]) - Number(a[0]));
  return urls[0]?.[1] ?? null;
}

function parseNextVersion(v: unknown): NextVersion | null {
  if (!isObject(v) || (v['status'] !== 'processing' && v['status'] !== 'failed')) return null;
  const error = v['error'];
  return {
    status: v['status'],
    progress: clampProgress(v['progress']),
    error: typeof error === 'string' && error !== '' ? error : null,
  };
}

/**
 * Reads a film from untrusted JSON, filling defaults so the pages never crash on a missing field.
 *
 * @throws TypeError when the value is not an object with a string `id`
 */
export function parseFilm(json: unknown): Film {
  if (!isObject(json) || typeof json['id'] !== 'string' || json['id'] === '') {
    throw new TypeError('The server sent a film without an id.');
  }
  const status = STATUSES.find((s) => s === json['status']) ?? 'draft';
  const year = json['year'];
  const error = json['error'];
  return {
    id: json['id'],
    title: str(json['title'], 'Untitled'),
    logline: str(json['logline']),
    synopsis: str(json['synopsis']),
    year: typeof year === 'number' && Number.isInteger(year) ? year : null,
    genres: Array.isArray(json['genres']) ? json['genres'].filter((g): g is string => typeof g === 'string') : [],
    credits: parseCredits(json['credits']),
    status,
    progress: status === 'ready' ? 100 : clampProgress(json['progress']),
    error: typeof error === 'string' && error !== '' ? error : null,
    visibility: str(json['visibility']),
    availableFrom: typeof json['availableFrom'] === 'string' && json['availableFrom'] !== '' ? json['availableFrom'] : null,
    posterUrl: posterUrl(json['poster']),
    ...(isObject(json['nextVersion']) ? { nextVersion: parseNextVersion(json['nextVersion']) } : {}),
  };
}

/**
 * Reads `{"items": [...]}`; items that are not films are skipped rather than failing the list.
 *
 * @throws TypeError when there is no `items` array
 */
export function parseFilmList(json: unknown): Film[] {
  if (!isObject(json) || !Array.isArray(json['items'])) {
    throw new TypeError('The server sent a film list without items.');
  }
  const films: Film[] = [];
  for (const item of json['items']) {
    try {
      films.push(parseFilm(item));
    } catch {
      // One malformed row must not hide the rest of the catalog.
    }
  }
  return films;
}

/**
 * Reads the playback answer.
 *
 * @throws TypeError when a manifest URL is missing
 */
export function parsePlayback(json: unknown): Playback {
  if (!isObject(json) || typeof json['hls'] !== 'string' || typeof json['dash'] !== 'string') {
    throw new TypeError('The server sent playback details without manifest addresses.');
  }
  const session = json['session'];
  return {
    hls: json['hls'],
    dash: json['dash'],
    expiresAt: str(json['expiresAt']),
    session: typeof session === 'string' && session !== '' ? session : null,
  };
}

/** Groups credits by role, keeping first-seen order: `director: A, B`. */
export function groupCredits(credits: readonly Credit[]): { role: string; names: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const { role, name } of credits) {
    const key = role === '' ? 'crew' : role;
    const names = groups.get(key) ?? [];
    names.push(name);
    groups.set(key, names);
  }
  return [...groups].map(([role, names]) => ({ role, names }));
}
