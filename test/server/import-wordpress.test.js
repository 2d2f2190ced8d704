// @ts-check
// `import wordpress` on a small WXR file in export_wp()'s shape (the real export of a real
// WordPress is imported in test/wordpress/import-wxr.test.js): statuses, types, GMT dates,
// parents listed after their replies, a reply to a trashed comment, HTML to text.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { persistentDatabase, tempDir } from './helpers.js';
import { fixture, runImport, storedComments } from './import-helpers.js';

const FILE = fixture('wordpress-export.xml');

test('imports the posts’ comments on their paths with WordPress’s statuses and GMT dates', async (t) => {
  const db = await persistentDatabase(t);
  const { code, out, err } = await runImport('wordpress', FILE, db);
  assert.equal(err, '');
  assert.equal(code, 0);
  const stored = await storedComments(db);
  const byName = new Map(stored.map((comment) => [comment.author.name, comment]));
  assert.deepEqual([...byName.keys()].sort(), ['Anon', 'Held', 'Jo', 'Kind', 'Sam']);

  const anon = byName.get('Anon');
  const sam = byName.get('Sam');
  assert.ok(anon && sam);
  assert.equal(anon.thread, '/2024/03/day-one/');
  assert.equal(anon.createdAt, '2024-03-01T12:00:00.000Z', 'comment_date_gmt, read as UTC');
  assert.equal(anon.body, "Day one for me too.\n\nIt's hard & this (https://help.example/) helped.");
  assert.deepEqual(anon.author, { name: 'Anon', email: 'anon@example.org', url: 'https://anon.example/' });
  assert.equal(sam.parentId, anon.id, 'the reply listed first still hangs under its parent');
  assert.equal(sam.body, 'You are not alone.\nReally.');
  assert.equal(sam.author.url, null, 'a javascript: website is dropped');

  const held = byName.get('Held');
  assert.equal(held?.status, 'pending');
  assert.equal(held?.createdAt, '2024-03-02T09:00:00.000Z', 'a zero GMT date falls back to comment_date');
  // Its parent went to the trash; the reply hangs under what that one answered.
  assert.equal(byName.get('Kind')?.parentId, anon.id);
  assert.equal(byName.get('Jo')?.thread, '/2024/03/week-two/');
  assert.equal(byName.get('Jo')?.body, '> Two weeks.\n\nTwo weeks! :)');

  assert.match(out, /2 threads with comments in the file/);
  assert.match(out, /5 comments imported into 2 threads, 1 of them kept pending for moderation/);
  assert.match(out, /skipped: 1 in the trash, 1 pingback, 1 spam, 1 trackback/);
});

test('--thread-from id keys threads by post ID', async (t) => {
  const db = await persistentDatabase(t);
  assert.equal((await runImport('wordpress', FILE, db, 'id')).code, 0);
  const threads = new Set((await storedComments(db)).map((comment) => comment.thread));
  assert.deepEqual([...threads].sort(), ['5', '8']);
});

test('a second import adds nothing', async (t) => {
  const db = await persistentDatabase(t);
  assert.equal((await runImport('wordpress', FILE, db)).code, 0);
  const before = await storedComments(db);
  const again = await runImport('wordpress', FILE, db);
  assert.equal(again.code, 0);
  assert.match(again.out, /0 comments imported/);
  assert.match(again.out, /5 already imported/);
  assert.deepEqual(await storedComments(db), before);
});

test('a chain of 3,000 replies listed newest first imports whole, each under its parent', async (t) => {
  const depth = 3_000;
  const comments = Array.from({ length: depth }, (_, index) => {
    const id = depth - index;
    const seconds = String(id % 60).padStart(2, '0');
    const minutes = String(Math.floor(id / 60) % 60).padStart(2, '0');
    return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>A${id}</wp:comment_author>
      <wp:comment_date_gmt>2024-01-01 ${String(Math.floor(id / 3600)).padStart(2, '0')}:${minutes}:${seconds}</wp:comment_date_gmt>
      <wp:comment_content>Reply ${id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
      <wp:comment_type>comment</wp:comment_type><wp:comment_parent>${id - 1}</wp:comment_parent></wp:comment>`;
  });
  const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
    <wp:base_site_url>https://deep.example</wp:base_site_url>
    <item><link>https://deep.example/deep/</link><wp:post_id>1</wp:post_id>${comments.join('')}</item>
  </channel></rss>`;
  const dir = tempDir(t);
  const file = join(dir, 'deep.xml');
  writeFileSync(file, xml);
  const db = await persistentDatabase(t);
  const { code, out } = await runImport('wordpress', file, db);
  assert.equal(code, 0);
  assert.match(out, /3000 comments imported into 1 thread/);
  const stored = await storedComments(db);
  const byName = new Map(stored.map((comment) => [comment.author.name, comment]));
  assert.equal(byName.get('A1')?.parentId, null);
  for (let id = 2; id <= depth; id++) {
    assert.equal(byName.get(`A${id}`)?.parentId, byName.get(`A${id - 1}`)?.id, `A${id}`);
  }
});
