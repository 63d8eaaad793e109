import '../shared/theme.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, parseFilmList } from '../shared/film';
import { filmLinks } from '../catalog/links';
import { basicAuthorization } from './basicAuth';
import { anyProcessing, statusLabel } from './status';
import { hideUploadPanel, showUploadPanel } from './upload';

/** The API token lives for this tab only. */
const TOKEN_KEY = 'screenroom.token';
/** How often the list refreshes while a film is processing, in milliseconds. */
const REFRESH_MS = 5000;

const signIn = required('#sign-in', HTMLFormElement);
const signInError = required('#sign-in-error', HTMLElement);
const dashboard = required('#dashboard', HTMLElement);
const rows = required('#film-rows', HTMLTableSectionElement);
const status = required('#status', HTMLElement);
let refreshTimer: number | undefined;

function showSignIn(message = ''): void {
  sessionStorage.removeItem(TOKEN_KEY);
  window.clearTimeout(refreshTimer);
  dashboard.hidden = true;
  signIn.hidden = false;
  hideUploadPanel();
  signInError.textContent = message;
}

function row(film: Film): HTMLTableRowElement {
  const links = filmLinks(film.id);
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: links.page }, film.title)),
    h(
      'td',
      {},
      h('span', { class: `badge badge-${film.status}` }, statusLabel(film)),
      film.status === 'processing' &&
        h('progress', { max: '100', value: String(film.progress), 'aria-label': `${film.title} processing progress` }),
    ),
    h('td', {}, film.visibility),
    h('td', {}, film.status === 'ready' && h('a', { href: links.watch, 'aria-label': `Watch ${film.title}` }, 'Watch')),
  );
}

async function loadFilms(token: string): Promise<void> {
  window.clearTimeout(refreshTimer);
  status.textContent = 'Loading…';
  try {
    const films = parseFilmList(await requestJson('/api/films', { headers: { Authorization: `Bearer ${token}` } }));
    show(rows, ...films.map(row));
    // The upload is checked and moved in after it arrived: look again once that had time.
    showUploadPanel(token, films, () => {
      void loadFilms(token);
      window.setTimeout(() => void loadFilms(token), REFRESH_MS);
    });
    status.textContent = films.length === 0 ? 'No films yet.' : '';
    if (anyProcessing(films)) refreshTimer = window.setTimeout(() => void loadFilms(token), REFRESH_MS);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn('Your session has ended. Please sign in again.');
      return;
    }
    status.textContent = error instanceof ApiError ? error.message : 'The film list could not be loaded.';
  }
}

function showDashboard(token: string): void {
  signIn.hidden = true;
  dashboard.hidden = false;
  void loadFilms(token);
}

async function onSignIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = new FormData(signIn);
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  signInError.textContent = '';
  try {
    const answer = await requestJson('/api/tokens', {
      method: 'POST',
      headers: { Authorization: basicAuthorization(username, password) },
    });
    const token = (answer as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || token === '') throw new ApiError(500, 'The server sent no token.');
    sessionStorage.setItem(TOKEN_KEY, token);
    signIn.reset();
    showDashboard(token);
  } catch (error) {
    signInError.textContent =
      error instanceof ApiError && error.status === 401
        ? 'That username and password do not match.'
        : error instanceof Error
          ? error.message
          : 'Sign-in failed.';
  }
}

signIn.addEventListener('submit', (event) => void onSignIn(event));
required('#sign-out', HTMLButtonElement).addEventListener('click', () => showSignIn());
required('#refresh', HTMLButtonElement).addEventListener('click', () => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token !== null) void loadFilms(token);
});

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved === null) showSignIn();
else showDashboard(saved);
