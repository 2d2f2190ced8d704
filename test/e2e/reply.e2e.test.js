// @ts-check
// End to end: the built bundle on the demo page, served by the reference server with the
// demo's seeded thread; a reader replies to a nested comment, reloads, and finds it in place.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { demoServer } from './demo-server.js';
import { launchChromium } from './browser.js';

const ADMIN_TOKEN = 'e2e-admin-token';

describe('the demo page with the built bundle', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;

  before(async () => {
    assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
    browser = await launchChromium();
  });
  after(() => browser?.close());

  /**
   * Opens the demo, replies to comment `parentId` and returns the page.
   * @param {string} url
   * @param {string} parentId
   * @param {string} body
   */
  async function replyOnDemo(url, parentId, body) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    // The thread loads when the section nears the viewport, as a reader scrolling down would.
    await page.locator('recovery-comments').scrollIntoViewIfNeeded();
    const parent = page.locator(`[data-comment-id="${parentId}"]`);
    await parent.waitFor();
    await parent.locator('> article [part="reply-button"]').click();
    const form = parent.locator('rc-composer');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Quiet Harbor');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('harbor@example.org');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    return { page, errors };
  }

  it('publishes a reply to a nested comment in place, and it is still there after a reload', async () => {
    const server = await demoServer('off', ADMIN_TOKEN);
    try {
      const body = `Thank you for this, it helps. (${Date.now()})`;
      const { page, errors } = await replyOnDemo(server.url + '/', 'c5', body);
      // The reader's own comment, once published: the wrapper whose own article has the text.
      const reply = page.locator('li[part="comment"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await reply.waitFor();
      const id = await reply.getAttribute('data-comment-id');
      assert.ok(id);

      await page.reload();
      await page.locator('recovery-comments').scrollIntoViewIfNeeded();
      const afterReload = page.locator(`[data-comment-id="c5"] [data-comment-id="${id}"]`);
      await afterReload.waitFor();
      assert.equal(await afterReload.locator('> article [part="body"]').innerText(), body);
      assert.match(
        await page.locator('recovery-comments h2').innerText(),
        /Responses to “What the first ninety days taught me”/,
      );
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await server.close();
    }
  });

  it('holds a reply for moderation, then shows it in place once a moderator approves it', async () => {
    const server = await demoServer('pre', ADMIN_TOKEN);
    try {
      const body = `Waiting my turn. (${Date.now()})`;
      const { page } = await replyOnDemo(server.url + '/', 'c2', body);
      const pending = page.locator('li[part="comment comment-pending"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await pending.waitFor();
      assert.equal(await pending.getAttribute('part'), 'comment comment-pending');
      assert.match(await pending.innerText(), /Your comment is awaiting moderation\./);
      const id = await pending.getAttribute('data-comment-id');

      const approve = await fetch(`${server.endpoint}/admin/comments/${id}/approve`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(approve.status, 200);

      await page.reload();
      await page.locator('recovery-comments').scrollIntoViewIfNeeded();
      const published = page.locator(`[data-comment-id="c2"] [data-comment-id="${id}"]`);
      await published.waitFor();
      assert.equal(await published.getAttribute('part'), 'comment');
      await page.close();
    } finally {
      await server.close();
    }
  });
});
