// @ts-check
// Two instances of the server (separate processes) on one PostgreSQL database, as behind a load
// balancer: one comment per clientId whichever instances get it, one rate-limit allowance per
// client, and every instance answering the same pages, cursors and ETags at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../server/store.js';
import { createDatabase, getJson, postJson, submission } from './helpers.js';
import { startInstance } from './instances.js';

/** @typedef {import('./instances.js').Instance} Instance */

describe('two instances on one PostgreSQL', () => {
  /** @type {Instance} */
  let a;
  /** @type {Instance} */
  let b;
  /** @type {import('../../server/store.js').CommentStore} */
  let store;
  // The instances live for the whole suite: they are killed after its last test.
  /** @type {(() => void)[]} */
  const cleanups = [];
  const suite = { after: (/** @type {() => void} */ fn) => cleanups.push(fn) };
  after(() => cleanups.forEach((fn) => fn()));

  before(async () => {
    const db = await createDatabase();
    [a, b] = await Promise.all([
      startInstance(suite, db, ['--moderation', 'off', '--rate-limit', '1000']),
      startInstance(suite, db, ['--moderation', 'off', '--rate-limit', '1000']),
    ]);
    store = await openStore(db);
  });
  after(() => store.close());

  test('the same clientId sent to both at once gives one comment, and both answers carry its id', async () => {
    for (let round = 0; round < 5; round++) {
      const thread = `/posts/twice-${round}`;
      const sent = submission({ body: `sent to both, round ${round}` });
      const answers = await Promise.all([
        postJson(a.commentsUrl(thread), sent),
        postJson(b.commentsUrl(thread), sent),
      ]);
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 201], `one created, one replayed (round ${round})`);
      assert.equal(answers[0].body.id, answers[1].body.id);
      assert.equal(await store.countComments(thread), 1);
      assert.equal((await store.findByClientId(sent.clientId))?.id, answers[0].body.id);
    }
  });

  test('eleven posts from one client spread over both: the eleventh is refused with 429', async () => {
    // A pair of their own, with the executable's default limit: 10 comments per IP and minute.
    const db = await createDatabase();
    const [c, d] = await Promise.all([
      startInstance(suite, db, ['--moderation', 'off']),
      startInstance(suite, db, ['--moderation', 'off']),
    ]);
    const limited = await openStore(db);
    suite.after(() => void limited.close());
    const statuses = [];
    for (let n = 0; n < 11; n++) {
      const instance = n % 2 === 0 ? c : d;
      statuses.push(
        (await postJson(instance.commentsUrl('/posts/limited'), submission({ body: `post ${n}` }))).status,
      );
    }
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
    const refused = await postJson(c.commentsUrl('/posts/limited'), submission());
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After in seconds');
    assert.equal(await limited.countComments('/posts/limited'), 10);
  });

  test('a comment posted through one is listed by the other at once, with the same bytes and ETag', async () => {
    const thread = '/posts/listed';
    // Warm both instances' page caches first, so a stale cache would show.
    assert.deepEqual((await getJson(a.commentsUrl(thread))).body.comments, []);
    assert.deepEqual((await getJson(b.commentsUrl(thread))).body.comments, []);
    for (let n = 0; n < 3; n++) {
      const posted = await postJson(a.commentsUrl(thread), submission({ body: `number ${n}` }));
      assert.equal(posted.status, 201);
      const listed = await getJson(b.commentsUrl(thread));
      assert.deepEqual(
        listed.body.comments.map((/** @type {{ id: string }} */ c) => c.id).at(-1),
        posted.body.id,
        `comment ${n} is on the other instance's page at once`,
      );
    }
    const [fromA, fromB] = await Promise.all([fetch(a.commentsUrl(thread)), fetch(b.commentsUrl(thread))]);
    assert.equal(await fromA.text(), await fromB.text(), 'the same page, byte for byte');
    assert.equal(fromA.headers.get('etag'), fromB.headers.get('etag'));
  });

  test('cursors from one instance page on the other, to the same pages', async () => {
    const thread = '/posts/paged';
    for (let n = 0; n < 7; n++)
      await store.insertComment(thread, { author: { name: `R${n}` }, body: `c${n}` });
    /** @type {(instance: Instance, cursor: string | null) => Promise<{ text: string, next: string | null }>} */
    const page = async (instance, cursor) => {
      const query = `?limit=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const text = await (await fetch(`${instance.commentsUrl(thread)}${query}`)).text();
      return { text, next: JSON.parse(text).nextCursor };
    };
    let cursor = null;
    const seen = [];
    do {
      const fromA = await page(a, cursor);
      const fromB = await page(b, cursor);
      assert.equal(fromA.text, fromB.text);
      seen.push(...JSON.parse(fromB.text).comments.map((/** @type {{ body: string }} */ c) => c.body));
      cursor = fromB.next;
    } while (cursor !== null);
    assert.deepEqual(seen, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });
});
