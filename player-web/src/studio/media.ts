import { ApiError } from '../shared/api';
import { h, required, show } from '../shared/dom';
import type { Film } from '../shared/film';
import { filmApiPath } from '../shared/paths';
import { parsePlayback } from '../shared/film';
import { parseThumbnails, storyboardUrl, type Thumbnail } from '../player/storyboard';
import { formatTime } from '../player/tracks';
import { frameChoices, grantUsername, parseGrants, parseStills } from './curate';

/** Sends an API request with the session (the studio's `api`). */
type Api = (path: string, init?: RequestInit) => Promise<unknown>;

/** How many frames of the storyboard the picker offers. */
const FRAMES = 12;

const stillList = required('#still-list', HTMLUListElement);
const stillForm = required('#still-form', HTMLFormElement);
const stillFile = required('#still-file', HTMLInputElement);
const stillStatus = required('#still-status', HTMLElement);
const framesOpen = required('#frames-open', HTMLButtonElement);
const framePicker = required('#frame-picker', HTMLElement);
const frameGrid = required('#frame-grid', HTMLElement);
const frameStill = required('#frame-still', HTMLButtonElement);
const framePoster = required('#frame-poster', HTMLButtonElement);
const grantList = required('#grant-list', HTMLUListElement);
const grantForm = required('#grant-form', HTMLFormElement);
const grantInput = required('#grant-username', HTMLInputElement);
const grantStatus = required('#grant-status', HTMLElement);

const message = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong.';

let chosenFrame: HTMLCanvasElement | null = null;

async function loadStills(api: Api, film: Film, onChanged: () => void): Promise<void> {
  try {
    const stills = parseStills(await api(filmApiPath(film.id)));
    show(
      stillList,
      ...(stills.length === 0 ? [h('li', { class: 'muted' }, 'No stills yet.')] : []),
      ...stills.map((still, i) => {
        const label = `still ${i + 1}`;
        const poster = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Make ${label} the poster` }, 'Make poster');
        poster.addEventListener('click', () => {
          stillStatus.textContent = 'Setting the poster…';
          void fetch(still.url, { credentials: 'same-origin' })
            .then(async (r) => {
              if (!r.ok) throw new Error('The still could not be read.');
              await api(filmApiPath(film.id, '/poster'), { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: await r.blob() });
              stillStatus.textContent = `The poster is now ${label}.`;
              onChanged();
            })
            .catch((e: unknown) => (stillStatus.textContent = message(e)));
        });
        const remove = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Remove ${label}` }, 'Remove');
        remove.addEventListener('click', () => {
          void api(filmApiPath(film.id, `/stills/${encodeURIComponent(still.id)}`), { method: 'DELETE' })
            .then(() => {
              stillStatus.textContent = `Removed ${label}.`;
              return loadStills(api, film, onChanged);
            })
            .catch((e: unknown) => (stillStatus.textContent = message(e)));
        });
        return h('li', { 'data-still-id': still.id }, h('img', { src: still.url, alt: `Still ${i + 1} of ${film.title}`, loading: 'lazy' }), poster, remove);
      }),
    );
  } catch (error) {
    stillStatus.textContent = message(error);
  }
}

/** One storyboard frame drawn on its own canvas (same origin, so it can become a JPEG). */
async function frameCanvas(thumb: Thumbnail, sprites: Map<string, Promise<HTMLImageElement>>): Promise<HTMLCanvasElement> {
  let sprite = sprites.get(thumb.url);
  if (sprite === undefined) {
    const img = new Image();
    img.src = thumb.url;
    sprite = img.decode().then(() => img);
    sprites.set(thumb.url, sprite);
  }
  const image = await sprite;
  const canvas = h('canvas', { width: String(thumb.width), height: String(thumb.height), 'aria-hidden': 'true' });
  canvas.getContext('2d')?.drawImage(image, thumb.x, thumb.y, thumb.width, thumb.height, 0, 0, thumb.width, thumb.height);
  return canvas;
}

function chooseFrame(button: HTMLButtonElement, canvas: HTMLCanvasElement): void {
  for (const other of Array.from(frameGrid.querySelectorAll('[role=option]'))) other.setAttribute('aria-selected', 'false');
  button.setAttribute('aria-selected', 'true');
  chosenFrame = canvas;
  frameStill.disabled = false;
  framePoster.disabled = false;
}

async function openFrames(api: Api, film: Film): Promise<void> {
  framePicker.hidden = false;
  chosenFrame = null;
  frameStill.disabled = true;
  framePoster.disabled = true;
  show(frameGrid, h('p', { class: 'muted' }, 'Loading the film’s frames…'));
  try {
    if (film.status !== 'ready') throw new Error('Frames can be picked once the film is ready.');
    const playback = parsePlayback(await api(filmApiPath(film.id, '/playback')));
    const vtt = storyboardUrl(new URL(playback.hls, location.href).toString());
    const response = await fetch(vtt, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('This film has no storyboard to pick frames from.');
    const frames = frameChoices(parseThumbnails(await response.text(), vtt), FRAMES);
    const sprites = new Map<string, Promise<HTMLImageElement>>();
    const buttons = await Promise.all(
      frames.map(async (thumb) => {
        const canvas = await frameCanvas(thumb, sprites);
        const button = h('button', { type: 'button', class: 'frame', role: 'option', 'aria-selected': 'false', 'aria-label': `Frame at ${formatTime(thumb.start)}` }, canvas, h('span', {}, formatTime(thumb.start)));
        button.addEventListener('click', () => chooseFrame(button, canvas));
        return button;
      }),
    );
    show(frameGrid, ...buttons);
  } catch (error) {
    show(frameGrid, h('p', { class: 'muted' }, message(error)));
  }
}

const jpeg = (canvas: HTMLCanvasElement): Promise<Blob> =>
  new Promise((resolve, reject) => canvas.toBlob((b) => (b === null ? reject(new Error('The frame could not be encoded.')) : resolve(b)), 'image/jpeg', 0.92));

async function loadGrants(api: Api, film: Film): Promise<void> {
  try {
    const grants = parseGrants(await api(filmApiPath(film.id, '/grants')));
    show(
      grantList,
      ...(grants.length === 0 ? [h('li', { class: 'muted' }, film.visibility === 'private' ? 'Only you can watch it.' : 'Nobody named yet.')] : []),
      ...grants.map((g) => {
        const remove = h('button', { type: 'button', class: 'button button-small', 'aria-label': `Stop ${g.username} watching` }, 'Remove');
        remove.addEventListener('click', () => {
          void api(filmApiPath(film.id, `/grants/${encodeURIComponent(g.username)}`), { method: 'DELETE' })
            .then(() => {
              grantStatus.textContent = `${g.username} can no longer watch it.`;
              return loadGrants(api, film);
            })
            .catch((e: unknown) => (grantStatus.textContent = message(e)));
        });
        return h('li', { 'data-username': g.username }, h('span', {}, g.username), remove);
      }),
    );
  } catch (error) {
    grantStatus.textContent = message(error);
  }
}

/**
 * Wires the stills and access sections of the editor for `film`; `onChanged` refreshes the
 * editor and the film list after the poster changed.
 */
export function openFilmMedia(film: Film, api: Api, onChanged: () => void): void {
  stillStatus.textContent = '';
  grantStatus.textContent = '';
  framePicker.hidden = true;
  show(frameGrid);
  void loadStills(api, film, onChanged);
  void loadGrants(api, film);

  framesOpen.onclick = () => void openFrames(api, film);
  const sendFrame = (asPoster: boolean): void => {
    const canvas = chosenFrame;
    if (canvas === null) return;
    stillStatus.textContent = asPoster ? 'Setting the poster…' : 'Adding the still…';
    void jpeg(canvas)
      .then((blob) =>
        api(filmApiPath(film.id, asPoster ? '/poster' : '/stills'), { method: asPoster ? 'PUT' : 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: blob }),
      )
      .then(() => {
        stillStatus.textContent = asPoster ? 'Poster updated.' : 'Still added.';
        if (asPoster) onChanged();
        return loadStills(api, film, onChanged);
      })
      .catch((e: unknown) => (stillStatus.textContent = message(e)));
  };
  frameStill.onclick = () => sendFrame(false);
  framePoster.onclick = () => sendFrame(true);

  stillForm.onsubmit = (event) => {
    event.preventDefault();
    const file = stillFile.files?.[0];
    if (file === undefined) return;
    const type = ['image/jpeg', 'image/png', 'image/webp'].includes(file.type) ? file.type : null;
    if (type === null) {
      stillStatus.textContent = 'Choose a JPEG, PNG or WebP image.';
      return;
    }
    stillStatus.textContent = 'Uploading…';
    api(filmApiPath(film.id, '/stills'), { method: 'POST', headers: { 'Content-Type': type }, body: file })
      .then(() => {
        stillForm.reset();
        stillStatus.textContent = 'Still added.';
        return loadStills(api, film, onChanged);
      })
      .catch((e: unknown) => (stillStatus.textContent = message(e)));
  };

  grantForm.onsubmit = (event) => {
    event.preventDefault();
    const checked = grantUsername(grantInput.value);
    if (!checked.ok) {
      grantStatus.textContent = checked.error;
      grantInput.focus();
      return;
    }
    api(filmApiPath(film.id, '/grants'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: checked.value }) })
      .then(() => {
        grantForm.reset();
        grantStatus.textContent =
          film.visibility === 'private' ? `${checked.value} can watch it now.` : `${checked.value} can watch it once you make the film private.`;
        return loadGrants(api, film);
      })
      .catch((e: unknown) => (grantStatus.textContent = message(e)));
  };
}
