// @ts-check
// backend="wordpress" on a page of another origin, talking to a real WordPress's core REST API
// (/wp/v2/comments, no plugin), in real Chromium with the built bundle: the same thread as
// WordPress has it (nested, paragraphs and links right, a hostile comment shown as text), both
// forms of the REST root, posting when the site allows anonymous comments, a clear message with
// the text kept when it does not, and a resend WordPress calls a duplicate counted as delivered.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../server/app.js';
import { launchChromium } from '../e2e/browser.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { connectWordPress } from '../support/wordpress.js';

const wp = connectWordPress();
const ANONYMOUS_PLUGIN = join(wp.root, 'wp-content', 'mu-plugins', 'rc-test-anonymous-rest-comments.php');

/** Lets anonymous readers post through core's REST API (WordPress's default is no). */
function allowAnonymousComments(/** @type {boolean} */ allow) {
  // The tests post from one address within seconds; WordPress's flood check would refuse that.
  if (allow)
    writeFileSync(
      ANONYMOUS_PLUGIN,
      "<?php add_filter('rest_allow_anonymous_comments', '__return_true');\nadd_filter('wp_is_comment_flood', '__return_false', 99);\n",
    );
  else rmSync(ANONYMOUS_PLUGIN, { force: true });
}

/** @type {Awaited<ReturnType<typeof launchChromium>>} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} the other origin: a static site */
let pages;
const pagesDir = mkdtempSync(join(tmpdir(), 'rc-headless-'));
/** @type {{ post: number, ids: Record<string, string> }} */
let fixture;

before(async () => {
  assert.ok(existsSync('dist/recovery-comments.js'), 'run `npm run build` first');
  browser = await launchChromium();
  pages = await startServer({ port: 0, host: '127.0.0.1', staticDirs: [pagesDir, 'dist'], logger: false });
  assert.notEqual(new URL(pages.url).origin, new URL(wp.url).origin);
  fixture = await wp.phpJson(`
    $post = wp_insert_post(['post_title' => 'Headless thread', 'post_status' => 'publish', 'comment_status' => 'open']);
    $add = function ($parent, $name, $content, $approved = 1, $url = '') use ($post) {
      return (string) wp_insert_comment([
        'comment_post_ID' => $post, 'comment_parent' => $parent, 'comment_author' => $name,
        'comment_author_email' => strtolower($name) . '@example.org', 'comment_author_url' => $url,
        'comment_content' => $content, 'comment_approved' => $approved,
        'comment_date_gmt' => gmdate('Y-m-d H:i:s', time() - 3600), 'comment_author_IP' => '198.51.100.30',
      ]);
    };
    $first = $add(0, 'Anon', "Ninety days today.\\n\\nThank you all,\\nevery one of you. See https://help.example/start", 1, 'https://anon.example/');
    $reply = $add($first, 'Sam', 'Same here. <a href="https://help.example/story">My story</a> &amp; more.');
    $nested = $add($reply, 'River', 'Keep going :)');
    $hostile = $add(0, 'Mallory', '<script>window.hit = 1</script><img src=x onerror="window.hit = 2"> <a href="javascript:window.hit = 3">click</a>');
    $held = $add(0, 'Held', 'Not yet approved.', 0);
    $spam = $add($first, 'Spammer', 'Buy now', 'spam');
    echo wp_json_encode(['post' => $post, 'ids' => compact('first', 'reply', 'nested', 'hostile', 'held', 'spam')]);
  `);
});

after(async () => {
  allowAnonymousComments(false);
  await browser?.close();
  await pages?.close();
  rmSync(pagesDir, { recursive: true, force: true });
  await wp.setPermalinks('plain');
});

/**
 * Writes a page of the other origin with the element on it and opens it.
 * @param {string} endpoint
 * @param {string} [backend]
 */
async function openPage(endpoint, backend = 'wordpress') {
  const name = `page-${Math.random().toString(36).slice(2)}.html`;
  writeFileSync(
    join(pagesDir, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Headless</title>
      <script type="module" src="/recovery-comments.js"></script></head>
      <body><h1>Headless thread</h1>
      <recovery-comments backend="${backend}" endpoint="${endpoint}" thread="${fixture.post}"></recovery-comments></body></html>`,
  );
  const page = await browser.newPage();
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${pages.url}/${name}`);
  await page.locator('recovery-comments').scrollIntoViewIfNeeded();
  return { page, requests, errors };
}

/** The wrapper of a comment, by its WordPress id. */
const commentOf = (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ id) =>
  page.locator(`li[data-comment-id="${id}"]`);

describe('reading', () => {
  for (const [form, endpoint] of /** @type {const} */ ([
    ['plain permalinks, ?rest_route=/', () => `${wp.url}/?rest_route=/`],
    ['pretty permalinks, /wp-json/', () => `${wp.url}/wp-json/`],
  ])) {
    test(`shows the thread as WordPress has it (${form})`, async () => {
      if (form.startsWith('pretty')) await wp.setPermalinks('pretty');
      const { page, requests, errors } = await openPage(endpoint());
      const { ids } = fixture;
      await commentOf(page, ids.nested).waitFor();

      // Nested as in WordPress; approved ones only, each once.
      assert.equal(
        await page
          .locator(
            `[data-comment-id="${ids.first}"] [data-comment-id="${ids.reply}"] [data-comment-id="${ids.nested}"]`,
          )
          .count(),
        1,
      );
      assert.equal(await page.locator('li[part~="comment"]').count(), 4);
      assert.equal(await commentOf(page, ids.held).count(), 0);
      assert.equal(await commentOf(page, ids.spam).count(), 0);

      // Paragraphs, line breaks and links.
      const firstBody = commentOf(page, ids.first).locator('> article [part="body"]');
      assert.equal(await firstBody.locator('p').count(), 2);
      assert.equal(
        await firstBody.locator('p').nth(1).innerText(),
        'Thank you all,\nevery one of you. See https://help.example/start',
      );
      const link = firstBody.locator('a');
      assert.equal(await link.getAttribute('href'), 'https://help.example/start');
      assert.equal(await link.getAttribute('rel'), 'ugc nofollow noopener');
      const replyBody = commentOf(page, ids.reply).locator('> article [part="body"]');
      assert.equal(await replyBody.innerText(), 'Same here. My story (https://help.example/story) & more.');
      assert.equal(await replyBody.locator('a').getAttribute('href'), 'https://help.example/story');
      assert.equal(
        await commentOf(page, ids.nested).locator('> article [part="body"]').innerText(),
        'Keep going 🙂',
      );
      assert.equal(
        await commentOf(page, ids.first).locator('> article [part="author"]').getAttribute('href'),
        'https://anon.example/',
      );

      // The hostile comment is text: no script, no image, no javascript: link ran or exists.
      const hostile = commentOf(page, ids.hostile).locator('> article [part="body"]');
      assert.equal(
        await hostile.innerText(),
        '<script>window.hit = 1</script><img src="x" onerror="window.hit = 2"> click',
      );
      assert.equal(await hostile.locator('script, img, a').count(), 0);
      assert.equal(await page.evaluate(() => /** @type {any} */ (window).hit), undefined);

      // No email, IP or Gravatar reached the page, and the chunk came from the other origin's dist.
      assert.ok(requests.some((url) => /\/backends\/wordpress-[\w-]+\.js$/.test(url)));
      assert.ok(requests.every((url) => !/gravatar/.test(url)));
      // What the element rendered (getHTML: a shadow root's markup, read only).
      const html = await page.evaluate(
        () => /** @type {any} */ (document.querySelector('recovery-comments')?.shadowRoot)?.getHTML() ?? '',
      );
      assert.match(html, /Ninety days today/);
      assert.doesNotMatch(html, /@example\.org|198\.51\.100|gravatar/);
      assert.match(
        await page.locator('recovery-comments h2').innerText(),
        /4 Responses to “Headless thread”/,
      );
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

test('a thread longer than WordPress pages (250 comments, a reply pages away from its parent) shows whole', async () => {
  const long = await wp.phpJson(`
    $post = wp_insert_post(['post_title' => 'Long thread', 'post_status' => 'publish']);
    $first = 0;
    for ($i = 1; $i <= 249; $i++) {
      $id = wp_insert_comment([
        'comment_post_ID' => $post, 'comment_author' => "Reader $i", 'comment_content' => "Comment $i",
        'comment_approved' => 1, 'comment_date_gmt' => gmdate('Y-m-d H:i:s', time() - 100000 + $i * 60),
      ]);
      if ($i === 1) $first = $id;
    }
    $last = wp_insert_comment([
      'comment_post_ID' => $post, 'comment_parent' => $first, 'comment_author' => 'Late reply',
      'comment_content' => 'Answering the very first one.', 'comment_approved' => 1,
      'comment_date_gmt' => gmdate('Y-m-d H:i:s', time() - 60),
    ]);
    echo wp_json_encode(['post' => $post, 'first' => (string) $first, 'last' => (string) $last]);
  `);
  const name = `long-${Date.now()}.html`;
  writeFileSync(
    join(pagesDir, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long</title>
      <script type="module" src="/recovery-comments.js"></script></head>
      <body><h1>Long thread</h1><recovery-comments backend="wordpress" endpoint="${wp.url}/?rest_route=/" thread="${long.post}"></recovery-comments></body></html>`,
  );
  const page = await browser.newPage();
  /** @type {string[]} */
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${pages.url}/${name}`);
  await page.locator('recovery-comments').scrollIntoViewIfNeeded();
  await page.locator(`li[data-comment-id="${long.first}"] li[data-comment-id="${long.last}"]`).waitFor();
  assert.equal(await page.locator('li[part~="comment"]').count(), 250);
  assert.match(await page.locator('recovery-comments h2').innerText(), /250 Responses to “Long thread”/);
  const reads = requests.filter((url) => /rest_route=%2Fwp%2Fv2%2Fcomments/.test(url));
  assert.deepEqual(
    reads.map((url) => new URL(url).searchParams.get('page')).sort(),
    ['1', '2', '3'],
    'three pages of 100, each asked for once',
  );
  await page.close();
});

describe('posting', () => {
  /**
   * Replies to the first comment from the element.
   * @param {import('playwright-core').Page} page
   * @param {string} body
   * @param {boolean} [toFirst] a reply to the first comment, else a new top-level comment
   */
  async function reply(page, body, toFirst = true) {
    const parent = commentOf(page, fixture.ids.first);
    await parent.waitFor();
    if (toFirst) await parent.locator('> article [part="reply-button"]').click();
    const form = toFirst ? parent.locator('rc-composer') : page.locator('recovery-comments rc-composer');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Quiet Harbor');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('harbor@example.org');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    return form;
  }

  test('a reply posted from the element lands in WordPress under its parent, held for moderation', async () => {
    allowAnonymousComments(true);
    const { page, errors } = await openPage(`${wp.url}/?rest_route=/`);
    const body = `Thank you <3 — day 1 & counting. (${Date.now()})`;
    await reply(page, body);
    const pending = page.locator('li[part="comment comment-pending"]', {
      has: page.locator(':scope > article', { hasText: body }),
    });
    await pending.waitFor();
    // textContent, not innerText: the reply may sit in a conversation the browser skips
    // rendering for while it is off screen (content-visibility), and innerText then reads ''.
    assert.match(String(await pending.textContent()), /Your comment is awaiting moderation\./);

    const stored = await wp.phpJson(`
      $found = get_comments(['post_id' => ${fixture.post}, 'status' => 'hold', 'search' => 'counting']);
      echo wp_json_encode(array_map(fn ($c) => [
        'parent' => $c->comment_parent, 'author' => $c->comment_author, 'email' => $c->comment_author_email,
        'text' => wp_specialchars_decode($c->comment_content, ENT_QUOTES),
      ], $found));
    `);
    assert.deepEqual(stored, [
      { parent: fixture.ids.first, author: 'Quiet Harbor', email: 'harbor@example.org', text: body },
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a resend WordPress calls a duplicate counts as delivered, and leaves one comment', async () => {
    allowAnonymousComments(true);
    const { page } = await openPage(`${wp.url}/?rest_route=/`);
    await commentOf(page, fixture.ids.first).waitFor();
    const chunk = readdirSync('dist/backends').find((file) => /^wordpress-.*\.js$/.test(file));
    const body = `Sent twice after a lost answer. (${Date.now()})`;
    const results = await page.evaluate(
      async ({ chunk, endpoint, post, parent, body }) => {
        const { WordPressBackend } = await import(`/backends/${chunk}`);
        const backend = new WordPressBackend(endpoint);
        const comment = {
          clientId: crypto.randomUUID(),
          parentId: parent,
          author: { name: 'Twice', email: 'twice@example.org', url: null },
          body,
          hp: '',
        };
        const signal = new AbortController().signal;
        const first = await backend.postComment(post, comment, signal);
        const second = await backend.postComment(post, comment, signal);
        return [first.status, second.status, second.comment];
      },
      {
        chunk,
        endpoint: `${wp.url}/?rest_route=/`,
        post: String(fixture.post),
        parent: fixture.ids.first,
        body,
      },
    );
    assert.deepEqual(results, [202, 200, null]);
    const count = await wp.php(
      `echo count(get_comments(['post_id' => ${fixture.post}, 'status' => 'all', 'search' => 'lost answer']));`,
    );
    assert.equal(count, '1');
    await page.close();
  });

  test('an answer lost after WordPress stored the comment: the resend is a duplicate, delivered, one comment', async () => {
    allowAnonymousComments(true);
    const proxy = await startFaultProxy({ target: wp.url });
    try {
      proxy.inject([
        { method: 'POST', path: 'rest_route=%2Fwp%2Fv2%2Fcomments', action: { kind: 'forward-then-drop' } },
      ]);
      const { page, errors } = await openPage(`${proxy.url}/?rest_route=/`);
      const body = `My answer got lost on the way back. (${Date.now()})`;
      await reply(page, body);
      const pending = page.locator('li[part="comment comment-pending"]', {
        has: page.locator(':scope > article', { hasText: body }),
      });
      await pending.waitFor({ timeout: 20_000 });
      // textContent, not innerText: the reply may sit in a conversation the browser skips
      // rendering for while it is off screen (content-visibility), and innerText then reads ''.
      assert.match(String(await pending.textContent()), /Your comment is awaiting moderation\./);
      const posts = proxy.log().filter((entry) => entry.method === 'POST');
      assert.deepEqual(
        posts.map((entry) => entry.status),
        ['dropped', 409],
        'the first answer was lost; WordPress called the resend a duplicate',
      );
      const count = await wp.php(
        `echo count(get_comments(['post_id' => ${fixture.post}, 'status' => 'all', 'search' => 'lost on the way back']));`,
      );
      assert.equal(count, '1');
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await proxy.close();
    }
  });

  test('a site that does not allow anonymous comments gets a clear message, and the text stays', async () => {
    allowAnonymousComments(false);
    const { page } = await openPage(`${wp.url}/?rest_route=/`);
    const body = `Will this be lost? (${Date.now()})`;
    // A top-level comment: the element (not this backend) clears the message of a refused reply
    // when it moves the form back under its parent; reported to the element's owner.
    const form = await reply(page, body, false);
    await form.locator('[part="form-error"]').waitFor();
    assert.match(
      await form.locator('[part="form-error"]').innerText(),
      /This site does not accept comments from this form/,
    );
    assert.equal(await form.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), body);
    const count = await wp.php(
      `echo count(get_comments(['post_id' => ${fixture.post}, 'status' => 'all', 'search' => 'be lost']));`,
    );
    assert.equal(count, '0');
    await page.close();
  });
});
