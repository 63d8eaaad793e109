import '../shared/theme.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, type Playback, parseFilm, parsePlayback } from '../shared/film';
import { filmApiPath, filmIdFromPath } from '../shared/paths';
import { probeCapabilities } from './capabilities';
import { chooseEngine, type EngineName } from './engine';
import type { AttachOptions, EngineHandle } from './engines/engine';
import { filmStatusProblem, mediaElementFailure, mediaProblem, playbackProblem, type Problem } from './messages';
import { parseWatchOptions } from './options';

/** What tests (and curious developers) can read from the console: `window.__screenroom`. */
export interface ScreenroomDebug {
  engine: EngineName | null;
  video: HTMLVideoElement;
  filmId: string | null;
  film: Film | null;
  playback: Playback | null;
  problem: Problem | null;
  player: unknown;
}

declare global {
  interface Window {
    __screenroom: ScreenroomDebug;
  }
}

type PlayerState = 'loading' | 'playing' | 'error';

/** How often a processing film is checked again, in milliseconds. */
const PROCESSING_POLL_MS = 5000;

const video = required('#player', HTMLVideoElement);
const notice = required('#notice', HTMLElement);
const options = parseWatchOptions(location.search);
const filmId = filmIdFromPath(location.pathname, ['watch', 'embed']);
const debug: ScreenroomDebug = { engine: null, video, filmId, film: null, playback: null, problem: null, player: null };
window.__screenroom = debug;
let handle: EngineHandle | null = null;

function setState(state: PlayerState): void {
  document.body.dataset['playerState'] = state;
}

function showProblem(problem: Problem): void {
  debug.problem = problem;
  setState('error');
  const reload = h('button', { type: 'button', class: 'button' }, 'Reload');
  reload.addEventListener('click', () => location.reload());
  show(
    notice,
    h('h2', { class: 'notice-title' }, problem.headline),
    problem.detail !== '' && h('p', {}, problem.detail),
    problem.progress !== undefined &&
      h('progress', { max: '100', value: String(problem.progress), 'aria-label': 'Processing progress' }),
    problem.action === 'reload' && reload,
  );
  notice.hidden = false;
}

function renderFilm(film: Film): void {
  debug.film = film;
  document.title = `${film.title} · Screenroom`;
  required('#film-title', HTMLElement).textContent = film.title;
  required('#film-logline', HTMLElement).textContent = film.logline;
  required('#film-link', HTMLAnchorElement).href = `/films/${encodeURIComponent(film.id)}`;
  required('#film-meta', HTMLElement).hidden = false;
}

async function loadFilm(id: string): Promise<Film | null> {
  try {
    const film = parseFilm(await requestJson(filmApiPath(id)));
    renderFilm(film);
    return film;
  } catch {
    // A screener viewer may not be allowed to read the film record; the player still works.
    return null;
  }
}

async function attach(engine: EngineName, url: string): Promise<EngineHandle> {
  const attachOptions: AttachOptions = {
    autoplay: options.autoplay,
    startAt: options.startAt,
    onFailure: (failure) => showProblem(mediaProblem(failure)),
  };
  switch (engine) {
    case 'hls.js':
      return (await import('./engines/hlsEngine')).attachHlsJs(video, url, attachOptions);
    case 'dash.js':
      return (await import('./engines/dashEngine')).attachDashJs(video, url, attachOptions);
    case 'native':
      return (await import('./engines/nativeEngine')).attachNative(video, url, attachOptions);
  }
}

async function play(playback: Playback): Promise<void> {
  const choice = chooseEngine(options.format, probeCapabilities(video));
  if (choice.engine === null) {
    showProblem({ headline: 'This film cannot play in this browser.', detail: choice.reason, action: 'none' });
    return;
  }
  debug.engine = choice.engine;
  document.body.dataset['engine'] = choice.engine;
  handle = await attach(choice.engine, choice.manifest === 'dash' ? playback.dash : playback.hls);
  debug.player = handle.instance;
}

/** Keeps checking a processing film; starts playback when it becomes ready. */
function waitUntilReady(id: string): void {
  window.setTimeout(() => {
    void loadFilm(id).then((film) => {
      const problem = film === null ? null : filmStatusProblem(film);
      if (film !== null && problem === null) {
        notice.hidden = true;
        setState('loading');
        void start(id);
      } else if (problem !== null) {
        showProblem(problem);
        if (problem.action === 'wait') waitUntilReady(id);
      } else {
        waitUntilReady(id);
      }
    });
  }, PROCESSING_POLL_MS);
}

async function start(id: string): Promise<void> {
  let playback: Playback;
  try {
    playback = parsePlayback(await requestJson(filmApiPath(id, '/playback')));
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    const sentence = error instanceof ApiError ? error.serverSentence : null;
    const film = debug.film ?? (status === 409 ? await loadFilm(id) : null);
    const problem = playbackProblem(status, sentence, film);
    showProblem(problem);
    if (problem.action === 'wait') waitUntilReady(id);
    return;
  }
  debug.playback = playback;
  await play(playback);
}

function watchVideoElement(): void {
  video.muted = options.muted;
  video.addEventListener('playing', () => {
    if (debug.problem === null) setState('playing');
  });
  video.addEventListener('error', () => {
    // With MSE engines the engine's own report is more precise; keep the first problem shown.
    if (debug.problem !== null || video.error === null) return;
    showProblem(mediaProblem(mediaElementFailure(video.error.code, video.error.message)));
  });
}

function main(): void {
  setState('loading');
  document.body.classList.toggle('is-embed', location.pathname.startsWith('/embed/'));
  if (filmId === null) {
    showProblem({ headline: 'This address does not point to a film.', detail: 'Check the link you were given.', action: 'none' });
    return;
  }
  watchVideoElement();
  void loadFilm(filmId);
  start(filmId).catch((error: unknown) => {
    showProblem(mediaProblem({ kind: 'other', message: error instanceof Error ? error.message : String(error) }));
  });
}

main();
