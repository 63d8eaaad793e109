import '../shared/theme.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, groupCredits, parseFilm } from '../shared/film';
import { filmApiPath, filmIdFromPath } from '../shared/paths';
import { filmStatusProblem, playbackProblem } from '../player/messages';
import { filmFacts, filmLinks } from './links';

const status = required('#status', HTMLElement);

function render(film: Film): void {
  document.title = `${film.title} · Screenroom`;
  required('#film-facts', HTMLElement).textContent = filmFacts(film);
  required('#film-title', HTMLElement).textContent = film.title;
  required('#film-logline', HTMLElement).textContent = film.logline;
  const watch = required('#watch', HTMLAnchorElement);
  watch.href = filmLinks(film.id).watch;
  watch.setAttribute('aria-label', `Watch ${film.title}`);
  const notReady = filmStatusProblem(film);
  if (notReady !== null) {
    const state = required('#film-state', HTMLElement);
    state.textContent = `${notReady.headline} ${notReady.detail}`;
    state.hidden = false;
  }
  const paragraphs = film.synopsis.split(/\n{2,}/).filter((p) => p.trim() !== '');
  show(required('#film-synopsis', HTMLElement), ...paragraphs.map((p) => h('p', {}, p)));
  const credits = groupCredits(film.credits).flatMap(({ role, names }) => [
    h('dt', {}, role),
    h('dd', {}, names.join(', ')),
  ]);
  show(required('#film-credits', HTMLElement), ...credits);
  required('#film', HTMLElement).hidden = false;
  status.textContent = '';
}

async function main(): Promise<void> {
  const id = filmIdFromPath(location.pathname, ['films']);
  if (id === null) {
    status.textContent = 'This address does not point to a film.';
    return;
  }
  try {
    render(parseFilm(await requestJson(filmApiPath(id))));
  } catch (error) {
    const problem =
      error instanceof ApiError ? playbackProblem(error.status, error.serverSentence, null) : null;
    status.textContent = problem === null ? 'The film could not be shown.' : `${problem.headline} ${problem.detail}`;
  }
}

void main();
