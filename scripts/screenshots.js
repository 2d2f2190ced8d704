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
    for (const [suffix, width] of [
      ['', 900],
      ['-phone', 360],
    ]) {
      // Tall enough that the whole shot is in the viewport: off-screen comments skip rendering
      // (content-visibility: auto) and would come out blank.
      const page = await browser.newPage({
        viewport: { width: Number(width), height: 2200 },
        deviceScaleFactor: 1,
      });
      await page.goto(`${server.url}/`);
      await page.locator(`input[name="theme"][value="${theme}"]`).check();
      const comments = page.locator('recovery-comments');
      // The thread loads when the section nears the viewport, as for a reader scrolling down.
      await comments.scrollIntoViewIfNeeded();
      await page.locator('[data-comment-id="c3"]').waitFor({ state: 'attached' });
      // A reply form open under a nested comment shows the composer in place.
      await page.locator('[data-comment-id="c5"] > article [part="reply-button"]').click();
      // Bring the section's top to the top of the viewport, then shoot the viewport.
      await comments.evaluate((element) =>
        window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 24),
      );
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const path = `${OUT}/${theme}${suffix}.png`;
      await page.screenshot({ path, clip: { x: 0, y: 0, width: Number(width), height: 2000 } });
      console.log(`wrote ${path}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
