// @ts-check
// Backups and restores on SQLite, really performed: `recovery-comments-server backup` copies the
// database while the server keeps taking comments, and a server started on the copy (put in
// place of the original, the restore in docs/deploy.md) serves every comment that was in it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openStore } from '../../server/store.js';
import { integrityReport } from './database.js';
import { getJson, postJson, submission, tempDir } from './helpers.js';
import { cleanEnv, startInstance } from './instances.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
const THREAD = '/posts/backed-up';

test('an online backup taken while comments keep arriving restores to a server with all of them', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'comments.db');
  const backup = join(dir, 'backup.db');
  const server = await startInstance(t, db, ['--moderation', 'off', '--rate-limit', '100000']);
  const before = [];
  for (let n = 0; n < 40; n++) {
    const posted = await postJson(server.commentsUrl(THREAD), submission({ body: `before the backup ${n}` }));
    assert.equal(posted.status, 201);
    before.push(posted.body.id);
  }
  // Writers go on during the backup.
  let writing = true;
  let during = 0;
  const writer = (async () => {
    while (writing) {
      const posted = await postJson(server.commentsUrl(THREAD), submission({ body: `during ${during}` }));
      assert.equal(posted.status, 201);
      during++;
    }
  })();
  const result = await run(process.execPath, [BIN, 'backup', '--db', db, '--to', backup], {
    env: cleanEnv(),
  });
  writing = false;
  await writer;
  assert.match(result.stdout, /^Backed up .*comments\.db to .*backup\.db \(\d+ pages\)\.\n$/);

  const copy = await openStore(backup, { mustExist: true });
  const inCopy = await copy.countComments(THREAD);
  assert.equal(await integrityReport(copy), 'ok');
  for (const id of before) assert.ok(await copy.getComment(id), `comment ${id} is in the backup`);
  await copy.close();
  assert.ok(inCopy >= before.length && inCopy <= before.length + during, `${inCopy} comments in the copy`);

  // Restore: stop the server, put the copy in place of the database, start again.
  server.child.kill('SIGTERM');
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  copyFileSync(backup, db);
  const restored = await startInstance(t, db, ['--moderation', 'off', '--rate-limit', '100000']);
  const page = await getJson(`${restored.commentsUrl(THREAD)}?limit=200`);
  assert.equal(page.status, 200);
  assert.equal(page.body.total, inCopy);
  assert.deepEqual(
    page.body.comments.slice(0, before.length).map((/** @type {{ id: string }} */ c) => c.id),
    before,
  );
  assert.equal(
    (await postJson(restored.commentsUrl(THREAD), submission())).status,
    201,
    'and takes comments',
  );
});

test('backup never overwrites a file, and says what to use for PostgreSQL', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'comments.db');
  (await openStore(db)).close();
  const taken = join(dir, 'taken.db');
  copyFileSync(db, taken);
  const overwrite = await run(process.execPath, [BIN, 'backup', '--db', db, '--to', taken], {
    env: cleanEnv(),
  }).catch((error) => error);
  assert.equal(overwrite.code, 1);
  assert.match(overwrite.stderr, /already exists; backup never overwrites/);
  const postgres = await run(
    process.execPath,
    [BIN, 'backup', '--db', 'postgres://rc@127.0.0.1:1/x', '--to', join(dir, 'x')],
    {
      env: cleanEnv(),
    },
  ).catch((error) => error);
  assert.equal(postgres.code, 2);
  assert.match(postgres.stderr, /pg_dump/);
});
