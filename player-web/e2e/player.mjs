#!/usr/bin/env node
// Drives Screenroom's pages in headless Chromium (the machine's, through playwright-core), one
// scenario per run, and reports ONE JSON line on stdout: {"ok":bool,"scenario":"...",
// "consoleErrors":[...], ...what the scenario measured}. Exit 0 when ok, 1 when not, 2 on a
// bad command line.
//
//   node e2e/player.mjs --base http://127.0.0.1:8080 --film ID --scenario play --screenshot out.png
//   scenarios: studio-upload (with --username --password --file), studio-curate (with
//              --username --password --grantee --collection), pages, play, seek, keys, quality,
//              captions, dash, embed
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--autoplay-policy=no-user-gesture-required', '--mute-audio'];
const TIMEOUT_MS = 60000;
const POLL = { timeout: TIMEOUT_MS, polling: 100 };

function parse(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    o[argv[i].slice(2)] = argv[i + 1];
  }
  for (const key of ['base', 'scenario']) if (!o[key]) throw new Error(`--${key} is required`);
  return o;
}

const watchUrl = (o, query = 'autoplay=1&muted=1') => `${o.base}/watch/${o.film}?${query}`;

/** Waits until the player's video passed `seconds`, or its page showed a problem. */
async function playPast(page, seconds, frame = page) {
  await frame.waitForFunction((min) => {
    const s = window.__screenroom;
    if (document.body?.dataset.playerState === 'error') throw new Error(`player error: ${s?.problem?.headline}`);
    return Boolean(s?.video && s.video.currentTime > min);
  }, seconds, POLL);
}

/** In the page: the text of the first cue of a showing caption track, or false. */
const showingCue = () => {
  for (const track of Array.from(window.__screenroom.video.textTracks)) {
    if (track.mode === 'showing' && track.activeCues && track.activeCues.length > 0) return track.activeCues[0].text;
  }
  return false;
};

const state = (frame) => frame.evaluate(() => {
  const s = window.__screenroom;
  const v = s?.video;
  return {
    engine: s?.engine ?? null,
    currentTime: v?.currentTime ?? null,
    videoHeight: v?.videoHeight ?? null,
    paused: v?.paused ?? null,
    muted: v?.muted ?? null,
    problem: s?.problem?.headline ?? null,
  };
});

const scenarios = {
  async 'studio-upload'(page, o) {
    await page.goto(`${o.base}/studio`, { waitUntil: 'domcontentloaded' });
    await page.fill('#username', o.username);
    await page.fill('#password', o.password);
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#upload:not([hidden])', { timeout: TIMEOUT_MS });
    await page.waitForSelector(`#upload-film option[value="${o.film}"]`, { state: 'attached' });
    await page.selectOption('#upload-film', o.film);
    await page.setInputFiles('#upload-file', o.file);
    await page.click('#upload-start');
    await page.waitForFunction(() => /arrived whole|stopped/.test(document.querySelector('#upload-status')?.textContent ?? ''), undefined, POLL);
    const upload = await page.textContent('#upload-status');
    // Watch the film's row: every distinct status text it shows until it says Ready.
    const seen = [];
    const row = `#film-rows tr[data-film-id="${o.film}"] .badge`;
    const deadline = Date.now() + TIMEOUT_MS;
    let status = '';
    while (Date.now() < deadline) {
      status = (await page.textContent(row).catch(() => '')) ?? '';
      if (status !== '' && seen[seen.length - 1] !== status) seen.push(status);
      if (/^Ready|^Failed/.test(status)) break;
      await page.waitForTimeout(100);
    }
    // The ready film's editor shows its audience figures (none watched it yet: 0 views).
    await page.click(`#film-rows tr[data-film-id="${o.film}"] button[aria-label^="Edit"]`);
    await page.waitForSelector('#audience figcaption', { timeout: TIMEOUT_MS });
    const audience = (await page.textContent('#audience figcaption')) ?? '';
    if (o.screenshot) await page.screenshot({ path: o.screenshot, fullPage: true });
    return {
      ok: /arrived whole/.test(upload ?? '') && status === 'Ready' && /\d+ views/.test(audience),
      upload, statuses: seen, status, audience,
    };
  },

  async pages(page, o) {
    await page.goto(`${o.base}/`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.film-card', { timeout: TIMEOUT_MS });
    const cards = await page.locator('.film-card').count();
    if (o.screenshot) await page.screenshot({ path: o.screenshot.replace(/\.png$/, '-catalog.png'), fullPage: true });
    await page.goto(`${o.base}/films/${o.film}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('#film:not([hidden])', { timeout: TIMEOUT_MS });
    const title = await page.textContent('#film-title');
    if (o.screenshot) await page.screenshot({ path: o.screenshot.replace(/\.png$/, '-film.png'), fullPage: true });
    return { ok: cards > 0 && (title ?? '') !== '', cards, title };
  },

  async play(page, o) {
    await page.goto(watchUrl(o), { waitUntil: 'domcontentloaded' });
    await playPast(page, 3.2);
    // Show the controls as a viewer would see them.
    await page.mouse.move(400, 400);
    const s = await state(page);
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    return { ok: s.currentTime > 3, ...s };
  },

  async seek(page, o) {
    const target = Number(o.target ?? '8');
    await page.goto(watchUrl(o), { waitUntil: 'domcontentloaded' });
    await playPast(page, 1);
    const landed = await page.evaluate((t) => new Promise((resolve) => {
      const v = window.__screenroom.video;
      v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
      // Through the player's own seek bar, as a viewer dragging it would.
      const seek = document.querySelector('#seek');
      seek.value = String(t);
      seek.dispatchEvent(new Event('input', { bubbles: true }));
      seek.dispatchEvent(new Event('change', { bubbles: true }));
    }), target);
    await playPast(page, target + 1);
    const s = await state(page);
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    return { ok: Math.abs(landed - target) < 1 && s.currentTime > target + 1, target, landed, ...s };
  },

  async keys(page, o) {
    await page.goto(watchUrl(o), { waitUntil: 'domcontentloaded' });
    await playPast(page, 1);
    const before = await state(page);
    await page.keyboard.press('m');
    const afterM = await state(page);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.__screenroom.video.paused, undefined, POLL);
    const t0 = (await state(page)).currentTime;
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => window.__screenroom.video.currentTime >= t + 4, t0, POLL);
    const afterArrow = (await state(page)).currentTime;
    await page.keyboard.press(' ');
    await page.waitForFunction(() => !window.__screenroom.video.paused, undefined, POLL);
    const label = await page.getAttribute('#play', 'aria-label');
    return {
      ok: afterM.muted !== before.muted && Math.abs(afterArrow - t0 - 5) < 0.5 && label === 'Pause (space)',
      mutedBefore: before.muted, mutedAfter: afterM.muted, pausedAt: t0, afterArrow, playLabel: label,
    };
  },

  async quality(page, o) {
    await page.goto(watchUrl(o), { waitUntil: 'domcontentloaded' });
    await playPast(page, 1);
    const before = (await state(page)).videoHeight;
    await page.mouse.move(400, 400);
    await page.click('#quality-button');
    const items = await page.$$eval('#quality-menu [role=menuitemradio]', (els) => els.map((e) => e.textContent));
    const targetLabel = items.find((label) => /^\d+p$/.test(label) && Number.parseInt(label, 10) !== before);
    if (targetLabel === undefined) return { ok: false, error: `no other quality than ${before}p in ${JSON.stringify(items)}` };
    const target = Number.parseInt(targetLabel, 10);
    // Keyboard, as the menu promises: arrows to the item, Enter to choose.
    await page.locator('#quality-menu [role=menuitemradio]', { hasText: targetLabel }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => window.__screenroom.video.videoHeight === h, target, POLL);
    const t = (await state(page)).currentTime;
    await playPast(page, t + 0.5);
    const s = await state(page);
    const label = await page.getAttribute('#quality-button', 'aria-label');
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    return { ok: s.videoHeight === target && before !== target, before, target, items, buttonLabel: label, ...s };
  },

  async captions(page, o) {
    await page.goto(watchUrl(o, o.query ?? 'autoplay=1&muted=1'), { waitUntil: 'domcontentloaded' });
    await playPast(page, 0.5);
    await page.waitForSelector('#captions-button:not([hidden])', POLL);
    // "c", the keyboard shortcut, turns captions on.
    await page.keyboard.press('c');
    const text = await (await page.waitForFunction(showingCue, undefined, POLL)).jsonValue();
    const pressed = await page.getAttribute('#captions-button', 'aria-pressed');
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    // The choice is remembered: after a reload captions come on by themselves ...
    await page.reload({ waitUntil: 'domcontentloaded' });
    await playPast(page, 0.5);
    const rememberedCue = await (await page.waitForFunction(showingCue, undefined, POLL)).jsonValue();
    const rememberedPressed = await page.getAttribute('#captions-button', 'aria-pressed');
    // ... and turned off, they stay off after the next reload.
    await page.keyboard.press('c');
    await page.waitForFunction(() => document.querySelector('#captions-button')?.getAttribute('aria-pressed') === 'false', undefined, POLL);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#captions-button:not([hidden])', POLL);
    await playPast(page, 1.5);
    const offAfterReload = await page.evaluate(() => ({
      pressed: document.querySelector('#captions-button')?.getAttribute('aria-pressed'),
      showing: Array.from(window.__screenroom.video.textTracks).filter((t) => t.mode === 'showing').length,
    }));
    return {
      ok: typeof text === 'string' && text.length > 0 && pressed === 'true' && rememberedCue === text && rememberedPressed === 'true'
        && offAfterReload.pressed === 'false' && offAfterReload.showing === 0,
      cue: text, pressed, rememberedCue, rememberedPressed, offAfterReload, ...(await state(page)),
    };
  },

  async 'studio-curate'(page, o) {
    await page.goto(`${o.base}/studio`, { waitUntil: 'domcontentloaded' });
    await page.fill('#username', o.username);
    await page.fill('#password', o.password);
    await page.click('#sign-in button[type=submit]');
    const row = `#film-rows tr[data-film-id="${o.film}"]`;
    await page.waitForSelector(row, { timeout: TIMEOUT_MS });
    await page.click(`${row} button[aria-label^="Edit"]`);
    // Stills: pick a frame of the film's storyboard, add it, then make it the poster.
    await page.click('#frames-open');
    await page.waitForSelector('#frame-grid [role=option]', { timeout: TIMEOUT_MS });
    const frames = await page.locator('#frame-grid [role=option]').count();
    await page.locator('#frame-grid [role=option]').nth(Math.min(1, frames - 1)).click();
    await page.click('#frame-still');
    await page.waitForSelector('#still-list li[data-still-id]', { timeout: TIMEOUT_MS });
    await page.locator('#still-list li[data-still-id] button', { hasText: 'Make poster' }).first().click();
    await page.waitForFunction(() => /poster is now/.test(document.querySelector('#still-status')?.textContent ?? ''), undefined, POLL);
    await page.waitForSelector('#poster-preview:not([hidden])', { timeout: TIMEOUT_MS });
    // Who may watch: name an account.
    await page.fill('#grant-username', o.grantee);
    await page.click('#grant-form button[type=submit]');
    await page.waitForSelector(`#grant-list li[data-username="${o.grantee}"]`, { timeout: TIMEOUT_MS });
    const grantStatus = await page.textContent('#grant-status');
    if (o.screenshot) await page.locator('#editor').screenshot({ path: o.screenshot.replace(/\.png$/, '-editor.png') });
    // A collection with the film in it.
    await page.fill('#c-title', o.collection);
    await page.fill('#c-description', 'Chosen for the jury.');
    await page.selectOption('#c-visibility', 'public');
    await page.check(`#c-film-${o.film}`);
    await page.click('#collection-save');
    await page.waitForFunction(() => /^Saved/.test(document.querySelector('#collection-status')?.textContent ?? ''), undefined, POLL);
    await page.waitForFunction((t) => Array.from(document.querySelectorAll('#collection-list .collection-name')).some((e) => e.textContent === t), o.collection, POLL);
    const saved = await page.textContent('#collection-status');
    if (o.screenshot) {
      await page.locator('#collections').screenshot({ path: o.screenshot.replace(/\.png$/, '-collections.png') });
      await page.screenshot({ path: o.screenshot, fullPage: true });
    }
    return { ok: frames > 0 && /with 1 film/.test(saved ?? ''), frames, grantStatus, saved };
  },

  async dash(page, o) {
    await page.goto(watchUrl(o, 'autoplay=1&muted=1&format=dash'), { waitUntil: 'domcontentloaded' });
    await playPast(page, 3.2);
    const s = await state(page);
    if (o.screenshot) await page.screenshot({ path: o.screenshot });
    return { ok: s.engine === 'dash.js' && s.currentTime > 3, ...s };
  },

  async embed(page, o) {
    // A page on another origin that frames the player, as a filmmaker's own site would: served
    // by a small server of this script on its own loopback port (another origin, same address
    // space, so Chromium's local-network checks do not interfere).
    const html = `<!doctype html><title>A filmmaker's site</title><h1>Trailer</h1>
      <iframe id="player" src="${o.base}/embed/${o.film}?autoplay=1&muted=1" width="640" height="360"
        allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`;
    const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
    await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const outside = `http://127.0.0.1:${site.address().port}/`;
      await page.goto(outside, { waitUntil: 'domcontentloaded' });
      const handle = await page.waitForSelector('#player');
      const frame = await handle.contentFrame();
      await frame.waitForFunction(() => window.__screenroom !== undefined, undefined, POLL);
      await playPast(frame, 2);
      const s = await state(frame);
      if (o.screenshot) await page.screenshot({ path: o.screenshot });
      return { ok: s.currentTime > 2, outside, frameUrl: frame.url(), ...s };
    } finally {
      site.close();
    }
  },
};

async function main() {
  let o;
  try {
    o = parse(process.argv.slice(2));
    if (!(o.scenario in scenarios)) throw new Error(`unknown scenario ${o.scenario}`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: error.message })}\n`);
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ARGS });
  const consoleErrors = [];
  let result;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location()?.url ?? ''})`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    try {
      result = await scenarios[o.scenario](page, o);
    } catch (error) {
      result = { ok: false, error: String(error?.message ?? error).split('\n')[0] };
      if (o.screenshot) await page.screenshot({ path: o.screenshot }).catch(() => undefined);
    }
  } finally {
    await browser.close();
  }
  const ok = result.ok && consoleErrors.length === 0;
  process.stdout.write(`${JSON.stringify({ scenario: o.scenario, ...result, ok, consoleErrors })}\n`);
  process.exit(ok ? 0 : 1);
}

await main();
