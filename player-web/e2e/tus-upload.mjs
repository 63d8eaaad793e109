#!/usr/bin/env node
// Uploads a file to Screenroom with the real tus-js-client and reports ONE JSON line on stdout:
//   {"ok":bool,"url":"...","bytesSent":n,"bytesTotal":n,"aborted":bool,"resumed":bool,"error":"..."}
// Exit 0 when the upload finished (or was aborted on purpose with --abort-at-bytes), 1 when it
// failed, 2 on a bad command line.
//
//   node e2e/tus-upload.mjs --endpoint http://127.0.0.1:8080/api/uploads --token T \
//     --file clip.mp4 --film-id ID [--filename NAME] [--chunk-size N] [--abort-at-bytes N] \
//     [--url-storage FILE]
//
// --url-storage keeps tus-js-client's fingerprint -> upload URL map in FILE, so a later run (a new
// client instance) finds the unfinished upload and resumes it, as the studio page does after a
// reload with the browser's localStorage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FileUrlStorage, Upload } from 'tus-js-client';

const USAGE = 'usage: tus-upload.mjs --endpoint URL --token T --file F --film-id ID '
  + '[--filename NAME] [--chunk-size N] [--abort-at-bytes N] [--url-storage FILE]';
/** Quick retries: the tests restart the server under the client. */
const RETRY_DELAYS = [0, 200, 500, 1000, 2000];

function parse(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith('--') || value === undefined) throw new Error(`bad argument ${key}`);
    options[key.slice(2)] = value;
  }
  for (const required of ['endpoint', 'token', 'file', 'film-id']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  return options;
}

function report(code, result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(code);
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`tus-upload.mjs: ${error.message}\n${USAGE}\n`);
  report(2, { ok: false, error: error.message });
}

const data = readFileSync(options.file);
const abortAt = options['abort-at-bytes'] === undefined ? Infinity : Number(options['abort-at-bytes']);
const state = { bytesSent: 0, aborted: false, resumed: false, url: null };

const upload = new Upload(data, {
  endpoint: options.endpoint,
  headers: { Authorization: `Bearer ${options.token}` },
  metadata: { filmId: options['film-id'], filename: options.filename ?? basename(options.file) },
  chunkSize: options['chunk-size'] ? Number(options['chunk-size']) : Infinity,
  retryDelays: RETRY_DELAYS,
  storeFingerprintForResuming: Boolean(options['url-storage']),
  removeFingerprintOnSuccess: true,
  ...(options['url-storage'] ? { urlStorage: new FileUrlStorage(options['url-storage']) } : {}),
  onProgress(bytesSent) {
    state.bytesSent = bytesSent;
    state.url = upload.url;
    if (bytesSent >= abortAt && !state.aborted) {
      state.aborted = true;
      // abort() cuts the PATCH off mid-body; the server keeps what arrived.
      upload.abort().then(() => report(0, { ok: true, ...state, bytesTotal: data.length }));
    }
  },
  onSuccess() {
    report(0, { ok: true, ...state, url: upload.url, bytesSent: data.length, bytesTotal: data.length });
  },
  onError(error) {
    report(1, { ok: false, ...state, url: upload.url, bytesTotal: data.length, error: String(error.message ?? error) });
  },
});

const previous = await upload.findPreviousUploads();
if (previous.length > 0) {
  state.resumed = true;
  upload.resumeFromPreviousUpload(previous[0]);
}
upload.start();
