// Takes the README's screenshots of the moderation app (`npm run screenshots:admin` builds
// first): the demo thread with a few comments waiting, signed in as a demo moderator, on a
// laptop and a phone, and the page an Approve link in an email opens.
import { mkdirSync } from 'node:fs';
import { startServer } from '../server/app.js';
import { hashPassword } from '../server/owner/passwords.js';
import { launchChromium } from '../test/e2e/browser.js';

const OUT = 'docs/screenshots';
const THREAD = '/posts/first-ninety-days/';
const EMAIL = 'owner@example.org';
const PASSWORD = 'screenshots only';

const server = await startServer({ port: 0, host: '127.0.0.1', seedFile: 'demo/seed.json', logger: false });
await server.owner.owner.saveModerator({
  email: EMAIL,
  name: 'Blog owner',
  passwordHash: await hashPassword(PASSWORD),
});
await server.owner.owner.noteThread(
  THREAD,
  { url: `${server.url}/`, title: 'What the first ninety days taught me' },
  new Date().toISOString(),
);
await server.store.insertComment(THREAD, {
  parentId: 'c1',
  author: { name: 'Quiet Harbor', email: 'harbor@example.org' },
  body: 'Reading this at 2 a.m. Day 9. Thank you for writing the part about the evenings.',
  status: 'pending',
});
await server.store.insertComment(THREAD, {
  author: { name: 'deals4u', email: 'promo@spam.example', url: 'https://spam.example' },
  body: 'Best prices https://spam.example/a https://spam.example/b https://spam.example/c',
  status: 'pending',
});

const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  for (const [suffix, width, height] of [
    ['', 1100, 1000],
    ['-phone', 390, 1500],
  ]) {
    const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('article').first().waitFor();
    await page.getByRole('checkbox', { name: 'Select the comment by deals4u' }).check();
    await page.screenshot({ path: `${OUT}/admin-queue${suffix}.png` });
    if (suffix === '') {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Trust rules' }).waitFor();
      await page.screenshot({ path: `${OUT}/admin-settings.png` });
    }
    await page.close();
  }
  const [held] = await server.store.listForModeration({ status: 'pending', thread: THREAD });
  const page = await browser.newPage({ viewport: { width: 700, height: 520 } });
  await page.goto(`${server.url}/links/${server.owner.signer.sign('approve', held.id)}`);
  await page.screenshot({ path: `${OUT}/admin-approve-link.png` });
  console.log(`Screenshots written to ${OUT}/admin-*.png`);
} finally {
  await browser.close();
  await server.close();
}
