// @ts-check
// GET /threads/{postId}/comments from WordPress's own comments: pages of top-level comments
// with all their replies, a cursor, sort, total; approved only; nothing private; both
// permalink styles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertNothingPrivate, createPost, pluginEndpoint, request, threadUrl, wp } from './fixtures.js';

/** A conversation with every kind of comment WordPress keeps. */
const CONVERSATION = /** @type {import('./fixtures.js').CommentSpec[]} */ ([
  { key: 'A', content: 'Day one.\nStill here.', url: 'https://a.example/' },
  { key: 'A1', parent: 'A', content: 'Welcome.' },
  { key: 'A1a', parent: 'A1', content: 'Thank you <em>both</em> &amp; all.' },
  { key: 'B', content: 'Second top-level.', url: 'javascript:alert(1)' },
  { key: 'Bpending', parent: 'B', status: 'pending', content: 'held back' },
  { key: 'Borphan', parent: 'Bpending', content: 'reply to a held comment' },
  { key: 'C', content: 'Spam here', status: 'spam' },
  { key: 'D', content: 'Binned', status: 'trash' },
  { key: 'E', content: 'Third top-level: <a href="https://e.example/read">read this</a>' },
  { key: 'P', type: 'pingback', content: 'A pingback' },
]);

describe('GET a thread', () => {
  /** @type {Awaited<ReturnType<typeof createPost>>} */
  let post;
  /** @type {string} */
  let endpoint;
  /** @type {string[]} */
  let emails;

  before(async () => {
    post = await createPost({ title: 'Ninety days', comments: CONVERSATION });
    endpoint = await pluginEndpoint();
    emails = await wp.phpJson(`
      echo wp_json_encode(array_map(function ($c) { return $c->comment_author_email; },
        get_comments(['post_id' => ${post.id}, 'status' => 'all'])));
    `);
  });

  test('answers every approved comment once, under its parent, and nothing held, spam, binned or pinged', async () => {
    const answer = await request(threadUrl(endpoint, post.id));
    assert.equal(answer.status, 200);
    const page = answer.json;
    assert.equal(page.thread, String(post.id));
    const ids = post.comments;
    const byId = new Map(page.comments.map((/** @type {any} */ c) => [c.id, c]));
    assert.deepEqual(
      page.comments.map((/** @type {any} */ c) => c.id),
      [ids.A, ids.A1, ids.A1a, ids.B, ids.Borphan, ids.E].map(String),
    );
    assert.equal(page.total, 6);
    assert.equal(page.nextCursor, null);
    assert.equal(byId.get(String(ids.A1)).parentId, String(ids.A));
    assert.equal(byId.get(String(ids.A1a)).parentId, String(ids.A1));
    // Its parent is held: readers see the reply at the top level rather than not at all.
    assert.equal(byId.get(String(ids.Borphan)).parentId, null);
    for (const comment of page.comments) assert.equal(comment.status, 'published');
  });

  test('turns comment HTML into the text model and keeps only http(s) author links', async () => {
    const page = (await request(threadUrl(endpoint, post.id))).json;
    const byId = new Map(page.comments.map((/** @type {any} */ c) => [c.id, c]));
    const A = byId.get(String(post.comments.A));
    assert.equal(A.body, 'Day one.\nStill here.');
    assert.deepEqual(A.author, { name: 'Reader A', url: 'https://a.example/' });
    assert.match(A.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(byId.get(String(post.comments.A1a)).body, 'Thank you both & all.');
    assert.equal(byId.get(String(post.comments.B)).author.url, null);
    assert.equal(
      byId.get(String(post.comments.E)).body,
      'Third top-level: read this (https://e.example/read)',
    );
  });

  test('pages top-level comments with all their replies, by cursor, in both orders', async () => {
    const first = (await request(threadUrl(endpoint, post.id, { limit: '1' }))).json;
    assert.deepEqual(
      first.comments.map((/** @type {any} */ c) => c.id),
      [post.comments.A, post.comments.A1, post.comments.A1a].map(String),
    );
    assert.equal(first.total, 6);
    assert.equal(typeof first.nextCursor, 'string');
    const second = (await request(threadUrl(endpoint, post.id, { limit: '2', cursor: first.nextCursor })))
      .json;
    assert.deepEqual(
      second.comments.map((/** @type {any} */ c) => c.id),
      [post.comments.B, post.comments.Borphan].map(String),
    );
    const third = (await request(threadUrl(endpoint, post.id, { limit: '2', cursor: second.nextCursor })))
      .json;
    assert.deepEqual(
      third.comments.map((/** @type {any} */ c) => c.id),
      [String(post.comments.E)],
    );
    assert.equal(third.nextCursor, null);

    const newest = (await request(threadUrl(endpoint, post.id, { limit: '2', sort: 'newest' }))).json;
    assert.deepEqual(
      newest.comments.map((/** @type {any} */ c) => c.id),
      [post.comments.E, post.comments.Borphan].map(String),
    );
    const older = (
      await request(threadUrl(endpoint, post.id, { limit: '2', sort: 'newest', cursor: newest.nextCursor }))
    ).json;
    assert.deepEqual(
      older.comments.map((/** @type {any} */ c) => c.id),
      [post.comments.B, post.comments.A, post.comments.A1, post.comments.A1a].map(String),
    );
  });

  test('may be cached briefly by a shared cache, and never leaks an email, an IP or an avatar', async () => {
    const answer = await request(threadUrl(endpoint, post.id));
    assert.match(answer.headers.get('cache-control') ?? '', /^public, max-age=0, s-maxage=\d+$/);
    assertNothingPrivate(answer.text, [...emails, '192.0.2.1']);
  });

  test('a hand-edited database with a parent cycle or a self-parent still shows each comment once', async () => {
    const post = await createPost({ comments: [{ key: 'X' }, { key: 'Y' }, { key: 'Z' }] });
    const { X, Y, Z } = post.comments;
    await wp.php(`
      global $wpdb;
      $wpdb->update($wpdb->comments, ['comment_parent' => ${Y}], ['comment_ID' => ${X}]);
      $wpdb->update($wpdb->comments, ['comment_parent' => ${X}], ['comment_ID' => ${Y}]);
      $wpdb->update($wpdb->comments, ['comment_parent' => ${Z}], ['comment_ID' => ${Z}]);
      clean_comment_cache([${X}, ${Y}, ${Z}]);
    `);
    const page = (await request(threadUrl(endpoint, post.id))).json;
    assert.deepEqual(
      page.comments.map((/** @type {any} */ c) => [c.id, c.parentId]),
      [
        [String(X), null],
        [String(Y), String(X)],
        [String(Z), null],
      ],
    );
    assert.equal(page.total, 3);
  });

  test('refuses bad parameters and unknown posts in the contract error shape', async () => {
    const badLimit = await request(threadUrl(endpoint, post.id, { limit: '0' }));
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.json.error.field, 'limit');
    assert.equal(typeof badLimit.json.error.message, 'string');
    const badCursor = await request(threadUrl(endpoint, post.id, { cursor: 'not-a-cursor' }));
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json.error.field, 'cursor');
    const badSort = await request(threadUrl(endpoint, post.id, { sort: 'random' }));
    assert.equal(badSort.status, 400);
    assert.equal(badSort.json.error.field, 'sort');

    const missing = await request(threadUrl(endpoint, 99999999));
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'thread_not_found');
    const draft = await wp.php(
      `echo wp_insert_post(['post_title' => 'Draft', 'post_status' => 'draft', 'comment_status' => 'open']);`,
    );
    const hidden = await request(threadUrl(endpoint, draft));
    assert.equal(hidden.status, 404);
    const notNumeric = await request(threadUrl(endpoint, 'abc'));
    assert.equal(notNumeric.status, 404);
    assert.equal(notNumeric.json.error.code, 'not_found');
  });
});

describe('both permalink styles', () => {
  after(() => wp.setPermalinks('plain'));

  test('plain permalinks: the endpoint is ?rest_route= and a page with a query string routes', async () => {
    await wp.setPermalinks('plain');
    const post = await createPost({ comments: [{ key: 'X' }, { key: 'Y' }] });
    const endpoint = await pluginEndpoint();
    assert.match(endpoint, /\?rest_route=\/recovery-comments\/v1$/);
    const answer = await request(threadUrl(endpoint, post.id, { limit: '1', sort: 'newest' }));
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.json.comments.map((/** @type {any} */ c) => c.id),
      [String(post.comments.Y)],
    );
    assert.equal(answer.json.total, 2);
  });

  test('pretty permalinks: the endpoint is /wp-json/ and answers the same', async () => {
    await wp.setPermalinks('pretty');
    const post = await createPost({ comments: [{ key: 'X' }, { key: 'Y' }] });
    const endpoint = await pluginEndpoint();
    assert.equal(endpoint, `${wp.url}/wp-json/recovery-comments/v1`);
    const answer = await request(threadUrl(endpoint, post.id, { limit: '1', sort: 'newest' }));
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.json.comments.map((/** @type {any} */ c) => c.id),
      [String(post.comments.Y)],
    );
  });
});
