// @ts-check
// Debian's Chromium driven by playwright-core: never a downloaded browser build.
import { chromium } from 'playwright-core';

/** Launches headless Chromium with the flags this closed-network machine needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
