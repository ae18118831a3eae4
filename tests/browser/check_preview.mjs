// Checks folio watch --serve's preview page (issue 22) as check_html.mjs checks folio's HTML:
//   1. validity: the Nu HTML Checker (vnu.jar) reports no error in the page as served (saved to
//      PAGE_FILE by the caller);
//   2. WCAG 2.2 AA: axe-core in Debian's headless Chromium, on the live page at URL, reports no
//      violation (the same tags as check_html.mjs), at 1280 px and at 320 px, where nothing may
//      scroll sideways;
//   3. reload: after the caller's edit (it touches the source once the page is open, told by the
//      line "ready" on stdout and answered by a line on stdin), the page shows build 2 and its frames
//      load the new outputs, without the page itself being reloaded, told by server-sent events;
//      and a page whose browser has no EventSource polls /status instead.
//
// Usage: node check_preview.mjs URL PAGE_FILE [SCREENSHOT.png]
// Exit status: 0 clean, 1 a finding, 2 a tool could not run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const [url, page_file, screenshot] = process.argv.slice(2);

function broken(message) {
  console.error(`check_preview: ERROR: ${message}`);
  process.exit(2);
}

function vnu(file) {
  const r = spawnSync('java', ['-jar', require('vnu-jar'), '--format', 'json', '--stdout', file], { encoding: 'utf8' });
  if (r.error) broken(`cannot run vnu.jar: ${r.error.message}`);
  return JSON.parse(r.stdout).messages.filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `vnu: ${m.lastLine}:${m.firstColumn}: ${m.message}`);
}

async function axe(page, source) {
  await page.evaluate(source);
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, AXE_TAGS);
  return violations;
}

async function sideways(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return document.documentElement.scrollWidth > width ? [`at ${width}px the page scrolls sideways`] : [];
  });
}

if (!url || !page_file) broken('usage: node check_preview.mjs URL PAGE_FILE [SCREENSHOT.png]');
const problems = vnu(page_file);
const { chromium } = require('playwright-core');
const axe_source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
} catch (e) {
  rmSync(profile, { recursive: true, force: true });
  broken(`Chromium could not start: ${e.message.split('\n')[0]}`);
}
try {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`browser: ${m.text()}`); });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  problems.push(...await axe(page, axe_source), ...await sideways(page));
  if (screenshot) await page.screenshot({ path: screenshot });
  // The reload: the caller edits the source; the page must show build 2 and point its frames at it.
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations += 1; });
  console.log('ready');
  await new Promise((done) => createInterface({ input: process.stdin }).once('line', done));
  try {
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Build 2 '), null, { timeout: 10000 });
    const html_src = await page.getAttribute('iframe[title="The HTML output"]', 'src');
    if (!html_src.endsWith('?build=2')) problems.push(`after build 2 the HTML frame shows ${html_src}`);
    if (navigations !== 0) problems.push('the page reloaded itself instead of its frames');
    // told by the server-sent events of /events, not by polling /status (its fallback)
    const updates = await page.evaluate(() => document.body.dataset.updates);
    if (updates !== 'events') problems.push(`the page learnt of build 2 by ${updates}, not by server-sent events`);
  } catch {
    problems.push(`the page did not show build 2: "${await page.textContent('#status')}"`);
  }
  // The fallback: a browser without EventSource polls /status instead.
  const old_browser = await context.newPage();
  await old_browser.addInitScript(() => { delete window.EventSource; });
  const polled = old_browser.waitForRequest((r) => new URL(r.url()).pathname === '/status', { timeout: 15000 }).catch(() => null);
  await old_browser.goto(url, { waitUntil: 'load' });
  if (!(await polled)) problems.push('without EventSource the page does not poll /status');
  const mode = await old_browser.evaluate(() => document.body.dataset.updates);
  if (mode !== 'polling') problems.push(`without EventSource the page says it updates by ${mode}`);
  await old_browser.close();
  await page.setViewportSize({ width: 320, height: 640 });
  problems.push(...(await axe(page, axe_source)).map((p) => `at 320px: ${p}`), ...await sideways(page));
  problems.push(...errors);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
for (const p of problems) console.error(`check_preview: ${p}`);
process.exit(problems.length === 0 ? 0 : 1);
