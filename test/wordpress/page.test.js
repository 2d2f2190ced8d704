// @ts-check
// The plugin on the site, in Debian's Chromium: the post's comment section is <recovery-comments>
// on a block theme (twentytwentythree) and on a classic theme, with plain and pretty
// permalinks; the page without JavaScript shows the same comments; a reader's reply is
// held, shown to its author, published once approved in WordPress; a lost answer is resent
// by the element and ends as one comment.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchChromium } from '../e2e/browser.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { phpString } from '../support/wordpress.js';
import { assertNothingPrivate, createPost, newReaderIp, storedComments, wp } from './fixtures.js';

/** A conversation: two threads, one nested three deep, with held, spam and binned comments. */
const CONVERSATION = /** @type {import('./fixtures.js').CommentSpec[]} */ ([
  { key: 'A', author: 'Anon', content: 'Ninety days today.' },
  { key: 'A1', parent: 'A', author: 'Sam', content: 'So proud of you.' },
  { key: 'A1a', parent: 'A1', author: 'Anon', content: 'Thank you, Sam.' },
  { key: 'A2', parent: 'A', author: 'Riley', content: 'Same here, day 40.' },
  { key: 'B', author: 'Jordan', content: 'What helped most in week one?' },
  { key: 'Bheld', parent: 'B', author: 'New', content: 'HELD-TEXT', status: 'pending' },
  { key: 'S', author: 'Bot', content: 'SPAM-TEXT', status: 'spam' },
  { key: 'T', author: 'Gone', content: 'TRASH-TEXT', status: 'trash' },
]);

/** @type {Awaited<ReturnType<typeof launchChromium>>} */
let browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await wp.setPermalinks('plain');
  await wp.php(`switch_theme('twentytwentythree');`);
});

/**
 * A browser context playing one reader (its own address, for WordPress's flood check).
 * @param {string} [ip]
 */
async function readerPage(ip = newReaderIp()) {
  const context = await browser.newContext({
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chromium RC-Test-Reader/${ip}`,
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/**
 * Opens a post and waits for the element's thread (it loads when it nears the viewport).
 * @param {import('playwright-core').Page} page
 * @param {string} link
 */
async function openThread(page, link) {
  await page.goto(link);
  await page.locator('recovery-comments').scrollIntoViewIfNeeded();
  await page.locator('recovery-comments [part="heading"]').waitFor();
}

/**
 * The element's comments as [id, parent id] pairs, from its shadow DOM's nesting.
 * @param {import('playwright-core').Page} page
 */
function shownTree(page) {
  return page
    .locator('recovery-comments')
    .evaluate((element) =>
      [...(element.shadowRoot?.querySelectorAll('[data-comment-id]') ?? [])].map((item) => [
        item.getAttribute('data-comment-id'),
        item.parentElement?.closest('[data-comment-id]')?.getAttribute('data-comment-id') ?? null,
      ]),
    );
}

/**
 * Both checks of a theme: the HTML without JavaScript, then the element in Chromium.
 * @param {string} theme
 * @param {'plain' | 'pretty'} permalinks
 */
async function checkThread(theme, permalinks) {
  await wp.php(`switch_theme(${phpString(theme)});`);
  await wp.setPermalinks(permalinks);
  const post = await createPost({ title: `Ninety days (${theme})`, comments: CONVERSATION });
  const ids = post.comments;
  const approved = ['A', 'A1', 'A1a', 'A2', 'B'];

  // Without JavaScript: the page's own HTML.
  const html = await (await fetch(post.link)).text();
  const element = html.match(/<recovery-comments\b[^>]*>/)?.[0] ?? '';
  assert.ok(element, `no <recovery-comments> in the ${theme} page`);
  assert.match(element, new RegExp(`thread="${post.id}"`));
  assert.match(element, new RegExp(`thread-title="Ninety days \\(${theme}\\)"`));
  const endpoint = element.match(/endpoint="([^"]+)"/)?.[1] ?? '';
  assert.equal(
    endpoint.replaceAll('&amp;', '&'),
    (await wp.php(`echo rest_url('recovery-comments/v1');`)).trim(),
  );
  assert.match(html, /<script type="module" src="[^"]+\/recovery-comments\/build\/recovery-comments\.js/);
  const inside = html.slice(html.indexOf(element), html.indexOf('</recovery-comments>'));
  for (const key of approved) {
    assert.equal(inside.split(`id="comment-${ids[key]}"`).length - 1, 1, `comment ${key} once in the HTML`);
  }
  assert.match(inside, /id="commentform"/, "WordPress's own form is the fallback");
  assert.match(inside, new RegExp(`name=['"]comment_post_ID['"] value=['"]${post.id}['"]`));
  for (const hidden of ['HELD-TEXT', 'SPAM-TEXT', 'TRASH-TEXT']) assert.ok(!html.includes(hidden), hidden);
  // The theme's own section is gone: one comment list on the page, inside the element.
  assert.equal(html.split('class="comment-list"').length - 1, 1);
  assertNothingPrivate(inside.replace(/127\.0\.0\.1/g, 'loopback'));

  // In a browser without JavaScript: WordPress's list and form are what the reader sees.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await page.goto(post.link);
    for (const key of approved) {
      assert.equal(await page.locator(`#comment-${ids[key]}`).isVisible(), true, `comment ${key} visible`);
    }
    assert.equal(await page.locator('#commentform textarea[name="comment"]').isVisible(), true);
  } finally {
    await noScript.close();
  }

  // With JavaScript: the element's thread.
  const { context, page, errors } = await readerPage();
  try {
    await openThread(page, post.link);
    await page.locator(`[data-comment-id="${ids.B}"]`).waitFor();
    const tree = await shownTree(page);
    assert.deepEqual(
      tree.sort(),
      [
        [ids.A, null],
        [ids.A1, ids.A],
        [ids.A1a, ids.A1],
        [ids.A2, ids.A],
        [ids.B, null],
      ]
        .map(([id, parent]) => [String(id), parent === null ? null : String(parent)])
        .sort(),
    );
    assert.match(
      await page.locator('recovery-comments [part="heading"]').innerText(),
      new RegExp(`5 Responses to “Ninety days \\(${theme}\\)”`),
    );
    // The fallback is not shown once the element runs.
    assert.equal(await page.locator('.recovery-comments-fallback').isVisible(), false);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

describe('the comment section on the site', () => {
  test('block theme (twentytwentythree), plain permalinks: the thread in the element and in the HTML', () =>
    checkThread('twentytwentythree', 'plain'));

  test('classic theme, pretty permalinks: the thread in the element and in the HTML', () =>
    checkThread('rc-classic', 'pretty'));

  test('a reply from the element is held, shown to its author, and published once approved in WordPress', async () => {
    await wp.php(`switch_theme('twentytwentythree');`);
    await wp.setPermalinks('pretty');
    const post = await createPost({ title: 'Held replies', comments: CONVERSATION });
    const mailsBefore = (await wp.mails()).length;
    const body = `Week one was the hardest. (${Date.now()})`;
    const { context, page, errors } = await readerPage();
    /** @type {Array<Record<string, unknown>>} what the element POSTed */
    const sent = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /threads/.test(decodeURIComponent(request.url())))
        sent.push(request.postDataJSON());
    });
    try {
      await openThread(page, post.link);
      const parent = page.locator(`[data-comment-id="${post.comments.A1}"]`);
      await parent.locator('> article [part="reply-button"]').click();
      const form = parent.locator('rc-composer');
      await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Quiet Harbor');
      await form.getByRole('textbox', { name: 'Email', exact: true }).fill('harbor@example.test');
      await form.getByRole('button', { name: 'Post Comment' }).click();

      const pending = page.locator('li[part="comment comment-pending"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await pending.waitFor();
      // textContent, not innerText: the reply may sit in a conversation the browser skips
      // rendering for while it is off screen (content-visibility), and innerText then reads ''.
      assert.match(String(await pending.textContent()), /Your comment is awaiting moderation\./);
      // The plugin speaks v1: the element's pageUrl (v1.1) is ignored, not refused, and its
      // answer carries no edit token, so the held reply has no Edit or Delete.
      assert.equal(sent.length, 1);
      assert.match(String(sent[0]?.pageUrl), /^http:\/\/127\.0\.0\.1:\d+\/[^#]*$/);
      assert.equal(await pending.locator('> article [data-action="change"]').count(), 0);
      const id = await pending.getAttribute('data-comment-id');
      // Nested under the comment replied to.
      await page.locator(`[data-comment-id="${post.comments.A1}"] [data-comment-id="${id}"]`).waitFor();

      const stored = (await storedComments(post.id)).find((c) => String(c.id) === id);
      assert.ok(stored, 'the reply is in WordPress');
      assert.equal(stored.approved, '0');
      assert.equal(stored.parent, post.comments.A1);
      const mail = (await wp.mails())
        .slice(mailsBefore)
        .find((m) => /Please moderate/.test(m.subject) && m.message.includes(body));
      assert.ok(mail, "WordPress's moderation email was sent");

      // Still shown to its author after a reload, and to nobody else.
      await openThread(page, post.link);
      await pending.waitFor();
      const other = await readerPage();
      try {
        await openThread(other.page, post.link);
        await other.page.locator(`[data-comment-id="${post.comments.A1}"]`).waitFor();
        assert.equal(await other.page.locator(`[data-comment-id="${id}"]`).count(), 0);

        await wp.php(`wp_set_comment_status(${Number(id)}, 'approve');`);
        // Shared caches may keep a GET for 15 s (s-maxage); a browser asks again (max-age=0).
        await openThread(other.page, post.link);
        const published = other.page.locator(
          `[data-comment-id="${post.comments.A1}"] [data-comment-id="${id}"]`,
        );
        await published.waitFor();
        assert.equal(await published.getAttribute('part'), 'comment');
        assert.equal(await published.locator('> article [part="body"]').innerText(), body);
      } finally {
        await other.context.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an answer lost between commit and reply: the element resends, WordPress keeps one comment', async () => {
    await wp.php(`switch_theme('twentytwentythree');`);
    await wp.setPermalinks('plain');
    const post = await createPost({ title: 'Lost answers', comments: [{ key: 'A' }] });
    const proxy = await startFaultProxy({ target: wp.url });
    const { context, page, errors } = await readerPage();
    try {
      await openThread(page, post.link);
      // The element talks to WordPress through the proxy (WordPress answers CORS for REST).
      const endpoint = await page.locator('recovery-comments').getAttribute('endpoint');
      assert.ok(endpoint);
      await page
        .locator('recovery-comments')
        .evaluate(
          (element, url) => element.setAttribute('endpoint', url),
          endpoint.replace(wp.url, proxy.url),
        );
      await page.locator(`[data-comment-id="${post.comments.A}"]`).waitFor();
      proxy.inject([{ method: 'POST', action: { kind: 'forward-then-drop' } }]);

      const body = `Sent from a tunnel. (${Date.now()})`;
      const form = page.locator('recovery-comments rc-composer').last();
      await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Night Owl');
      await form.getByRole('textbox', { name: 'Email', exact: true }).fill('owl@example.test');
      await form.getByRole('button', { name: 'Post Comment' }).click();

      const pending = page.locator('li[part="comment comment-pending"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await pending.waitFor({ timeout: 20_000 });
      const posts = proxy.log().filter((entry) => entry.method === 'POST');
      assert.deepEqual(
        posts.map((entry) => entry.status),
        ['dropped', 200],
      );
      assert.equal(posts[0].clientId, posts[1].clientId);
      const mine = (await storedComments(post.id)).filter((c) => c.content.includes('Sent from a tunnel.'));
      assert.equal(mine.length, 1);
      assert.equal(String(mine[0].id), await pending.getAttribute('data-comment-id'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await proxy.close();
    }
  });

  test("in the site's language: the element loads its locale from the plugin folder", async () => {
    await wp.php(`switch_theme('twentytwentythree');`);
    await wp.setPermalinks('plain');
    // A German site (WordPress refuses WPLANG without its language files, which Debian's
    // package does not ship, so the locale is set as a site would get it: the 'locale' filter).
    const muPlugin = path.join(wp.root, 'wp-content', 'mu-plugins', 'rc-test-german.php');
    await writeFile(muPlugin, `<?php add_filter('locale', function () { return 'de_DE'; });\n`);
    const restore = () => rm(muPlugin, { force: true });
    const { context, page, errors } = await readerPage();
    try {
      const post = await createPost({ title: 'Neunzig Tage', comments: [{ key: 'A' }, { key: 'B' }] });
      /** @type {string[]} */
      const loaded = [];
      page.on('response', (response) => {
        if (/\/recovery-comments\/build\/locales\/de-/.test(response.url()))
          loaded.push(String(response.status()));
      });
      await openThread(page, post.link);
      assert.equal(await page.locator('recovery-comments').getAttribute('lang'), 'de-DE');
      await page
        .locator('recovery-comments [part="heading"]', { hasText: '2 Antworten auf „Neunzig Tage“' })
        .waitFor();
      assert.deepEqual(loaded, ['200']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await restore();
    }
  });
});
