import '../shared/theme.css';
import './player.css';
import { ApiError, requestJson } from '../shared/api';
import { h, required, show } from '../shared/dom';
import { type Film, type Playback, parseFilm, parsePlayback } from '../shared/film';
import { filmApiPath, filmIdFromPath } from '../shared/paths';
import { probeCapabilities } from './capabilities';
import { chooseEngine, type EngineName } from './engine';
import type { AttachOptions, EngineHandle } from './engines/engine';
import { bootPlayback } from './boot';
import { CaptionPreferenceStore } from './captionPreference';
import { PlayerControls } from './controls';
import { ACCESS_ENDED, filmStatusProblem, mediaElementFailure, mediaProblem, playbackProblem, type Problem } from './messages';
import { parseWatchOptions } from './options';
import { PlaybackTimer, QoeReporter, type QoeTransport, WatchedMeter } from './qoe';
import { ResumeStore } from './resume';
import { parseThumbnails, storyboardUrl } from './storyboard';
import { formatTime } from './tracks';

/** What tests (and curious developers) can read from the console: `window.__screenroom`. */
export interface ScreenroomDebug {
  engine: EngineName | null;
  video: HTMLVideoElement;
  filmId: string | null;
  film: Film | null;
  playback: Playback | null;
  problem: Problem | null;
  player: unknown;
  /** The engine's tracks (qualities, captions, audio), once attached. */
  tracks: EngineHandle['tracks'] | null;
  /** QoE events handed to the transport, for tests. */
  qoeSent: number;
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
const debug: ScreenroomDebug = {
  engine: null,
  video,
  filmId,
  film: null,
  playback: null,
  problem: null,
  player: null,
  tracks: null,
  qoeSent: 0,
};
window.__screenroom = debug;
let handle: EngineHandle | null = null;
const controls = new PlayerControls(video, new CaptionPreferenceStore(storageOrNull()));
const resume = new ResumeStore(storageOrNull());
const timer = new PlaybackTimer(() => performance.now());
const watched = new WatchedMeter();
let reporter: QoeReporter | null = null;
/** How often the resume position is written while playing, in milliseconds. */
const RESUME_SAVE_MS = 5000;
let lastResumeSave = 0;

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked (third-party iframe with strict settings): no resuming.
    return null;
  }
}

function setState(state: PlayerState): void {
  document.body.dataset['playerState'] = state;
}

function showProblem(problem: Problem): void {
  debug.problem = problem;
  reporter?.record({ type: 'error', position: video.currentTime, watched: watched.seconds, message: problem.headline });
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

async function attach(engine: EngineName, url: string, startAt: number): Promise<EngineHandle> {
  const attachOptions: AttachOptions = {
    autoplay: options.autoplay,
    startAt,
    onFailure: (failure) => showProblem(mediaProblem(failure)),
    onTracksChanged: () => controls.refreshMenus(),
    onQualitySwitched: (height, bitrate) => {
      reporter?.record({ type: 'quality', position: video.currentTime, watched: watched.seconds, height, bitrate });
    },
  };
  const engines = await loadEngines(engine);
  switch (engine) {
    case 'hls.js':
      return engines.hls!.attachHlsJs(video, url, attachOptions);
    case 'dash.js':
      return engines.dash!.attachDashJs(video, url, attachOptions);
    case 'native':
      return engines.native!.attachNative(video, url, attachOptions);
  }
}

interface EngineModules {
  hls?: typeof import('./engines/hlsEngine');
  dash?: typeof import('./engines/dashEngine');
  native?: typeof import('./engines/nativeEngine');
}

let engineModules: Promise<EngineModules> | null = null;

/**
 * Loads the one engine the page will use. Called first thing at start-up, so the engine's
 * download and parse (hls.js and dash.js are the page's biggest files) overlap the playback
 * API call instead of following it: the first frame comes sooner.
 */
function loadEngines(engine: EngineName): Promise<EngineModules> {
  engineModules ??= (async (): Promise<EngineModules> => {
    switch (engine) {
      case 'hls.js':
        return { hls: await import('./engines/hlsEngine') };
      case 'dash.js':
        return { dash: await import('./engines/dashEngine') };
      case 'native':
        return { native: await import('./engines/nativeEngine') };
    }
  })();
  return engineModules;
}

async function play(playback: Playback): Promise<void> {
  const choice = chooseEngine(options.format, probeCapabilities(video));
  if (choice.engine === null) {
    showProblem({ headline: 'This film cannot play in this browser.', detail: choice.reason, action: 'none' });
    return;
  }
  debug.engine = choice.engine;
  document.body.dataset['engine'] = choice.engine;
  const manifest = choice.manifest === 'dash' ? playback.dash : playback.hls;
  const startAt = options.startAt > 0 ? options.startAt : resumeAt();
  handle = await attach(choice.engine, manifest, startAt);
  debug.player = handle.instance;
  debug.tracks = handle.tracks;
  controls.attach(handle.tracks);
  if (playback.session !== null) startReporting(playback.session);
  void loadStoryboard(manifest);
}

/** Where this viewer stopped last time; offers to start over when it is not the beginning. */
function resumeAt(): number {
  if (filmId === null) return 0;
  const at = resume.positionFor(filmId, Number.NaN);
  if (at > 0) {
    const box = required('#resume', HTMLElement);
    required('#resume-text', HTMLElement).textContent = `Resuming at ${formatTime(at)}.`;
    const restart = required('#resume-restart', HTMLButtonElement);
    restart.onclick = () => {
      video.currentTime = 0;
      box.hidden = true;
    };
    box.hidden = false;
    window.setTimeout(() => (box.hidden = true), 8000);
  }
  return at;
}

/** Storyboard thumbnails are a nicety: without them the seek bar shows times only. */
async function loadStoryboard(manifest: string): Promise<void> {
  try {
    const url = storyboardUrl(new URL(manifest, location.href).toString());
    const response = await fetch(url, { credentials: 'same-origin' });
    if (response.ok) controls.setThumbnails(parseThumbnails(await response.text(), url));
  } catch {
    // No storyboard (older package) or offline: previews show the time only.
  }
}

const transport: QoeTransport = {
  post: async (url, body) => {
    debug.qoeSent += 1;
    try {
      const r = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      return r.status;
    } catch {
      return 0;
    }
  },
  beacon: (url, body) => navigator.sendBeacon(url, new Blob([body], { type: 'application/json' })),
};

/** Reports QoE for this viewing session; a 410 means access ended: playback stops. */
function startReporting(session: string): void {
  reporter = new QoeReporter(
    session,
    transport,
    () => {
      const now = handle?.tracks.current() ?? { height: 0, bitrate: 0 };
      return {
        position: video.currentTime,
        watched: watched.seconds,
        playing: !video.paused && !video.ended,
        height: now.height || video.videoHeight,
        bitrate: now.bitrate,
      };
    },
    {
      onGone: () => {
        handle?.destroy();
        video.pause();
        showProblem(ACCESS_ENDED);
      },
    },
  );
  reporter.start();
  if (timer.started) reporter.record({ type: 'start', position: video.currentTime, watched: 0, startupMs: startupMs ?? 0 });
}

let startupMs: number | null = null;

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

/** The playback answer the server sent inside the page, used once (a retry asks the API). */
function takeBootPlayback(id: string): Playback | null {
  const block = document.getElementById('playback');
  if (!(block instanceof HTMLScriptElement) || block.type !== 'application/json') return null;
  block.remove();
  return bootPlayback(block.textContent, id, Date.now());
}

async function start(id: string): Promise<void> {
  let playback: Playback;
  try {
    playback = takeBootPlayback(id) ?? parsePlayback(await requestJson(filmApiPath(id, '/playback')));
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

function saveResume(force: boolean): void {
  if (filmId === null || !video.currentTime) return;
  const now = performance.now();
  if (!force && now - lastResumeSave < RESUME_SAVE_MS) return;
  lastResumeSave = now;
  resume.save(filmId, video.currentTime, video.duration);
}

function watchQoe(): void {
  video.addEventListener('playing', () => {
    const measured = timer.playing();
    if (measured !== null && 'startupMs' in measured) {
      startupMs = Math.round(measured.startupMs);
      reporter?.record({ type: 'start', position: video.currentTime, watched: 0, startupMs });
    } else if (measured !== null) {
      reporter?.record({ type: 'stall', position: video.currentTime, watched: watched.seconds, stallMs: measured.stallMs });
    }
  });
  video.addEventListener('waiting', () => timer.waiting());
  video.addEventListener('seeking', () => {
    timer.seekStarted();
    watched.interrupt();
  });
  video.addEventListener('seeked', () => timer.seekEnded());
  video.addEventListener('pause', () => {
    watched.interrupt();
    saveResume(true);
  });
  video.addEventListener('timeupdate', () => {
    if (video.paused || video.seeking) return;
    watched.update(video.currentTime, video.playbackRate);
    saveResume(false);
  });
  video.addEventListener('ended', () => {
    reporter?.record({ type: 'end', position: video.currentTime, watched: watched.seconds });
    if (filmId !== null) resume.save(filmId, video.duration, video.duration);
  });
  const leaving = (): void => {
    saveResume(true);
    reporter?.pageHidden();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leaving();
  });
  window.addEventListener('pagehide', leaving);
}

function watchVideoElement(): void {
  video.muted = options.muted;
  watchQoe();
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
  const early = chooseEngine(options.format, probeCapabilities(video));
  if (early.engine !== null) void loadEngines(early.engine).catch(() => undefined);
  void loadFilm(filmId);
  start(filmId).catch((error: unknown) => {
    showProblem(mediaProblem({ kind: 'other', message: error instanceof Error ? error.message : String(error) }));
  });
}

main();
