#!/usr/bin/env node
// Plays a Screenroom screener room (/s/{code}) in headless Chromium as a juror: accepts the terms,
// starts the first film, checks the watermark is composited over the playing picture (and survives
// hiding its DOM copy), then revokes the pass through the API and measures how long playback takes
// to stop. Prints ONE JSON line on stdout; exit 0 when it played, carried the watermark and stopped.
//
//   node e2e/screener.mjs --url 'http://127.0.0.1:8080/s/CODE?muted=1' \
//     --revoke-url http://127.0.0.1:8080/api/screeners/ID --token TOKEN \
//     --min-time 1.5 --timeout-ms 60000 --screenshot target/screener.png
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--mute-audio'];
const POLL_MS = 50;

function options(argv) {
  const out = { url: '', revokeUrl: '', token: '', minTime: 1.5, timeoutMs: 60000, screenshot: null,
    chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--url') out.url = value;
    else if (flag === '--revoke-url') out.revokeUrl = value;
    else if (flag === '--token') out.token = value;
    else if (flag === '--min-time') out.minTime = Number(value);
    else if (flag === '--timeout-ms') out.timeoutMs = Number(value);
    else if (flag === '--screenshot') out.screenshot = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!out.url || !out.revokeUrl || !out.token) throw new Error('--url, --revoke-url and --token are required');
  return out;
}

function fail(code, message) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
  process.exit(code);
}

async function run(o) {
  const browser = await chromium.launch({ executablePath: o.chromiumPath, headless: true, args: ARGS });
  const errorsBeforeRevoke = [];
  let revoked = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errorsBeforeRevoke.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !revoked) errorsBeforeRevoke.push(m.text());
    });
    await page.goto(o.url, { waitUntil: 'domcontentloaded', timeout: o.timeoutMs });
    await page.locator('#accept-terms').click({ timeout: o.timeoutMs });
    await page.locator('button[data-film-id]').first().click({ timeout: o.timeoutMs });
    await page.waitForFunction((min) => window.__screenroom?.video?.currentTime > min && window.__screenroom.watermark.frames > 0,
      o.minTime, { timeout: o.timeoutMs, polling: POLL_MS });
    // Hide the DOM copy of the mark: the canvas keeps drawing it, and the copy comes back.
    const before = await page.evaluate(() => {
      const mark = document.querySelector('.screener-mark');
      if (mark) mark.style.display = 'none';
      return { frames: window.__screenroom.watermark.frames, hidden: mark !== null };
    });
    await page.waitForFunction((f) => window.__screenroom.watermark.frames > f + 5, before.frames,
      { timeout: 10000, polling: POLL_MS });
    const marked = await page.evaluate(() => {
      const mark = document.querySelector('.screener-mark');
      const video = window.__screenroom.video;
      const canvas = document.querySelector('#screen');
      return {
        watermarkText: window.__screenroom.watermark.text,
        watermarkFrames: window.__screenroom.watermark.frames,
        overlayBack: mark !== null && getComputedStyle(mark).display !== 'none' && mark.textContent,
        videoVisible: getComputedStyle(video).opacity !== '0',
        canvasSize: [canvas.width, canvas.height],
        currentTime: video.currentTime,
        downloadLinks: document.querySelectorAll('a[download], a[href*=".m3u8"], a[href*=".mp4"]').length,
      };
    });
    if (o.screenshot) {
      mkdirSync(dirname(o.screenshot), { recursive: true });
      await page.screenshot({ path: o.screenshot });
    }
    const response = await fetch(o.revokeUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${o.token}` } });
    revoked = true;
    const revokedAt = Date.now();
    if (!response.ok) throw new Error(`revoking answered ${response.status}`);
    await page.waitForFunction(() => document.body.dataset.playerState === 'stopped'
      && window.__screenroom.video.paused && window.__screenroom.video.readyState === 0,
    undefined, { timeout: 30000, polling: POLL_MS });
    const stoppedAfterMs = Date.now() - revokedAt;
    const after = await page.evaluate(() => ({
      notice: document.querySelector('#notice')?.textContent ?? '',
      playerState: document.body.dataset.playerState,
    }));
    return { ...marked, ...after, stoppedAfterMs, errorsBeforeRevoke };
  } finally {
    await browser.close();
  }
}

let o;
try {
  o = options(process.argv.slice(2));
  accessSync(o.chromiumPath, constants.X_OK);
} catch (e) {
  fail(2, e instanceof Error ? e.message : String(e));
}
const watchdog = setTimeout(() => fail(1, 'gave up (browser hung?)'), o.timeoutMs + 60000);
watchdog.unref();
try {
  const result = await run(o);
  const ok = result.errorsBeforeRevoke.length === 0 && result.stoppedAfterMs < 5000 && !result.videoVisible
    && Boolean(result.overlayBack) && result.downloadLinks === 0;
  process.stdout.write(`${JSON.stringify({ ok, ...result })}\n`);
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  fail(1, e instanceof Error ? e.message.split('\n')[0] : String(e));
}
