import '../shared/theme.css';
import './studio.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, parseFilmList } from '../shared/film';
import { filmLinks } from '../catalog/links';
import { type Me, mayHaveSession, parseMe, sessionHeaders } from './session';
import { anyProcessing, isProcessing, statusLabel } from './status';
import { hideUploadPanel, showUploadPanel } from './upload';
import { closeEditor, openEditor } from './editor';
import { hideCollections, showCollections } from './collections';

/** How often the list refreshes while a film is processing, in milliseconds: live progress. */
const REFRESH_MS = 2000;

const signIn = required('#sign-in', HTMLFormElement);
const signInError = required('#sign-in-error', HTMLElement);
const dashboard = required('#dashboard', HTMLElement);
const rows = required('#film-rows', HTMLTableSectionElement);
const status = required('#status', HTMLElement);
let refreshTimer: number | undefined;
/**
 * The signed-in account. The session itself is the HttpOnly cookie, which scripts never see; its
 * CSRF token lives only in memory and comes back from GET /api/me after a reload.
 */
let me: Me | null = null;

/** Sends an API request with the session cookie and, on writes, the CSRF token. */
function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const method = init.method ?? 'GET';
  return requestJson(path, { ...init, headers: { ...sessionHeaders(method, me?.csrfToken ?? null), ...init.headers } });
}

function showSignIn(message = ''): void {
  me = null;
  window.clearTimeout(refreshTimer);
  dashboard.hidden = true;
  signIn.hidden = false;
  hideUploadPanel();
  hideCollections();
  closeEditor();
  signInError.textContent = message;
}

function row(film: Film): HTMLTableRowElement {
  const links = filmLinks(film.id);
  const edit = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Edit ${film.title}` }, 'Edit');
  edit.addEventListener('click', () => openEditor(film, api, () => void loadFilms()));
  return h(
    'tr',
    { 'data-film-id': film.id },
    h('th', { scope: 'row' }, h('a', { href: links.page }, film.title)),
    h(
      'td',
      {},
      h('span', { class: `badge badge-${film.status}` }, statusLabel(film)),
      isProcessing(film) &&
        h('progress', {
          max: '100',
          value: String(film.status === 'processing' ? film.progress : (film.nextVersion?.progress ?? 0)),
          'aria-label': `${film.title} processing progress`,
        }),
    ),
    h('td', {}, film.visibility),
    h('td', { class: 'row-actions' }, edit, film.status === 'ready' && h('a', { href: links.watch, 'aria-label': `Watch ${film.title}` }, 'Watch')),
  );
}

async function loadFilms(): Promise<void> {
  window.clearTimeout(refreshTimer);
  // Only the first load says so: the live refresh must not chatter in the status region.
  if (rows.childElementCount === 0) status.textContent = 'Loading…';
  try {
    const films = parseFilmList(await api('/api/films'));
    show(rows, ...films.map(row));
    // The upload is checked and moved in after it arrived: look again once that had time.
    showUploadPanel(me?.csrfToken ?? null, films, () => {
      void loadFilms();
      window.setTimeout(() => void loadFilms(), REFRESH_MS);
    });
    showCollections(api, films);
    status.textContent = films.length === 0 ? 'No films yet.' : '';
    if (anyProcessing(films)) refreshTimer = window.setTimeout(() => void loadFilms(), REFRESH_MS);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn('Your session has ended. Please sign in again.');
      return;
    }
    status.textContent = error instanceof ApiError ? error.message : 'The film list could not be loaded.';
  }
}

function showDashboard(account: Me): void {
  me = account;
  signIn.hidden = true;
  dashboard.hidden = false;
  void loadFilms();
}

async function onSignIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = new FormData(signIn);
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  signInError.textContent = '';
  try {
    const answer = await requestJson('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    signIn.reset();
    showDashboard(parseMe(answer));
  } catch (error) {
    signInError.textContent =
      error instanceof ApiError && error.status === 401
        ? 'That username and password do not match.'
        : error instanceof Error
          ? error.message
          : 'Sign-in failed.';
  }
}

async function onSignOut(): Promise<void> {
  try {
    await api('/api/session', { method: 'DELETE' });
    showSignIn();
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : 'Sign-out failed.';
  }
}

/** On load: the session cookie, if the browser still has a live one, signs the page in. */
async function resume(): Promise<void> {
  if (!mayHaveSession(document.cookie)) {
    showSignIn();
    return;
  }
  try {
    showDashboard(parseMe(await requestJson('/api/me')));
  } catch (error) {
    showSignIn(error instanceof ApiError && error.status !== 401 ? error.message : '');
  }
}

signIn.addEventListener('submit', (event) => void onSignIn(event));
required('#sign-out', HTMLButtonElement).addEventListener('click', () => void onSignOut());
required('#new-film', HTMLButtonElement).addEventListener('click', () => openEditor(null, api, () => void loadFilms()));
required('#refresh', HTMLButtonElement).addEventListener('click', () => {
  if (me !== null) void loadFilms();
});

void resume();
