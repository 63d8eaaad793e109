#!/usr/bin/env node
// Uploads a file through the studio page in headless Chromium, the way a filmmaker does: signs in,
// picks the film and the file, presses Upload; with --reload-at-percent N it reloads the page once
// the progress bar passes N %, picks the same file again and presses Upload, which must continue
// the unfinished upload (tus-js-client's fingerprint in localStorage) instead of starting over.
// The upload is slowed with Chromium's network emulation so there is time to reload.
// Reports ONE JSON line on stdout:
//   {"ok":bool,"status":"...","creations":n,"heads":n,"consoleErrors":[...],"error":"..."}
//
//   node e2e/studio-upload.mjs --url http://127.0.0.1:8080/studio --username U --password P \
//     --film-id ID --file F [--reload-at-percent N] [--screenshot PATH]
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 60000;
/** Slow enough that a few hundred KB take seconds, so the reload lands mid-upload. */
const UPLOAD_BYTES_PER_SECOND = 150 * 1024;

function parse(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) options[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['url', 'username', 'password', 'film-id', 'file']) {
    if (!options[key]) throw new Error(`--${key} is required`);
  }
  return options;
}

async function pickAndUpload(page, options) {
  await page.waitForSelector('#upload:not([hidden])', { timeout: TIMEOUT_MS });
  await page.waitForSelector(`#upload-film option[value="${options['film-id']}"]`, { state: 'attached' });
  await page.selectOption('#upload-film', options['film-id']);
  await page.setInputFiles('#upload-file', options.file);
  await page.click('#upload-start');
}

async function run(options) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const consoleErrors = [];
  let creations = 0;
  let heads = 0;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().includes('/api/uploads')) return;
      if (r.method() === 'POST') creations += 1;
      if (r.method() === 'HEAD') heads += 1;
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: UPLOAD_BYTES_PER_SECOND,
    });
    await page.goto(options.url, { waitUntil: 'domcontentloaded' });
    await page.fill('#username', options.username);
    await page.fill('#password', options.password);
    await page.click('#sign-in button[type=submit]');
    await pickAndUpload(page, options);
    if (options['reload-at-percent']) {
      const percent = Number(options['reload-at-percent']);
      await page.waitForFunction((p) => {
        const bar = document.querySelector('#upload-progress');
        return bar.max > 1 && (bar.value / bar.max) * 100 >= p;
      }, percent, { timeout: TIMEOUT_MS, polling: 50 });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await pickAndUpload(page, options);
    }
    await page.waitForFunction(
      () => /arrived whole|stopped/.test(document.querySelector('#upload-status')?.textContent ?? ''),
      undefined, { timeout: TIMEOUT_MS, polling: 100 });
    const status = await page.textContent('#upload-status');
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { ok: /arrived whole/.test(status ?? '') && consoleErrors.length === 0, status, creations, heads, consoleErrors };
  } finally {
    await browser.close();
  }
}

try {
  const result = await run(parse(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error?.message ?? error) })}\n`);
  process.exit(1);
}
