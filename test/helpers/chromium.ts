/**
 * Debian's Chromium (installed by .ci/run) driven by puppeteer-core: no browser download. Tests that
 * look at our HTML as a person would share this launcher.
 */
import { spawnSync } from 'node:child_process';
import type { Browser } from 'puppeteer-core';

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
