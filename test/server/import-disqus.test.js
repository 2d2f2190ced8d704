// @ts-check
// `import disqus` on a fixture written from Disqus's documented export format: threads on the
// same paths, parents kept although replies come first in the file, UTC dates, emails kept for
// moderators, spam and deleted posts left out, readers see text; and a second run adds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getJson, persistentDatabase, startTestServer } from './helpers.js';
import { fixture, runImport, storedComments } from './import-helpers.js';

const FILE = fixture('disqus-export.xml');

test('imports threads by the path of their link, with parents, dates, authors and emails', async (t) => {
  const db = await persistentDatabase(t);
  const { code, out, err } = await runImport('disqus', FILE, db);
  assert.equal(err, '');
  assert.equal(code, 0);

  const stored = await storedComments(db);
  const byBody = new Map(stored.map((comment) => [comment.body.split('\n')[0], comment]));
  const get = (/** @type {string} */ start) => {
    const found = [...byBody.entries()].find(([body]) => body.startsWith(start));
    return found ? found[1] : assert.fail(`no comment starting "${start}"`);
  };
  assert.deepEqual([...new Set(stored.map((comment) => comment.thread))].sort(), [
    '/posts/ninety-days/',
    '/posts/relapse/',
  ]);
  assert.equal(stored.length, 8);

  const first = get('Ninety days today.');
  assert.equal(first.body, 'Ninety days today.\n\nThank you all\nfor being here.');
  assert.equal(first.createdAt, '2023-01-10T10:15:00.000Z');
  assert.deepEqual(first.author, { name: 'Anon', email: 'anon@example.org', url: null });
  assert.equal(first.parentId, null);
  assert.equal(first.status, 'published');

  const reply = get('Same here.');
  assert.equal(reply.parentId, first.id, 'the reply listed before its parent still hangs under it');
  const nested = get('Keep going');
  assert.equal(nested.parentId, reply.id);
  assert.equal(nested.author.name, 'riverstone', 'no display name: the username');
  assert.equal(nested.createdAt, '2023-01-11T07:00:00.000Z', 'a date without a zone is UTC');

  // The reply to a deleted post stays, at the top level.
  assert.equal(get('Whatever was said above').parentId, null);
  // The http:// thread of the same page is the same thread.
  assert.equal(get('Found this page years ago').thread, '/posts/ninety-days/');
  assert.equal(get('Waiting for a moderator.').status, 'pending');
  assert.equal(get('<script>').body, '<script>alert(1)</script><img src="x" onerror="alert(2)"> click');
  assert.equal(get('<script>').author.name, '<b>Mallory</b>');
  assert.equal(
    get('Relapse is part').body,
    'Relapse is part of it for many.\nRead https://example.org/help (https://disq.us/url?url=https%3A%2F%2Fexample.org%2Fhelp%3Axyz&cuid=1)',
  );
  assert.equal(get('Relapse is part').createdAt, '2023-02-02T09:00:00.000Z');
  assert.ok(
    !stored.some((comment) => /Cheap pills|regret/.test(comment.body)),
    'spam and deleted posts stay out',
  );

  assert.match(out, /2 threads with comments in the file/);
  assert.match(out, /8 comments imported into 2 threads, 1 of them kept pending for moderation/);
  assert.match(out, /skipped: 1 spam, 1 deleted/);
});

test('readers see the imported thread through the API, with no email', async (t) => {
  const db = await persistentDatabase(t);
  assert.equal((await runImport('disqus', FILE, db)).code, 0);
  const server = await startTestServer(t, { db });
  const { status, body } = await getJson(server.commentsUrl('/posts/ninety-days/'));
  assert.equal(status, 200);
  assert.equal(body.total, 6, 'published ones only');
  assert.deepEqual(
    body.comments.map((/** @type {any} */ comment) => comment.author.name),
    ['Old Timer', 'Anon', 'Sam', 'riverstone', 'Kind', '<b>Mallory</b>'],
    'top-level comments oldest first, each followed by its replies',
  );
  assert.doesNotMatch(JSON.stringify(body), /@example\.org|198\.51\.100/);
});

test('importing the same file twice adds nothing', async (t) => {
  const db = await persistentDatabase(t);
  assert.equal((await runImport('disqus', FILE, db)).code, 0);
  const before = await storedComments(db);
  const again = await runImport('disqus', FILE, db);
  assert.equal(again.code, 0);
  assert.match(again.out, /0 comments imported into 0 threads/);
  assert.match(again.out, /8 already imported/);
  assert.deepEqual(await storedComments(db), before);
});

test('a comment a moderator deleted after the import does not come back', async (t) => {
  const db = await persistentDatabase(t);
  assert.equal((await runImport('disqus', FILE, db)).code, 0);
  const { openStore } = await import('../../server/store.js');
  const store = await openStore(db);
  const target = (await store.listForModeration({ status: 'published', limit: 100 })).find((comment) =>
    comment.body.startsWith('Ninety days today.'),
  );
  assert.ok(target);
  assert.equal(await store.deleteComment(target.id), 3, 'it and its two replies');
  await store.close();
  assert.equal((await runImport('disqus', FILE, db)).code, 0);
  assert.ok(!(await storedComments(db)).some((comment) => comment.body.startsWith('Ninety days today.')));
});
