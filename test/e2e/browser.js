// @ts-check
// Debian's Chromium driven by playwright-core: never a downloaded browser build.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

/** Launches headless Chromium with the flags this closed-network machine needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
