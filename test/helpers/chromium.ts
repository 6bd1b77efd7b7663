/**
 * Debian's Chromium (installed by .ci/run) driven by puppeteer-core: no browser download. Tests that
 * look at our HTML as a person would share this launcher.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';

/** The Chromium executable on PATH, or undefined; on CI a missing Chromium is an error, not a skip. */
export const chromium = ['chromium', 'chromium-browser', 'google-chrome']
  .map((name) => spawnSync('which', [name], { encoding: 'utf8' }).stdout?.trim())
  .find((p): p is string => Boolean(p));
if (!chromium && process.env.CI) {
  throw new Error('chromium is not installed: CI must run `apt-get install -y chromium` before the tests');
}

export async function launchChromium(): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: chromium!,
    headless: true,
    // As root in a container: no sandbox; no GPU; /dev/shm is small in CI containers.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
}

/**
 * Registers the suite's lifecycle: one browser for the suite and a scratch folder removed after it.
 * Call inside `describe`; read `browser` from the returned object inside tests.
 */
export function useChromium(tmpPrefix: string): { browser: Browser; readonly tmp: string } {
  const session = { browser: undefined as unknown as Browser, tmp: mkdtempSync(path.join(os.tmpdir(), tmpPrefix)) };
  beforeAll(async () => {
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    rmSync(session.tmp, { recursive: true, force: true });
  });
  return session;
}

/**
 * What a page does that a self-contained report must not: requests leaving the file (anything but
 * file: and data: URLs) and uncaught script errors. Start watching before `goto`.
 */
export function watchPage(page: Page): { readonly requests: string[]; readonly errors: string[] } {
  const seen = { requests: [] as string[], errors: [] as string[] };
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) seen.requests.push(r.url());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return seen;
}
