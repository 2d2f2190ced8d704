// @ts-check
// Files that cannot be imported: each is a clear error naming the line, and the database is left
// exactly as it was (the file is read and checked whole before anything is stored, and the
// store writes in one transaction).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openStore } from '../../server/store.js';
import { persistentDatabase, tempDir } from './helpers.js';
import { fixture, runImport, storedComments } from './import-helpers.js';

const WXR = readFileSync(fixture('wordpress-export.xml'), 'utf8');
const DISQUS = readFileSync(fixture('disqus-export.xml'), 'utf8');

/**
 * Imports `text` as FORMAT into a database that already holds the Disqus fixture, and checks that
 * it fails with `message` and changes nothing.
 * @param {import('node:test').TestContext} t
 * @param {'wordpress' | 'disqus'} format
 * @param {string} text
 * @param {RegExp} message
 */
async function assertRefused(t, format, text, message) {
  const dir = tempDir(t);
  const db = await persistentDatabase(t);
  assert.equal((await runImport('disqus', fixture('disqus-export.xml'), db)).code, 0);
  const before = await storedComments(db);
  const file = join(dir, 'export.xml');
  writeFileSync(file, text);
  const { code, out, err } = await runImport(format, file, db);
  assert.equal(code, 1);
  assert.equal(out, '');
  assert.match(err, message);
  assert.match(err, /Nothing was imported\.\n$/);
  assert.deepEqual(await storedComments(db), before);
  return err;
}

describe('malformed and truncated files', () => {
  test('a truncated WXR file names the line where it ends', async (t) => {
    const cut = WXR.slice(0, WXR.indexOf('<wp:comment_id>23'));
    const lines = cut.split('\n').length;
    const err = await assertRefused(
      t,
      'wordpress',
      cut,
      /not well-formed XML \(unclosed tag: wp:comment\)\. The file seems to be cut short\./,
    );
    assert.match(err, new RegExp(`export\\.xml:${lines}:\\d+: `));
  });

  test('a truncated Disqus file, cut inside a CDATA section', async (t) => {
    const cut = DISQUS.slice(0, DISQUS.indexOf('Relapse is part'));
    await assertRefused(t, 'disqus', cut, /export\.xml:\d+:\d+: not well-formed XML .*cut short/);
  });

  test('mismatched tags name the line', async (t) => {
    const broken = WXR.replace(
      '<wp:comment_parent>11</wp:comment_parent>',
      '<wp:comment_parent>11</wp:comment_id>',
    );
    const line = WXR.slice(0, WXR.indexOf('<wp:comment_parent>11')).split('\n').length;
    await assertRefused(
      t,
      'wordpress',
      broken,
      new RegExp(`export\\.xml:${line}:\\d+: not well-formed XML \\(unexpected close tag\\)\\.\\n`),
    );
  });

  test('an HTML entity outside CDATA is an XML error', async (t) => {
    await assertRefused(
      t,
      'wordpress',
      WXR.replace('<title>Recovery Stories</title>', '<title>A&nbsp;B</title>'),
      /undefined entity/,
    );
  });

  test('an empty file', async (t) => {
    await assertRefused(
      t,
      'disqus',
      '',
      /export\.xml:1:0: not well-formed XML \(document must contain a root element\)/,
    );
  });
});

describe('files that are well-formed but wrong', () => {
  test('a Disqus file given to "import wordpress"', async (t) => {
    await assertRefused(
      t,
      'wordpress',
      DISQUS,
      /not a WordPress export \(WXR\): it starts with <disqus>.*use "import disqus"/,
    );
  });

  test('a WXR file given to "import disqus"', async (t) => {
    await assertRefused(
      t,
      'disqus',
      WXR,
      /not a Disqus export: it starts with <rss>.*use "import wordpress"/,
    );
  });

  test('plain permalinks (every post on path "/") are refused, with the way out', async (t) => {
    const plain = WXR.replace('https://blog.example/2024/03/day-one/', 'https://blog.example/?p=5').replace(
      'https://blog.example/2024/03/week-two/',
      'https://blog.example/?p=8',
    );
    const line = plain.slice(0, plain.indexOf('<title><![CDATA[Week two')).split('\n').length - 1;
    await assertRefused(
      t,
      'wordpress',
      plain,
      new RegExp(`export\\.xml:${line}: .*same path \\(/\\).*--thread-from id`),
    );
  });

  test('an unknown comment status', async (t) => {
    await assertRefused(
      t,
      'wordpress',
      WXR.replace('<wp:comment_approved><![CDATA[0]]>', '<wp:comment_approved><![CDATA[maybe]]>'),
      /:\d+: comment 13 has an unknown status "maybe"/,
    );
  });

  test('a date that is not one', async (t) => {
    await assertRefused(
      t,
      'disqus',
      DISQUS.replace('2023-01-10T10:15:00Z', '2023-02-30T10:15:00Z'),
      /:\d+: post 3001 has no valid <createdAt> \("2023-02-30T10:15:00Z"\)/,
    );
  });

  test('two comments with one id', async (t) => {
    await assertRefused(
      t,
      'disqus',
      DISQUS.replace('<post dsq:id="3003">', '<post dsq:id="3001">'),
      /:\d+: a second comment has the id 3001/,
    );
  });

  test('a post pointing at a thread the file does not have', async (t) => {
    await assertRefused(
      t,
      'disqus',
      DISQUS.replace('<thread dsq:id="2003"/>', '<thread dsq:id="9999"/>'),
      /comment 3010 belongs to 9999/,
    );
  });

  test('comments that are each other’s parent', async (t) => {
    const loop = WXR.replace(
      '<wp:comment_parent>0</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t\t<wp:commentmeta>',
      '<wp:comment_parent>12</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t\t<wp:commentmeta>',
    );
    assert.notEqual(loop, WXR);
    await assertRefused(t, 'wordpress', loop, /is its own ancestor/);
  });

  test('a file that does not exist', async (t) => {
    const db = await persistentDatabase(t);
    const { code, err } = await runImport('disqus', '/nonexistent/export.xml', db);
    assert.equal(code, 1);
    assert.match(err, /\/nonexistent\/export\.xml: no such file\.\nNothing was imported\.\n/);
  });
});

test('the store imports all or nothing', async (t) => {
  const db = await persistentDatabase(t);
  const store = await openStore(db);
  t.after(() => store.close());
  const good = {
    sourceId: '1',
    sourceParentId: null,
    thread: '/a/',
    author: { name: 'A', email: null, url: null },
    body: 'fine',
    createdAt: new Date('2024-01-01T00:00:00Z'),
    status: /** @type {const} */ ('published'),
  };
  await assert.rejects(
    store.importComments('test', [good, { ...good, sourceId: '2', createdAt: new Date('nope') }]),
    /createdAt is not a valid date/,
  );
  assert.equal(await store.countComments('/a/'), 0);
  const outcome = await store.importComments('test', [good, { ...good, sourceId: '2', sourceParentId: '1' }]);
  assert.deepEqual(outcome, { imported: 2, pending: 0, alreadyImported: 0, threads: 1 });
  // The same source ids under another source are other comments.
  assert.equal((await store.importComments('another site', [good])).imported, 1);
  assert.equal((await store.importComments('test', [good])).alreadyImported, 1);
});
