import type { Credit } from '../shared/film';

/** The film form's fields as typed, before checking. */
export interface FilmFormValues {
  readonly title: string;
  readonly year: string;
  readonly logline: string;
  readonly synopsis: string;
  readonly genres: string;
  readonly visibility: string;
  readonly credits: string;
}

/** What the form sends, or why it cannot be sent (field and sentence). */
export type FilmFormResult =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly field: keyof FilmFormValues; readonly error: string };

const VISIBILITIES = new Set(['draft', 'private', 'unlisted', 'public']);

/**
 * Reads credits written one per line as `role: name` (`director: Agnès Varda`); a line without a
 * colon is a cast member. Blank lines are skipped.
 *
 * @returns the credits, or the 1-based number of the first line that could not be read
 */
export function parseCredits(text: string): { credits: Credit[] } | { line: number } {
  const credits: Credit[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const role = colon < 0 ? 'cast' : line.slice(0, colon).trim().toLowerCase();
    const name = colon < 0 ? line : line.slice(colon + 1).trim();
    if (role === '' || name === '' || role.length > 100 || name.length > 300) return { line: i + 1 };
    credits.push({ role, name });
  }
  return { credits };
}

/** Writes credits back as the form shows them. */
export function formatCredits(credits: readonly Credit[]): string {
  return credits.map((c) => `${c.role}: ${c.name}`).join('\n');
}

/** Checks the form and builds the JSON body of `POST /api/films` or `PATCH /api/films/{id}`. */
export function filmBody(values: FilmFormValues): FilmFormResult {
  const title = values.title.trim();
  if (title === '') return { ok: false, field: 'title', error: 'A film needs a title.' };
  const yearText = values.year.trim();
  const year = yearText === '' ? null : Number(yearText);
  if (year !== null && (!Number.isInteger(year) || year < 1870 || year > 2200)) {
    return { ok: false, field: 'year', error: 'The year is a whole number such as 2024.' };
  }
  if (!VISIBILITIES.has(values.visibility)) {
    return { ok: false, field: 'visibility', error: 'Choose who can see the film.' };
  }
  const parsed = parseCredits(values.credits);
  if ('line' in parsed) {
    return { ok: false, field: 'credits', error: `Credit line ${parsed.line} should read “role: name”.` };
  }
  const genres = values.genres.split(',').map((g) => g.trim().toLowerCase()).filter((g) => g !== '');
  return {
    ok: true,
    body: {
      title,
      year,
      logline: values.logline.trim(),
      synopsis: values.synopsis.trim(),
      genres: [...new Set(genres)],
      visibility: values.visibility,
      credits: parsed.credits,
    },
  };
}

/** A subtitle language as the server accepts it (`en`, `fra`, `pt-br`), or null. */
export function subtitleLanguage(raw: string): string | null {
  const tag = raw.trim().toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/.test(tag) ? tag : null;
}

/** The image types the poster endpoint takes. */
export function posterContentType(file: { type: string; name: string }): string | null {
  if (['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) return file.type;
  const ext = file.name.toLowerCase().split('.').pop();
  return ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : null;
}
