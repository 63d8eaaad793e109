#!/usr/bin/env node
// Signs in to a Screenroom studio in headless Chromium and reports ONE JSON line on stdout:
//   {"ok":bool,"steps":{...},"csrfCookieReadable":bool,"sessionCookieReadable":bool,"error":"..."}
// It signs in through the form, reloads (the session cookie must keep the page signed in),
// signs out and reloads again (it must stay signed out). Exit 0 when every step passed, 1 when
// one failed, 2 on a bad command line. Drives the machine's Chromium (env CHROMIUM_PATH).
//
//   node e2e/studio.mjs --url http://127.0.0.1:8080 --username admin --password PASSWORD
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 15000;

function argument(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: `--${name} is required` })}\n`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

const base = argument('url');
const username = argument('username');
const password = argument('password');
const report = { ok: false, steps: {}, consoleErrors: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') report.consoleErrors.push(m.text());
  });
  await page.goto(`${base}/studio`);
  await page.locator('#sign-in').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  report.steps.signInShown = true;

  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#dashboard').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  report.steps.signedIn = true;
  const cookies = await page.evaluate(() => document.cookie);
  report.csrfCookieReadable = cookies.includes('sr_csrf=');
  report.sessionCookieReadable = cookies.includes('sr_session=');

  await page.reload();
  await page.locator('#dashboard').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  report.steps.stillSignedInAfterReload = true;

  const signOut = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE');
  await page.click('#sign-out');
  report.signOutStatus = (await signOut).status();
  await page.locator('#sign-in').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await page.reload();
  await page.locator('#sign-in').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  report.steps.signedOutAfterReload = true;
  report.ok = report.signOutStatus === 204 && !report.sessionCookieReadable && report.csrfCookieReadable;
} catch (error) {
  report.error = String(error?.message ?? error);
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(report.ok ? 0 : 1);
