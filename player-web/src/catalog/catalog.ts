import '../shared/theme.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, parseFilmList } from '../shared/film';
import { filmLinks, filmFacts } from './links';

const list = required('#films', HTMLUListElement);
const status = required('#status', HTMLElement);
const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
required('#q', HTMLInputElement).value = query;

function card(film: Film): HTMLLIElement {
  const links = filmLinks(film.id);
  return h(
    'li',
    { class: 'film-card' },
    h('p', { class: 'eyebrow' }, filmFacts(film)),
    h('h2', { class: 'film-card-title' }, h('a', { href: links.page }, film.title)),
    film.logline !== '' && h('p', { class: 'logline' }, film.logline),
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'button button-primary', href: links.watch, 'aria-label': `Watch ${film.title}` }, 'Watch'),
      h('a', { class: 'text-link', href: links.page, 'aria-label': `About ${film.title}` }, 'About the film'),
    ),
  );
}

async function main(): Promise<void> {
  const path = query === '' ? '/api/films' : `/api/films?q=${encodeURIComponent(query)}`;
  try {
    const films = parseFilmList(await requestJson(path));
    show(list, ...films.map(card));
    status.textContent =
      films.length > 0 ? '' : query === '' ? 'No films are showing yet.' : `No films match “${query}”.`;
  } catch (error) {
    status.textContent =
      error instanceof ApiError && error.status !== 0
        ? 'The catalog could not be loaded. Please try again in a moment.'
        : 'We could not reach the server. Check your connection and try again.';
  }
}

void main();
