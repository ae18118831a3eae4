// Checks folio's HTML output the way an accessibility auditor would, and fails on any finding:
//   1. validity: the Nu HTML Checker (vnu.jar, run with the system's Java) reports no error;
//   2. WCAG 2.2 AA: axe-core, run inside Debian's headless Chromium through playwright-core,
//      reports no violation for the wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa and best-practice
//      tags;
//   3. reflow (WCAG 1.4.10): at a 320 CSS px wide viewport nothing scrolls sideways and no element
//      is wider than the viewport;
//   4. text resize (WCAG 1.4.4): with the reader's text size doubled, the body text doubles too
//      (sizes are relative) and still nothing scrolls sideways at 640 px;
//   5. focus (WCAG 2.4.7, 2.4.1): the first Tab stop is the skip link, visible and outlined;
//   6. in-page links: every href="#id" names an element that exists.
//
// Usage: node check_html.mjs [--screenshots DIR] FILE.html...
// Exit status: 0 all clean, 1 a finding, 2 a tool (Java, Chromium) could not run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/// Prints a message for a tool that cannot run and exits with status 2 (never a silent pass).
function broken(message) {
  console.error(`check_html: ERROR: ${message}`);
  process.exit(2);
}

function parse_args(argv) {
  const files = [];
  let screenshots = null;
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--screenshots') screenshots = argv[++i];
    else files.push(resolve(argv[i]));
  }
  if (files.length === 0) broken('usage: node check_html.mjs [--screenshots DIR] FILE.html...');
  return { files, screenshots };
}

/// vnu on every file at once; returns the error messages as "file:line:col: message".
function run_vnu(files) {
  let jar;
  try {
    jar = require('vnu-jar');
  } catch {
    broken('the npm package vnu-jar is missing; run npm ci in tests/browser');
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    broken('Java is not installed (apt-get install default-jre-headless); vnu.jar needs it');
  }
  const r = spawnSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) broken(`cannot run vnu.jar: ${r.error.message}`);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    broken(`vnu.jar gave no JSON report (status ${r.status}): ${r.stderr}${r.stdout}`);
  }
  const errors = [];
  for (const m of report.messages) {
    const where = `${m.url ? basename(decodeURIComponent(m.url)) : '?'}:${m.lastLine ?? 0}:${m.firstColumn ?? 0}`;
    if (m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal') {
      errors.push(`${where}: vnu error: ${m.message} ${m.extract ? `[${m.extract.trim()}]` : ''}`);
    } else {
      console.log(`${where}: vnu ${m.subType ?? m.type}: ${m.message}`);
    }
  }
  return errors;
}

/// Starts Chromium with a fresh profile; exits with a clear message when it cannot start.
async function start_chromium() {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    broken('the npm package playwright-core is missing; run npm ci in tests/browser');
  }
  const profile = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000,
      viewport: { width: 1280, height: 900 },
    });
    return { context, profile };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    broken(`Chromium could not start (${CHROMIUM}; apt-get install chromium): ${e.message.split('\n')[0]}`);
  }
}

/// axe-core in the page; returns the violations as readable lines.
async function run_axe(page, axe_source) {
  await page.evaluate(axe_source);
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const brief = (list) => list.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
    return { violations: brief(r.violations), incomplete: brief(r.incomplete) };
  }, AXE_TAGS);
  for (const v of result.incomplete) {
    console.log(`  axe needs review: ${v.id} (${v.help}) on ${v.nodes.length} node(s)`);
  }
  return result.violations.map((v) => `axe ${v.impact} ${v.id}: ${v.help}\n      ${v.nodes.slice(0, 5).join('\n      ')}`);
}

/// Elements wider than the viewport or sticking out of it, and whether the page scrolls sideways.
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px content in ${width}px)`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 0.5 || r.left < -0.5 || r.width > width + 0.5) {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
          (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : '');
        found.push(`${name} spans ${Math.round(r.left)}..${Math.round(r.right)}px of ${width}px`);
      }
    }
    return found;
  });
}

/// In-page links whose target does not exist.
async function dangling_links(page) {
  return page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter((id) => id !== '' && document.getElementById(id) === null)
    .map((id) => `link to #${id}, which does not exist`));
}

/// The first Tab stop must be the skip link, on screen and with a visible outline.
async function focus_check(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement;
    const problems = [];
    if (!el || !el.classList.contains('skip-link')) {
      return [`the first Tab stop is ${el ? el.outerHTML.slice(0, 60) : 'nothing'}, not the skip link`];
    }
    const r = el.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= window.innerHeight) problems.push('the focused skip link is off screen');
    const s = getComputedStyle(el);
    if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) problems.push('the focused skip link has no visible outline');
    return problems;
  });
}

/// With the root font size doubled (what a reader's 200% text setting does), body text doubles.
async function text_zoom(page) {
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize));
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize));
  const problems = [];
  if (Math.abs(after - 2 * before) > 0.6) problems.push(`text size went from ${before}px to ${after}px at 200%, not double`);
  return problems.concat((await overflow(page)).map((p) => `at 200% text: ${p}`));
}

async function check_file(context, file, axe_source, screenshots) {
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const problems = [];
  const console_errors = [];
  page.on('console', (m) => { if (m.type() === 'error') console_errors.push(m.text()); });
  page.on('requestfailed', (req) => console_errors.push(`failed to load ${req.url()}`));
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    problems.push(...await run_axe(page, axe_source));
    problems.push(...await dangling_links(page));
    problems.push(...await focus_check(page));
    if (screenshots) await page.screenshot({ path: join(screenshots, `${basename(file, '.html')}-1280.png`), fullPage: true });

    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(url, { waitUntil: 'load' });
    problems.push(...(await overflow(page)).map((p) => `at 320px: ${p}`));
    problems.push(...(await run_axe(page, axe_source)).map((p) => `at 320px: ${p}`));
    if (screenshots) await page.screenshot({ path: join(screenshots, `${basename(file, '.html')}-320.png`), fullPage: true });

    await page.setViewportSize({ width: 640, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    problems.push(...await text_zoom(page));
    problems.push(...console_errors.map((e) => `browser: ${e}`));
  } finally {
    await page.close();
  }
  return problems;
}

async function main() {
  const { files, screenshots } = parse_args(process.argv.slice(2));
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  let failures = 0;
  const vnu_errors = run_vnu(files);
  for (const e of vnu_errors) console.error(e);
  failures += vnu_errors.length;

  let axe_source;
  try {
    axe_source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    broken('the npm package axe-core is missing; run npm ci in tests/browser');
  }
  const { context, profile } = await start_chromium();
  try {
    for (const file of files) {
      const problems = await check_file(context, file, axe_source, screenshots);
      for (const p of problems) console.error(`${basename(file)}: ${p}`);
      console.log(`${basename(file)}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
      failures += problems.length;
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failures > 0) {
    console.error(`check_html: FAIL: ${failures} problem(s)`);
    process.exit(1);
  }
  console.log(`check_html: ok (${files.length} file(s): vnu, axe ${AXE_TAGS.join(' ')}, reflow at 320px, 200% text, focus)`);
}

main().catch((e) => broken(e.stack ?? String(e)));
