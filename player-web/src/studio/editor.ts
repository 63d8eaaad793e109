import { ApiError } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, parseFilm } from '../shared/film';
import { filmApiPath } from '../shared/paths';
import { appendFilmFigures } from '../festivals/chart';
import type { FilmFigures } from '../festivals/report';
import { filmBody, formatCredits, posterContentType, subtitleLanguage } from './edit';
import { openFilmMedia } from './media';

/** Sends an API request with the session (the studio's `api`). */
export type Api = (path: string, init?: RequestInit) => Promise<unknown>;

const panel = required('#editor', HTMLElement);
const heading = required('#editor-title', HTMLElement);
const form = required('#film-form', HTMLFormElement);
const formError = required('#film-form-error', HTMLElement);
const media = required('#editor-media', HTMLElement);
const posterForm = required('#poster-form', HTMLFormElement);
const posterFile = required('#poster-file', HTMLInputElement);
const posterPreview = required('#poster-preview', HTMLImageElement);
const posterStatus = required('#poster-status', HTMLElement);
const subtitleForm = required('#subtitle-form', HTMLFormElement);
const subtitleList = required('#subtitle-list', HTMLUListElement);
const subtitleStatus = required('#subtitle-status', HTMLElement);
const audience = required('#audience', HTMLElement);
const field = (name: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
  form.elements.namedItem(name) as HTMLInputElement;

let current: Film | null = null;

const message = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong.';

function fill(film: Film | null): void {
  field('title').value = film?.title ?? '';
  field('year').value = film?.year === null || film === null ? '' : String(film.year);
  field('logline').value = film?.logline ?? '';
  field('synopsis').value = film?.synopsis ?? '';
  field('genres').value = film?.genres.join(', ') ?? '';
  field('visibility').value = film?.visibility || 'draft';
  field('credits').value = formatCredits(film?.credits ?? []);
  heading.textContent = film === null ? 'New film' : `Edit “${film.title}”`;
  media.hidden = film === null;
  posterPreview.hidden = film?.posterUrl === null || film === null;
  if (film?.posterUrl) posterPreview.src = film.posterUrl;
  formError.textContent = '';
  posterStatus.textContent = '';
  subtitleStatus.textContent = '';
}

async function loadSubtitles(api: Api, film: Film): Promise<void> {
  try {
    const body = (await api(filmApiPath(film.id, '/subtitles'))) as { items?: { language: string; label: string }[] };
    const items = body.items ?? [];
    show(
      subtitleList,
      ...(items.length === 0 ? [h('li', { class: 'muted' }, 'No subtitles yet.')] : []),
      ...items.map((t) => {
        const remove = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Remove ${t.label} subtitles` }, 'Remove');
        remove.addEventListener('click', () => {
          void api(filmApiPath(film.id, `/subtitles/${encodeURIComponent(t.language)}`), { method: 'DELETE' })
            .then(() => loadSubtitles(api, film))
            .catch((e: unknown) => (subtitleStatus.textContent = message(e)));
        });
        return h('li', {}, h('span', {}, `${t.label} (${t.language})`), remove);
      }),
    );
  } catch (error) {
    subtitleStatus.textContent = message(error);
  }
}

/** The film's audience figures and retention curve, from its playback sessions' heartbeats. */
async function loadAudience(api: Api, film: Film): Promise<void> {
  show(audience);
  try {
    appendFilmFigures(audience, (await api(filmApiPath(film.id, '/analytics'))) as FilmFigures);
  } catch (error) {
    show(audience, h('p', { class: 'muted' }, message(error)));
  }
}

/**
 * Opens the editor for `film`, or for a new film when null. `onSaved` refreshes the list.
 */
export function openEditor(film: Film | null, api: Api, onSaved: () => void): void {
  current = film;
  fill(film);
  panel.hidden = false;
  field('title').focus();
  show(audience);
  // After a new poster: the editor shows it and the list picks it up.
  const posterChanged = (): void => {
    const editing = current;
    if (editing === null) return;
    void api(filmApiPath(editing.id)).then((json) => {
      current = parseFilm(json);
      posterPreview.hidden = current.posterUrl === null;
      if (current.posterUrl) posterPreview.src = current.posterUrl;
      onSaved();
    });
  };
  if (film !== null) {
    void loadSubtitles(api, film);
    void loadAudience(api, film);
    openFilmMedia(film, api, posterChanged);
  }

  form.onsubmit = (event) => {
    event.preventDefault();
    const values = Object.fromEntries(['title', 'year', 'logline', 'synopsis', 'genres', 'visibility', 'credits'].map((n) => [n, field(n).value]));
    const result = filmBody(values as never);
    if (!result.ok) {
      formError.textContent = result.error;
      field(result.field).focus();
      return;
    }
    const editing = current;
    const request = editing === null
      ? api('/api/films', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result.body) })
      : api(filmApiPath(editing.id), { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result.body) });
    request
      .then((saved) => {
        const next = parseFilm(saved);
        current = next;
        fill(next);
        formError.textContent = editing === null ? 'Created. Now upload its video below.' : 'Saved.';
        void loadSubtitles(api, next);
        openFilmMedia(next, api, posterChanged);
        onSaved();
      })
      .catch((error: unknown) => (formError.textContent = message(error)));
  };

  posterForm.onsubmit = (event) => {
    event.preventDefault();
    const file = posterFile.files?.[0];
    const film = current;
    if (file === undefined || film === null) return;
    const type = posterContentType(file);
    if (type === null) {
      posterStatus.textContent = 'Choose a JPEG, PNG or WebP image.';
      return;
    }
    posterStatus.textContent = 'Uploading…';
    api(filmApiPath(film.id, '/poster'), { method: 'PUT', headers: { 'Content-Type': type }, body: file })
      .then(async () => {
        current = parseFilm(await api(filmApiPath(film.id)));
        fill(current);
        posterStatus.textContent = 'Poster updated.';
        onSaved();
      })
      .catch((error: unknown) => (posterStatus.textContent = message(error)));
  };

  subtitleForm.onsubmit = (event) => {
    event.preventDefault();
    const film = current;
    const file = required('#sub-file', HTMLInputElement).files?.[0];
    const language = subtitleLanguage(required('#sub-language', HTMLInputElement).value);
    if (film === null || file === undefined) return;
    if (language === null) {
      subtitleStatus.textContent = 'The language is a tag such as en, fr or pt-br.';
      return;
    }
    const label = required('#sub-label', HTMLInputElement).value.trim();
    const query = label === '' ? '' : `?label=${encodeURIComponent(label)}`;
    subtitleStatus.textContent = 'Uploading…';
    api(filmApiPath(film.id, `/subtitles/${language}${query}`), {
      method: 'PUT',
      headers: { 'Content-Type': file.name.toLowerCase().endsWith('.srt') ? 'application/x-subrip' : 'text/vtt' },
      body: file,
    })
      .then(() => {
        subtitleStatus.textContent = `Subtitles added${film.status === 'ready' ? ': viewers can choose them now' : ''}.`;
        subtitleForm.reset();
        void loadSubtitles(api, film);
      })
      .catch((error: unknown) => (subtitleStatus.textContent = message(error)));
  };
}

/** Closes the editor (also on sign-out). */
export function closeEditor(): void {
  panel.hidden = true;
  current = null;
}

required('#editor-close', HTMLButtonElement).addEventListener('click', closeEditor);
