import type { StorageLike } from './resume';
import type { Track } from './tracks';

/**
 * The viewer's last caption choice, kept across films and reloads: off, or on in a language
 * (with the track's label, to tell apart two tracks of one language such as "English" and
 * "English SDH"). Null when the viewer never chose: captions then start off.
 */
export type CaptionPreference = { readonly on: false } | { readonly on: true; readonly language: string; readonly name: string };

const KEY = 'screenroom.captions.v1';

/** The preference a choice expresses: `track` null means "Off". */
export function preferenceOf(track: Track | null): CaptionPreference {
  return track === null ? { on: false } : { on: true, language: track.language, name: track.name };
}

const base = (language: string): string => language.toLowerCase().split('-')[0] ?? '';

/**
 * Which caption track to select for a remembered preference: -1 for off; the track with the
 * same language and label, else the same language, else the same base language (`en` for
 * `en-GB`); null when nothing fits or nothing was remembered (leave the film's default alone).
 */
export function captionToApply(tracks: readonly Track[], preference: CaptionPreference | null): number | null {
  if (preference === null) return null;
  if (!preference.on) return -1;
  const language = preference.language.toLowerCase();
  if (language === '') {
    return tracks.find((t) => t.name === preference.name && t.language === '')?.index ?? null;
  }
  const match =
    tracks.find((t) => t.language.toLowerCase() === language && t.name === preference.name) ??
    tracks.find((t) => t.language.toLowerCase() === language) ??
    tracks.find((t) => base(t.language) === base(language));
  return match?.index ?? null;
}

/** Reads a stored preference; anything malformed counts as no preference. */
export function parsePreference(raw: string | null): CaptionPreference | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    if (o['on'] === false) return { on: false };
    if (o['on'] === true && typeof o['language'] === 'string' && typeof o['name'] === 'string') {
      return { on: true, language: o['language'], name: o['name'] };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * Remembers the caption choice in localStorage. Storage errors (blocked storage in a
 * third-party iframe, quota) are swallowed: remembering is a nicety, never a reason to fail.
 */
export class CaptionPreferenceStore {
  constructor(private readonly storage: StorageLike | null) {}

  load(): CaptionPreference | null {
    try {
      return parsePreference(this.storage?.getItem(KEY) ?? null);
    } catch {
      return null;
    }
  }

  save(preference: CaptionPreference): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(preference));
    } catch {
      // Not remembered this time.
    }
  }
}
