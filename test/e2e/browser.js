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

/**
 * A new page in `context` that records its uncaught errors and the path of every script it
 * asks for.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  /** @type {string[]} */
  const scripts = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return { page, errors, scripts };
}
