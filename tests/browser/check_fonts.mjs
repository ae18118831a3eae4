// Checks that folio's HTML carries its fonts (issue 20): in Debian's headless Chromium, every
// @font-face of the page loads (none fails to decode), and for each FAMILY given, the embedded
// face, registered again under a name that exists only as that embedded face, sets a sample of
// the page's text at the width the installed face (its local() name) gives it, and not at a
// fallback's width.
// So the data URI (or the file beside the page) really is the face, whether or not the reader
// has it installed.
//
// Usage: node check_fonts.mjs FILE.html FAMILY [FAMILY...] [--screenshot PNG]
// Exit status: 0 all good, 1 a finding, 2 Chromium could not run.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
let screenshot = null;
const shot = args.indexOf('--screenshot');
if (shot >= 0) { screenshot = args[shot + 1]; args.splice(shot, 2); }
const [file, ...families] = args;
if (!file || families.length === 0) { console.error('usage: node check_fonts.mjs FILE.html FAMILY...'); process.exit(2); }

let chromium;
try { ({ chromium } = require('playwright-core')); } catch { console.error('check_fonts: ERROR: playwright-core is missing'); process.exit(2); }
const profile = mkdtempSync(join(tmpdir(), 'folio-fonts-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
} catch (e) {
  rmSync(profile, { recursive: true, force: true });
  console.error(`check_fonts: ERROR: Chromium could not start: ${e.message.split('\n')[0]}`);
  process.exit(2);
}
let failures = 0;
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const result = await page.evaluate(async (families) => {
    await document.fonts.ready;
    // Load every face the page declares, as a reader's browser would when it needs it.
    const faces = [...document.fonts];
    await Promise.allSettled(faces.map((f) => f.load()));
    const failed = faces.filter((f) => f.status !== 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`);
    const sample = (document.querySelector('main p') || document.body).textContent.trim().slice(0, 120);
    const width = (family) => {
      const span = document.createElement('span');
      span.style.cssText = `font: 400 32px ${family}; white-space: pre; position: absolute;`;
      span.textContent = sample;
      document.body.appendChild(span);
      const w = span.getBoundingClientRect().width;
      span.remove();
      return w;
    };
    const checks = [];
    for (const family of families) {
      const rule = [...document.styleSheets].flatMap((s) => [...s.cssRules])
        .find((r) => r instanceof CSSFontFaceRule && r.style.getPropertyValue('font-family').replace(/"/g, '') === family &&
                     r.style.getPropertyValue('font-weight') === '400' && r.style.getPropertyValue('font-style') === 'normal');
      const src = rule ? rule.style.getPropertyValue('src') : '';
      const url = (src.match(/url\("?([^")]+)"?\)/) || [])[1];
      if (!url) { checks.push({ family, error: 'no url() source in its @font-face' }); continue; }
      const only = new FontFace('FolioEmbeddedOnly' + checks.length, `url(${new URL(url, document.baseURI).href})`);
      try { await only.load(); } catch (e) { checks.push({ family, error: `the embedded face does not load: ${e}` }); continue; }
      document.fonts.add(only);
      // The installed face, by the local() names the rule gives after its url() (the page's own
      // "family" is the embedded face now).
      const locals = [...src.matchAll(/local\("?([^")]+)"?\)/g)].map((m) => `local("${m[1]}")`).join(', ');
      const installed = new FontFace('FolioInstalled' + checks.length, locals);
      try { await installed.load(); } catch (e) { checks.push({ family, error: `the installed face (${locals}) does not load: ${e}` }); continue; }
      document.fonts.add(installed);
      checks.push({ family, embedded: width(`"${only.family}", monospace`), installed: width(`"${installed.family}", monospace`),
                    fallback: width('monospace'), bytes: url.length });
    }
    return { failed, sample, checks };
  }, families);
  for (const f of result.failed) { console.error(`check_fonts: a face does not load: ${f}`); failures++; }
  for (const c of result.checks) {
    if (c.error) { console.error(`check_fonts: ${c.family}: ${c.error}`); failures++; continue; }
    const same = Math.abs(c.embedded - c.installed) < 0.5;
    const differs = Math.abs(c.embedded - c.fallback) > 5;
    console.log(`check_fonts: ${c.family}: embedded ${c.embedded.toFixed(1)} px, installed ${c.installed.toFixed(1)} px, fallback ${c.fallback.toFixed(1)} px`);
    if (!same || !differs) { console.error(`check_fonts: ${c.family}: the embedded face does not set the text as ${c.family} does`); failures++; }
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
