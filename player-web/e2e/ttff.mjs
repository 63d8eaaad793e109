#!/usr/bin/env node
// Time to first frame of two pages, loaded alternately RUNS times each in headless Chromium,
// every load in a fresh browser context (empty cache, no storage). The first frame is the
// first `requestVideoFrameCallback` of the page's <video>, timed from navigation start.
// Prints ONE JSON line: {"a":{"url","samples":[ms...],"median"},"b":{...},"ratio":a/b}.
//
//   node e2e/ttff.mjs --a URL --b URL [--runs 10] [--waterfall 1]
//
// --waterfall 1 also prints, to stderr, each page's last load as a waterfall (Resource Timing:
// start and end of every request from navigation start), to see what lies on the critical path.
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 === 0 ? [...pairs, [v.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const runs = Number(args.runs ?? 10);
if (!args.a || !args.b || !(runs > 0)) {
  process.stderr.write('usage: node e2e/ttff.mjs --a URL --b URL [--runs 10]\n');
  process.exit(2);
}

// Installed before any page script: the first presented frame of the first <video>.
const probe = () => {
  const watch = (video) => {
    if (video.__ttffWatched) return;
    video.__ttffWatched = true;
    video.requestVideoFrameCallback((now) => {
      window.__ttff = now;
    });
  };
  new MutationObserver(() => document.querySelectorAll('video').forEach(watch)).observe(document, { childList: true, subtree: true });
};

const waterfalls = new Map();

// In the page: navigation and every resource, times in ms from navigation start.
const timings = () =>
  [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')].map((e) => ({
    name: e.name.replace(location.origin, '').replace(/\?.*$/, ''),
    type: e.initiatorType ?? 'navigation',
    start: Math.round(e.startTime),
    firstByte: Math.round(e.responseStart),
    end: Math.round(e.responseEnd),
    bytes: e.transferSize ?? 0,
  }));

const printWaterfall = (label, w) => {
  process.stderr.write(`${label}: first frame at ${w.ttff} ms\n`);
  for (const e of w.entries) {
    process.stderr.write(`  ${String(e.start).padStart(5)} ${String(e.firstByte).padStart(5)} ${String(e.end).padStart(5)} ms ${String(e.bytes).padStart(8)} B  ${e.type.padEnd(16)} ${e.name}\n`);
  }
};

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__ttff, undefined, { timeout: 30000, polling: 10 });
    const ttff = Math.round(await handle.jsonValue());
    if (args.waterfall) waterfalls.set(url, { ttff, entries: await page.evaluate(timings) });
    return ttff;
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--mute-audio'],
});
try {
  const a = [];
  const b = [];
  // One warm-up each (Chromium's first decoder start is slower), not counted.
  await once(browser, args.a);
  await once(browser, args.b);
  for (let i = 0; i < runs; i += 1) {
    // Alternating, so background load on the machine hits both alike.
    a.push(await once(browser, args.a));
    b.push(await once(browser, args.b));
  }
  const result = {
    a: { url: args.a, samples: a, median: median(a) },
    b: { url: args.b, samples: b, median: median(b) },
    ratio: Math.round((median(a) / median(b)) * 100) / 100,
  };
  if (args.waterfall) {
    process.stderr.write('waterfall (start, first byte, end from navigation start):\n');
    printWaterfall('a', waterfalls.get(args.a));
    printWaterfall('b', waterfalls.get(args.b));
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await browser.close();
}
