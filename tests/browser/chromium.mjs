// Debian's headless Chromium for the browser checks, in a fresh profile: open(tool) starts it
// (exiting with status 2 and a message naming `tool` when it cannot) and returns the context
// and a close() that also removes the profile. (check_soft_hyphens.mjs; the older checks still
// start Chromium themselves.)

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export async function open(tool) {
  let chromium;
  try { ({ chromium } = require('playwright-core')); } catch { console.error(`${tool}: ERROR: playwright-core is missing`); process.exit(2); }
  const profile = mkdtempSync(join(tmpdir(), `folio-${tool}-`));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, timeout: 60000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    console.error(`${tool}: ERROR: Chromium could not start: ${e.message.split('\n')[0]}`);
    process.exit(2);
  }
}
