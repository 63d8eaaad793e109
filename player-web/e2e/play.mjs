#!/usr/bin/env node
// Plays a Screenroom watch page in headless Chromium and reports, as ONE JSON line on stdout:
//   {"ok":bool,"currentTime":n,"engine":"...","videoHeight":n,"consoleErrors":[...],"failedRequests":[...], ...}
// Exit 0 only when playback passed --min-time with no console or page errors; 1 when playback
// failed; 2 on a bad command line or a missing Chromium. Nothing is downloaded: it drives the
// machine's Chromium (/usr/bin/chromium, or env CHROMIUM_PATH) through playwright-core.
//
//   node e2e/play.mjs --url 'http://127.0.0.1:8080/watch/ID?autoplay=1&muted=1' \
//     --min-time 1.5 --timeout-ms 60000 --screenshot target/play.png
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { parseOptions, UsageError, USAGE, verdict } from './options.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The page may be opened without ?autoplay=1&muted=1; let it start anyway, silently.
  '--autoplay-policy=no-user-gesture-required',
  '--mute-audio',
];
/** How often the page is polled for progress, in milliseconds. */
const POLL_MS = 100;
/** Extra time for launch and teardown beyond --timeout-ms before the script gives up on itself. */
const WATCHDOG_GRACE_MS = 30000;

function fail(code, message) {
  process.stderr.write(`play.mjs: ${message}\n`);
  process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
  process.exit(code);
}

function readOptions() {
  try {
    return parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) fail(2, `${error.message}\n${USAGE}`);
    throw error;
  }
}

function requireChromium(path) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    fail(2, `Chromium not found or not executable at ${path}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
}

/** Collects what went wrong in the page while it plays. */
function watchPage(page) {
  const consoleErrors = [];
  const failedRequests = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url;
    consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push({ url: response.url(), status: response.status() });
  });
  page.on('requestfailed', (request) => {
    failedRequests.push({ url: request.url(), error: request.failure()?.errorText ?? 'failed' });
  });
  return { consoleErrors, failedRequests };
}

/** Waits until the video passed minTime or the page reported an error state; no fixed sleeps. */
async function waitForPlayback(page, minTime, timeoutMs) {
  try {
    await page.waitForFunction(
      (min) => {
        const screenroom = window.__screenroom;
        if (document.body?.dataset.playerState === 'error') return true;
        return Boolean(screenroom?.video && screenroom.video.currentTime > min);
      },
      minTime,
      { timeout: Math.max(1, timeoutMs), polling: POLL_MS },
    );
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

async function snapshot(page) {
  return page.evaluate(() => {
    const screenroom = window.__screenroom;
    const video = screenroom?.video;
    return {
      currentTime: video ? video.currentTime : null,
      engine: screenroom?.engine ?? null,
      videoHeight: video ? video.videoHeight : null,
      videoWidth: video ? video.videoWidth : null,
      playerState: document.body?.dataset.playerState ?? null,
      problem: screenroom?.problem?.headline ?? null,
    };
  });
}

async function run(options) {
  const started = Date.now();
  const browser = await chromium.launch({ executablePath: options.chromiumPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { consoleErrors, failedRequests } = watchPage(page);
    let error = null;
    let state = { currentTime: null, engine: null, videoHeight: null, videoWidth: null, playerState: null, problem: null };
    try {
      await page.goto(options.url, { waitUntil: 'domcontentloaded', timeout: options.timeoutMs });
      error = await waitForPlayback(page, options.minTime, options.timeoutMs - (Date.now() - started));
      state = await snapshot(page);
      if (options.screenshot) {
        mkdirSync(dirname(options.screenshot), { recursive: true });
        await page.screenshot({ path: options.screenshot });
      }
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
    }
    const ok = error === null && verdict({ currentTime: state.currentTime, minTime: options.minTime, consoleErrors });
    return {
      ok,
      ...state,
      consoleErrors,
      failedRequests,
      url: options.url,
      elapsedMs: Date.now() - started,
      ...(error === null ? {} : { error }),
    };
  } finally {
    await browser.close();
  }
}

const options = readOptions();
requireChromium(options.chromiumPath);
const watchdog = setTimeout(
  () => fail(1, `gave up after ${options.timeoutMs + WATCHDOG_GRACE_MS} ms (browser hung?)`),
  options.timeoutMs + WATCHDOG_GRACE_MS,
);
watchdog.unref();
try {
  const result = await run(options);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  fail(1, `could not run Chromium: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
}
