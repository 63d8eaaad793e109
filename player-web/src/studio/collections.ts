import { ApiError } from '../shared/api';
import { h, required, show } from '../shared/dom';
import type { Film } from '../shared/film';
import { type CollectionSummary, collectionBody, collectionFilmIds, parseCollections } from './curate';

/** Sends an API request with the session (the studio's `api`). */
type Api = (path: string, init?: RequestInit) => Promise<unknown>;

const panel = required('#collections', HTMLElement);
const list = required('#collection-list', HTMLUListElement);
const form = required('#collection-form', HTMLFormElement);
const formTitle = required('#collection-form-title', HTMLElement);
const titleInput = required('#c-title', HTMLInputElement);
const description = required('#c-description', HTMLTextAreaElement);
const visibility = required('#c-visibility', HTMLSelectElement);
const filmPicks = required('#c-films', HTMLElement);
const error = required('#collection-error', HTMLElement);
const status = required('#collection-status', HTMLElement);
const save = required('#collection-save', HTMLButtonElement);

const message = (e: unknown): string => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : 'Something went wrong.');
const path = (id: string, rest = ''): string => `/api/collections/${encodeURIComponent(id)}${rest}`;

let api: Api | null = null;
let films: readonly Film[] = [];
/** The collection being edited (its films only: titles are set once), or null for a new one. */
let editing: CollectionSummary | null = null;

function renderPicks(checked: readonly string[]): void {
  show(
    filmPicks,
    ...(films.length === 0 ? [h('p', { class: 'muted' }, 'Add a film first.')] : []),
    ...films.map((f) => {
      const box = h('input', { type: 'checkbox', id: `c-film-${f.id}`, value: f.id });
      box.checked = checked.includes(f.id);
      return h('div', { class: 'check' }, box, h('label', { for: `c-film-${f.id}` }, f.title));
    }),
  );
}

function pickedIds(): string[] {
  return Array.from(filmPicks.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
    .filter((b) => b.checked)
    .map((b) => b.value);
}

function startNew(): void {
  editing = null;
  form.reset();
  formTitle.textContent = 'New collection';
  save.textContent = 'Create collection';
  for (const input of [titleInput, description, visibility]) input.disabled = false;
  error.textContent = '';
  status.textContent = '';
  renderPicks([]);
}

async function startEdit(c: CollectionSummary): Promise<void> {
  if (api === null) return;
  try {
    const ids = collectionFilmIds(await api(path(c.id)));
    editing = c;
    formTitle.textContent = `Films of “${c.title}”`;
    save.textContent = 'Save films';
    titleInput.value = c.title;
    description.value = c.description;
    visibility.value = c.visibility;
    for (const input of [titleInput, description, visibility]) input.disabled = true;
    error.textContent = '';
    renderPicks(ids);
    filmPicks.querySelector<HTMLInputElement>('input')?.focus();
  } catch (e) {
    error.textContent = message(e);
  }
}

async function loadCollections(): Promise<void> {
  if (api === null) return;
  try {
    const items = parseCollections(await api('/api/collections'));
    show(
      list,
      ...(items.length === 0 ? [h('li', { class: 'muted' }, 'No collections yet.')] : []),
      ...items.map((c) => {
        const edit = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Choose the films of ${c.title}` }, 'Films');
        edit.addEventListener('click', () => void startEdit(c));
        const remove = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Delete the collection ${c.title}` }, 'Delete');
        remove.addEventListener('click', () => {
          if (!window.confirm(`Delete the collection “${c.title}”? Its films stay.`)) return;
          void api?.(path(c.id), { method: 'DELETE' })
            .then(() => {
              if (editing?.id === c.id) startNew();
              return loadCollections();
            })
            .catch((e: unknown) => (error.textContent = message(e)));
        });
        return h('li', { 'data-collection-id': c.id }, h('span', { class: 'collection-name' }, c.title), h('span', { class: 'badge' }, c.visibility), edit, remove);
      }),
    );
  } catch (e) {
    error.textContent = message(e);
  }
}

async function submit(): Promise<void> {
  if (api === null) return;
  const ids = pickedIds();
  try {
    let id: string;
    if (editing === null) {
      const body = collectionBody({ title: titleInput.value, description: description.value, visibility: visibility.value });
      if (!body.ok) {
        error.textContent = body.error;
        titleInput.focus();
        return;
      }
      const created = (await api('/api/collections', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body.value) })) as { id?: string };
      id = String(created.id ?? '');
      // From here on it exists: should saving its films fail, trying again only saves the films.
      editing = { id, title: body.value.title, description: body.value.description ?? '', visibility: body.value.visibility };
      save.textContent = 'Save films';
      void loadCollections();
    } else {
      id = editing.id;
    }
    await api(path(id, '/films'), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ids) });
    const name = editing?.title ?? '';
    startNew();
    status.textContent = `Saved “${name}” with ${ids.length} film${ids.length === 1 ? '' : 's'}.`;
    await loadCollections();
  } catch (e) {
    error.textContent = message(e);
  }
}

/** Shows the collections panel for a signed-in filmmaker; `ownFilms` are the films offered. */
export function showCollections(request: Api, ownFilms: readonly Film[]): void {
  const first = api === null || panel.hidden;
  api = request;
  films = ownFilms;
  panel.hidden = false;
  if (first) {
    startNew();
    void loadCollections();
  } else if (editing === null) {
    renderPicks(pickedIds());
  }
}

/** Hides the panel (sign-out). */
export function hideCollections(): void {
  panel.hidden = true;
  api = null;
  editing = null;
  show(list);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
required('#collection-new', HTMLButtonElement).addEventListener('click', startNew);
