// @ts-check
// Backups and restores on PostgreSQL, really performed, the way docs/deploy.md says: pg_dump in
// its custom format while the servers run, pg_restore into a new database, and a server started
// on that database serves the same pages, byte for byte, and takes comments.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createDatabase, postJson, submission, tempDir } from './helpers.js';
import { startInstance } from './instances.js';

const run = promisify(execFile);
const THREAD = '/posts/dumped';

test('pg_dump of a live database, pg_restore into a new one: a server on it serves the same pages', async (t) => {
  const bin = process.env.RC_PG_BIN;
  assert.ok(bin, 'RC_PG_BIN names PostgreSQL programs (test/server/run.js sets it)');
  const db = await createDatabase();
  const server = await startInstance(t, db, ['--moderation', 'off', '--rate-limit', '100000']);
  /** @type {string | null} */
  let parentId = null;
  for (let n = 0; n < 30; n++) {
    // Every third comment starts a conversation; the others reply to the latest one.
    const posted = await postJson(
      server.commentsUrl(THREAD),
      submission({ body: `dumped ${n}`, parentId: n % 3 === 0 ? null : parentId }),
    );
    assert.equal(posted.status, 201);
    if (n % 3 === 0) parentId = posted.body.id;
  }
  const dump = join(tempDir(t), 'comments.dump');
  await run(join(bin, 'pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, `--dbname=${db}`]);

  const target = await createDatabase();
  await run(join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${target}`, dump]);
  const restored = await startInstance(t, target, ['--moderation', 'off', '--rate-limit', '100000']);
  for (const query of ['?limit=10', '?limit=10&sort=newest', '?limit=200']) {
    const [original, copy] = await Promise.all([
      fetch(`${server.commentsUrl(THREAD)}${query}`).then((response) => response.text()),
      fetch(`${restored.commentsUrl(THREAD)}${query}`).then((response) => response.text()),
    ]);
    assert.equal(copy, original, query);
  }
  assert.equal(JSON.parse(await (await fetch(`${restored.commentsUrl(THREAD)}?limit=200`)).text()).total, 30);
  assert.equal(
    (await postJson(restored.commentsUrl(THREAD), submission())).status,
    201,
    'and takes comments',
  );
});
