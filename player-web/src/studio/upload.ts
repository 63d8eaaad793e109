import { CSRF_HEADER } from './session';
import { Upload } from 'tus-js-client';
import { h, required, show } from '../shared/dom';
import type { Film } from '../shared/film';
import { formatBytes, formatSpeed, formatTimeLeft, SpeedMeter } from './transfer';

/**
 * The studio's upload panel: pick one of your films and a file, upload it with tus (resumable:
 * pause and resume, and after a page reload pick the same file again to continue where it
 * stopped; tus-js-client remembers unfinished uploads in localStorage).
 */
const panel = required('#upload', HTMLElement);
const form = required('#upload-form', HTMLFormElement);
const filmSelect = required('#upload-film', HTMLSelectElement);
const fileInput = required('#upload-file', HTMLInputElement);
const startButton = required('#upload-start', HTMLButtonElement);
const pauseButton = required('#upload-pause', HTMLButtonElement);
const bar = required('#upload-progress', HTMLProgressElement);
const line = required('#upload-status', HTMLElement);

let current: Upload | null = null;
const meter = new SpeedMeter();

function setRunning(running: boolean): void {
  startButton.disabled = running;
  pauseButton.disabled = !running;
  filmSelect.disabled = running;
  fileInput.disabled = running;
}

function report(sent: number, total: number): void {
  meter.add(performance.now(), sent);
  bar.max = total;
  bar.value = sent;
  const percent = total === 0 ? 100 : Math.floor((sent / total) * 100);
  line.textContent = `${percent}% · ${formatBytes(sent)} of ${formatBytes(total)} · `
    + `${formatSpeed(meter.bytesPerSecond())} · ${formatTimeLeft(meter.secondsLeft(total))} left`;
}

async function start(csrfToken: string | null, onDone: () => void): Promise<void> {
  const file = fileInput.files?.[0];
  const filmId = filmSelect.value;
  if (file === undefined || filmId === '') {
    line.textContent = 'Choose a film and a file first.';
    return;
  }
  meter.reset();
  const upload = new Upload(file, {
    endpoint: '/api/uploads',
    // The session cookie travels by itself (same origin); writes carry the session's CSRF token.
    headers: csrfToken === null ? {} : { [CSRF_HEADER]: csrfToken },
    metadata: { filmId, filename: file.name },
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true,
    onProgress: report,
    onSuccess: () => {
      setRunning(false);
      current = null;
      line.textContent = `${file.name} arrived whole. It is checked and processed now.`;
      onDone();
    },
    onError: (error) => {
      setRunning(false);
      current = null;
      line.textContent = `The upload stopped: ${error.message}. Press Upload to continue where it stopped.`;
    },
  });
  const [previous] = await upload.findPreviousUploads();
  if (previous !== undefined) {
    upload.resumeFromPreviousUpload(previous);
    line.textContent = 'Continuing an unfinished upload of this file…';
  }
  current = upload;
  setRunning(true);
  upload.start();
}

/**
 * Shows the panel for `films`, uploading with the session's `csrfToken`; `onDone` refreshes the
 * film list.
 */
export function showUploadPanel(csrfToken: string | null, films: Film[], onDone: () => void): void {
  const chosen = filmSelect.value;
  show(filmSelect, h('option', { value: '' }, 'Choose a film…'),
    ...films.map((f) => h('option', { value: f.id }, f.title)));
  filmSelect.value = films.some((f) => f.id === chosen) ? chosen : '';
  panel.hidden = false;
  form.onsubmit = (event) => {
    event.preventDefault();
    void start(csrfToken, onDone);
  };
}

/** Hides the panel (signed out), pausing any upload in progress. */
export function hideUploadPanel(): void {
  void current?.abort();
  current = null;
  setRunning(false);
  panel.hidden = true;
}

pauseButton.addEventListener('click', () => {
  if (current === null) return;
  void current.abort();
  current = null;
  setRunning(false);
  line.textContent = `${line.textContent ?? ''} · paused: press Upload to resume.`;
});
setRunning(false);
