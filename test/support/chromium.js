// @ts-check
// How every part of the project starts Chromium: Debian's build (or $CHROME_PATH), never a
// downloaded one, with the flags this closed-network machine needs (see shared/TOOLCHAIN.md).

/** The Chromium executable. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags for running as root, headless, without reaching for the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
