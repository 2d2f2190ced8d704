// Takes the README's screenshots of the demo in its three themes, from the current build
// (`npm run screenshots` builds first), with Debian's Chromium through playwright-core.
import { mkdirSync } from 'node:fs';
import { startServer } from '../server/app.js';
import { launchChromium } from '../test/e2e/browser.js';

const THEMES = ['classic', 'dark', 'bold'];
const OUT = 'docs/screenshots';

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  staticDirs: ['demo', 'dist'],
  seedFile: 'demo/seed.json',
  logger: false,
});
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  for (const theme of THEMES) {
    for (const [suffix, width] of [['', 900], ['-phone', 360]]) {
      const page = await browser.newPage({ viewport: { width: Number(width), height: 1200 }, deviceScaleFactor: 1 });
      await page.goto(`${server.url}/`);
      await page.locator(`input[name="theme"][value="${theme}"]`).check();
      const comments = page.locator('recovery-comments');
      // The thread loads when the section nears the viewport, as for a reader scrolling down.
      await comments.scrollIntoViewIfNeeded();
      await page.locator('[data-comment-id="c3"]').waitFor({ state: 'attached' });
      // A reply form open under a nested comment shows the composer in place.
      await page.locator('[data-comment-id="c5"] > article [part="reply-button"]').click();
      // Page coordinates of the section: the clip of a full-page shot is in page coordinates.
      const top = await comments.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      const height = await comments.evaluate((element) => element.getBoundingClientRect().height);
      const path = `${OUT}/${theme}${suffix}.png`;
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top - 24, width: Number(width), height: Math.min(height + 48, 2000) } });
      console.log(`wrote ${path}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
