// Measures hyphenation of folio's HTML in Debian's headless Chromium (issue 20), which has no
// hyphenation dictionaries: at a width of 380 px, how many words of the body's paragraphs (not at
// a hyphen of their own) are broken across two lines (the word's boxes stand on two baselines);
// whether find in page finds WORD (which the HTML may hold with soft hyphens); and what a reader
// copies (Ctrl+C) from the first paragraph with a soft hyphen: its length and its U+00AD.
//
// Usage: node check_soft_hyphens.mjs FILE.html WORD [--screenshot PNG]
// Prints one JSON line: {"broken", "examples" (soft hyphens shown as |), "found",
// "soft_hyphens_in_text", "copied_characters", "copied_soft_hyphens"}.
// Exit status: 0 measured, 2 Chromium could not run.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { open } from './chromium.mjs';

const args = process.argv.slice(2);
let screenshot = null;
const shot = args.indexOf('--screenshot');
if (shot >= 0) { screenshot = args[shot + 1]; args.splice(shot, 2); }
const [file, word] = args;
if (!file || !word) { console.error('usage: node check_soft_hyphens.mjs FILE.html WORD'); process.exit(2); }

const { context, close } = await open('check_soft_hyphens');
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 800 });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const result = await page.evaluate(async (word) => {
    await document.fonts.ready;
    const paragraphs = [...document.querySelectorAll('main p')];
    let broken = 0;
    const examples = [];
    for (const p of paragraphs) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/[^\s]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1 && !m[0].includes('-')) {  // (not at a hyphen of the text)
            broken += 1;
            if (examples.length < 5) examples.push(m[0].replace(/\u00AD/g, '|'));
          }
        }
      }
    }
    const found = window.find(word, false, false, true);
    const first = paragraphs.find((p) => p.textContent.includes('\u00AD')) || paragraphs[0];
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.selectAllChildren(first);
    return { broken, examples, found, soft_hyphens_in_text: (first.textContent.match(/\u00AD/g) || []).length };
  }, word);
  // Copy as a reader does (Ctrl+C on the selection), then read what the clipboard holds.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  result.copied_characters = copied.length;
  result.copied_soft_hyphens = (copied.match(/\u00AD/g) || []).length;
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
  console.log(JSON.stringify(result));
} finally {
  await close();
}
