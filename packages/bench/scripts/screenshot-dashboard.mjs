#!/usr/bin/env node
// Screenshots a dashboard page in Debian's chromium (headless), the way the README's picture is
// made: node scripts/screenshot-dashboard.mjs dashboard.html docs/dashboard.png [--width 1400] [--height 2600]
// --height cuts the full-page picture to its top (0: the whole page). Exits 1 if the page
// reported an error or logged one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { width: { type: 'string', default: '1400' }, height: { type: 'string', default: '0' } } });
const [page, out] = positionals;
if (!page || !out) {
  console.error('usage: screenshot-dashboard.mjs PAGE.html OUT.png [--width PX] [--height PX]');
  process.exit(2);
}
const width = Number(values.width);
const height = Number(values.height);
const profile = await mkdtemp(join(tmpdir(), 'dashboard-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
try {
  const tab = await context.newPage();
  tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.waitForFunction(() => window.dashboard?.ready || window.dashboard?.error !== undefined, undefined, { timeout: 60_000 });
  const error = await tab.evaluate(() => window.dashboard.error);
  if (error) problems.push(error);
  const full = await tab.evaluate(() => document.documentElement.scrollHeight);
  await tab.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: height > 0 ? Math.min(height, full) : full } });
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
for (const problem of problems) console.error(problem);
process.exit(problems.length > 0 ? 1 : 0);
