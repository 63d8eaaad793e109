/**
 * The studio's stills, access and collections screens, as pure functions: reading the API's
 * answers and checking what the filmmaker typed before anything is sent.
 */
import type { Thumbnail } from '../player/storyboard';

/** A still of a film: its id (for removal) and a picture to show. */
export interface Still {
  readonly id: string;
  readonly url: string;
}

/** Someone a private film is granted to. */
export interface Grant {
  readonly username: string;
  readonly grantedAt: string;
}

/** A collection as listed. */
export interface CollectionSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly visibility: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const items = (json: unknown, key: string): unknown[] => (isObject(json) && Array.isArray(json[key]) ? json[key] : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The smallest stored width of an image that is at least `want` wide, else its largest. */
export function imageUrl(image: unknown, want = 320): string | null {
  if (!isObject(image) || !isObject(image['urls'])) return null;
  const widths = Object.entries(image['urls'])
    .filter((e): e is [string, string] => typeof e[1] === 'string' && Number.isFinite(Number(e[0])))
    .map(([w, url]) => ({ w: Number(w), url }))
    .sort((a, b) => a.w - b.w);
  if (widths.length === 0) return null;
  return (widths.find((x) => x.w >= want) ?? widths[widths.length - 1]!).url;
}

/** The stills of a film's JSON (`GET /api/films/{id}`), in their order. */
export function parseStills(film: unknown): Still[] {
  return items(film, 'stills').flatMap((s) => {
    const url = imageUrl(s);
    const id = isObject(s) ? text(s['id']) : '';
    return url === null || id === '' ? [] : [{ id, url }];
  });
}

/** `GET /api/films/{id}/grants`. */
export function parseGrants(json: unknown): Grant[] {
  return items(json, 'items').flatMap((g) =>
    isObject(g) && text(g['username']) !== '' ? [{ username: text(g['username']), grantedAt: text(g['grantedAt']) }] : [],
  );
}

/** `GET /api/collections`. */
export function parseCollections(json: unknown): CollectionSummary[] {
  return items(json, 'items').flatMap((c) =>
    isObject(c) && text(c['id']) !== ''
      ? [{ id: text(c['id']), title: text(c['title']), description: text(c['description']), visibility: text(c['visibility']) }]
      : [],
  );
}

/** The ids of the films of a collection (`GET /api/collections/{id}`), in order. */
export function collectionFilmIds(json: unknown): string[] {
  return items(json, 'films').flatMap((f) => (isObject(f) && text(f['id']) !== '' ? [text(f['id'])] : []));
}

/** What the grant form may send, or why not. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The account name typed into the access form. */
export function grantUsername(raw: string): Checked<string> {
  const name = raw.trim();
  if (name === '') return { ok: false, error: 'Type the account name of the person who may watch.' };
  if (name.length > 64) return { ok: false, error: 'Account names are at most 64 characters.' };
  return { ok: true, value: name };
}

/** The visibilities a collection may have, as offered in the form. */
export const COLLECTION_VISIBILITIES = ['draft', 'private', 'unlisted', 'public'] as const;

/** The body of `POST /api/collections` from the form, or why it cannot be sent. */
export function collectionBody(values: { title: string; description: string; visibility: string }): Checked<{
  title: string;
  description: string | null;
  visibility: string;
}> {
  const title = values.title.trim();
  if (title === '') return { ok: false, error: 'Give the collection a title.' };
  if (title.length > 300) return { ok: false, error: 'The title is at most 300 characters.' };
  if (values.description.length > 5000) return { ok: false, error: 'The description is at most 5000 characters.' };
  if (!(COLLECTION_VISIBILITIES as readonly string[]).includes(values.visibility)) {
    return { ok: false, error: 'Choose who can see the collection.' };
  }
  const description = values.description.trim();
  return { ok: true, value: { title, description: description === '' ? null : description, visibility: values.visibility } };
}

/**
 * Frames to offer as stills or poster: at most `count` storyboard thumbnails spread evenly over
 * the film (first and last included), in time order.
 */
export function frameChoices(thumbs: readonly Thumbnail[], count: number): Thumbnail[] {
  if (count <= 0 || thumbs.length === 0) return [];
  if (thumbs.length <= count) return [...thumbs];
  if (count === 1) return [thumbs[0]!];
  const step = (thumbs.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => thumbs[Math.round(i * step)]!);
}
