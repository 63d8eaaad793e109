import '../shared/theme.css';
import './screener.css';
import { ApiError, errorSentence } from '../shared/api';
import { h, required, show } from '../shared/dom';
import type { EngineHandle } from '../player/engines/engine';
import { mediaProblem } from '../player/messages';
import { type PlayerEvent, stopReason, WatchMeter } from './heartbeat';
import { drawMark, type MarkPosition, MOVE_EVERY_MS, nextPosition } from './watermark';
import { formatClock, formatDeadline, screenerCodeFromPath } from './text';

/** How often the player reports to the server; also how fast a revocation is noticed. */
const HEARTBEAT_MS = 2000;
const DEVICE_KEY = 'screenroom.device';

interface RoomFilm {
  readonly id: string;
  readonly title: string;
  readonly logline: string | null;
  readonly ready: boolean;
  readonly plays: number;
  readonly maxPlays: number | null;
  readonly position: number;
}

interface Room {
  readonly jurorName: string;
  readonly jurorEmail: string;
  readonly festival: { readonly name: string; readonly edition: string | null };
  readonly status: string;
  readonly opensAt: string | null;
  readonly expiresAt: string;
  readonly terms: string;
  readonly termsAcceptedAt: string | null;
  readonly films: readonly RoomFilm[];
}

interface ScreenerPlayback {
  readonly hls: string;
  readonly session: string;
  readonly position: number;
  readonly watermark: string;
}

/** What tests read: `window.__screenroom`. */
interface ScreenerDebug {
  engine: string | null;
  video: HTMLVideoElement;
  problem: { headline: string } | null;
  session: string | null;
  watermark: { text: string; x: number; y: number; frames: number };
}

/** An API refusal with the server's machine-readable `reason`, when it sent one. */
class RefusedError extends ApiError {
  constructor(status: number, sentence: string | null, readonly reason: string | null) {
    super(status, sentence);
  }
}

const code = screenerCodeFromPath(location.pathname);
const video = required('#player', HTMLVideoElement);
const canvas = required('#screen', HTMLCanvasElement);
const stage = required('#stage', HTMLElement);
const notice = required('#notice', HTMLElement);
const debug: ScreenerDebug = {
  engine: null, video, problem: null, session: null, watermark: { text: '', x: 0, y: 0, frames: 0 },
};
(window as unknown as { __screenroom: ScreenerDebug }).__screenroom = debug;
let handle: EngineHandle | null = null;
let heartbeatTimer = 0;
let stopped = false;

function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (id === null || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function csrf(): Record<string, string> {
  const match = /(?:^|;\s*)sr_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] === undefined ? {} : { 'X-CSRF-Token': decodeURIComponent(match[1]) };
}

function headers(): Record<string, string> {
  const passcode = sessionStorage.getItem(`screenroom.passcode.${code ?? ''}`);
  return {
    Accept: 'application/json',
    'X-Screener-Device': deviceId(),
    ...(passcode === null ? {} : { 'X-Screener-Passcode': passcode }),
    ...csrf(),
  };
}

/** A request to the screener API; the answer's JSON, or an ApiError with the server's sentence. */
async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...headers(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const reason = (json as { reason?: unknown } | null)?.reason;
    throw new RefusedError(response.status, errorSentence(json), typeof reason === 'string' ? reason : null);
  }
  return json;
}

function setState(state: 'loading' | 'ready' | 'playing' | 'error' | 'stopped'): void {
  document.body.dataset['playerState'] = state;
}

function showNotice(headline: string, detail: string): void {
  debug.problem = { headline };
  show(notice, h('h2', { class: 'notice-title' }, headline), detail !== '' && h('p', {}, detail));
  notice.hidden = false;
}

function apiPath(suffix = ''): string {
  return `/api/screener/${encodeURIComponent(code ?? '')}${suffix}`;
}

async function loadRoom(): Promise<void> {
  let room: Room;
  try {
    room = (await call('GET', apiPath())) as Room;
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 401) {
      askPasscode(sessionStorage.getItem(`screenroom.passcode.${code ?? ''}`) !== null);
      return;
    }
    setState('error');
    showNotice(
      status === 0 ? 'The server could not be reached.' : 'This screener cannot be opened.',
      error instanceof ApiError ? (error.serverSentence ?? '') : '',
    );
    return;
  }
  required('#passcode-form', HTMLFormElement).hidden = true;
  required('#festival-name', HTMLElement).textContent =
    room.festival.edition === null ? room.festival.name : `${room.festival.name} ${room.festival.edition}`;
  if (room.termsAcceptedAt === null) {
    askTerms(room);
    return;
  }
  required('#terms', HTMLElement).hidden = true;
  renderRoom(room);
}

function askPasscode(wrong: boolean): void {
  const form = required('#passcode-form', HTMLFormElement);
  form.hidden = false;
  required('#passcode-error', HTMLElement).textContent = wrong ? 'That passcode is not right.' : '';
  form.onsubmit = (event) => {
    event.preventDefault();
    sessionStorage.setItem(`screenroom.passcode.${code ?? ''}`, required('#passcode', HTMLInputElement).value);
    void loadRoom();
  };
}

function askTerms(room: Room): void {
  required('#terms-text', HTMLElement).textContent = room.terms;
  required('#terms', HTMLElement).hidden = false;
  required('#accept-terms', HTMLButtonElement).onclick = () => {
    void call('POST', apiPath('/terms')).then(loadRoom, (error: unknown) =>
      showNotice('Your acceptance could not be recorded.', error instanceof Error ? error.message : ''),
    );
  };
}

function renderRoom(room: Room): void {
  required('#room', HTMLElement).hidden = false;
  required('#juror-greeting', HTMLElement).textContent = `Screener for ${room.jurorName}`;
  required('#deadline', HTMLElement).textContent = formatDeadline(room.status, room.opensAt, room.expiresAt);
  const items = room.films.map((film) => {
    const plays = film.maxPlays === null ? `${film.plays} plays` : `${film.plays} of ${film.maxPlays} plays used`;
    const label = film.position > 5 ? `Resume at ${formatClock(film.position)}` : 'Play';
    const button = h('button', { type: 'button', class: 'button', 'data-film-id': film.id }, label);
    button.disabled = !film.ready || room.status !== 'open';
    button.addEventListener('click', () => void play(film));
    return h('li', {}, h('h2', {}, film.title), film.logline !== null && h('p', { class: 'logline' }, film.logline),
      h('p', {}, film.ready ? plays : 'Not ready to play yet.'), button);
  });
  show(required('#films', HTMLElement), ...items);
  setState('ready');
}

async function play(film: RoomFilm): Promise<void> {
  stopPlayback();
  stopped = false;
  notice.hidden = true;
  debug.problem = null;
  setState('loading');
  let playback: ScreenerPlayback;
  try {
    playback = (await call('POST', apiPath(`/films/${encodeURIComponent(film.id)}/playback`))) as ScreenerPlayback;
  } catch (error) {
    setState('error');
    showNotice('This film cannot play now.', error instanceof ApiError ? (error.serverSentence ?? '') : '');
    return;
  }
  debug.session = playback.session;
  debug.watermark.text = playback.watermark;
  stage.hidden = false;
  const { attachHlsJs, hlsJsSupported } = await import('../player/engines/hlsEngine');
  const startAt = playback.position > 5 ? playback.position : 0;
  const options = {
    autoplay: true,
    startAt,
    onFailure: (failure: Parameters<typeof mediaProblem>[0]) => {
      if (failure.kind === 'http' && (failure.status === 410 || failure.status === 403)) {
        stop('This screener is no longer available: it was revoked or has expired.');
        return;
      }
      const problem = mediaProblem(failure);
      setState('error');
      showNotice(problem.headline, problem.detail);
    },
  };
  if (hlsJsSupported()) {
    debug.engine = 'hls.js';
    handle = attachHlsJs(video, playback.hls, options);
  } else {
    const { attachNative } = await import('../player/engines/nativeEngine');
    debug.engine = 'native';
    handle = attachNative(video, playback.hls, options);
  }
  startReporting(playback.session);
  startDrawing(playback.watermark);
}

/** Stops playback for good after the server refused the session (revoked, expired). */
function stop(sentence: string): void {
  if (stopped) return;
  stopped = true;
  stopPlayback();
  setState('stopped');
  showNotice('Playback has stopped.', sentence);
}

function stopPlayback(): void {
  window.clearInterval(heartbeatTimer);
  handle?.destroy();
  handle = null;
  video.pause();
  video.removeAttribute('src');
  video.load();
}

function startReporting(session: string): void {
  const meter = new WatchMeter();
  const queue: PlayerEvent[] = [];
  const clicked = performance.now();
  let started = false;
  let waitingSince: number | null = null;
  let lastHeight = 0;
  video.onplaying = () => {
    setState('playing');
    if (!started) {
      started = true;
      queue.push({ type: 'start', position: video.currentTime, startupMs: Math.round(performance.now() - clicked) });
    }
    if (waitingSince !== null) {
      queue.push({ type: 'stall', position: video.currentTime, stallMs: Math.round(performance.now() - waitingSince) });
      waitingSince = null;
    }
  };
  video.onwaiting = () => {
    if (started) waitingSince = performance.now();
  };
  video.onended = () => queue.push({ type: 'end', position: video.currentTime });
  video.ontimeupdate = () => {
    meter.sample(video.currentTime, performance.now(), !video.paused);
    if (video.videoHeight !== lastHeight && video.videoHeight > 0) {
      lastHeight = video.videoHeight;
      queue.push({ type: 'quality', height: video.videoHeight });
    }
  };
  const send = (): void => {
    const events: PlayerEvent[] = [...queue.splice(0), { type: 'heartbeat', position: video.currentTime, watched: meter.take() }];
    void call('POST', `/api/playback/${encodeURIComponent(session)}/events`, { events }).catch((error: unknown) => {
      if (!(error instanceof ApiError)) return;
      const reason = stopReason(error.status, error instanceof RefusedError ? error.reason : null);
      if (reason !== null) stop(error.serverSentence ?? 'This screener is no longer available.');
    });
  };
  heartbeatTimer = window.setInterval(send, HEARTBEAT_MS);
}

/** Draws every frame onto the canvas with the watermark composited into the same pixels. */
function startDrawing(text: string): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  let position: MarkPosition = nextPosition(null, Math.random);
  let movedAt = performance.now();
  const frame = (): void => {
    if (stopped) return;
    if (video.videoWidth > 0 && (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight)) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
    }
    if (performance.now() - movedAt > MOVE_EVERY_MS) {
      position = nextPosition(position, Math.random);
      movedAt = performance.now();
    }
    if (video.readyState >= 2 && canvas.width > 0) {
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      drawMark(context, text, position);
      debug.watermark = { text, x: position.x, y: position.y, frames: debug.watermark.frames + 1 };
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  guardOverlay(text, () => position);
}

/**
 * A second, DOM copy of the mark over the canvas, put back by a MutationObserver whenever it is
 * removed or restyled; the canvas copy stays regardless.
 */
function guardOverlay(text: string, where: () => MarkPosition): void {
  const make = (): HTMLElement => {
    const mark = h('div', { class: 'screener-mark', 'aria-hidden': 'true' }, text);
    mark.style.left = `${where().x * 100}%`;
    mark.style.top = `${where().y * 100}%`;
    return mark;
  };
  let mark = make();
  stage.append(mark);
  new MutationObserver(() => {
    if (!stage.contains(mark) || mark.getAttribute('style')?.includes('display') === true || mark.textContent !== text) {
      mark.remove();
      mark = make();
      stage.append(mark);
    }
  }).observe(stage, { childList: true, subtree: true, attributes: true, characterData: true });
  window.setInterval(() => {
    mark.style.left = `${where().x * 100}%`;
    mark.style.top = `${where().y * 100}%`;
  }, MOVE_EVERY_MS);
}

function wireControls(): void {
  const toggle = required('#toggle', HTMLButtonElement);
  const seek = required('#seek', HTMLInputElement);
  const clock = required('#clock', HTMLElement);
  toggle.onclick = () => (video.paused ? void video.play() : video.pause());
  video.addEventListener('play', () => (toggle.textContent = 'Pause'));
  video.addEventListener('pause', () => (toggle.textContent = 'Play'));
  video.addEventListener('timeupdate', () => {
    seek.max = String(Number.isFinite(video.duration) ? video.duration : 0);
    seek.value = String(video.currentTime);
    clock.textContent = `${formatClock(video.currentTime)} / ${formatClock(Number.isFinite(video.duration) ? video.duration : 0)}`;
  });
  seek.oninput = () => (video.currentTime = Number(seek.value));
  required('#fullscreen', HTMLButtonElement).onclick = () => void stage.requestFullscreen().catch(() => undefined);
  stage.addEventListener('contextmenu', (event) => event.preventDefault());
  canvas.addEventListener('click', () => (video.paused ? void video.play() : video.pause()));
  video.muted = new URLSearchParams(location.search).get('muted') === '1';
}

if (code === null) {
  setState('error');
  showNotice('This address does not point to a screener.', 'Check the link in your invitation.');
} else {
  wireControls();
  void loadRoom();
}
