// @ts-check
// Applying migrations on SQLite: an old database, a newer one, and two processes at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadMigrations } from '../../server/store/migrations.js';
import { openDatabase } from '../../server/sqlite.js';
import { openStore } from '../../server/store.js';
import { tempDir } from './helpers.js';

test('a database from before migrations (user_version 1, no schema_migrations) opens and keeps its comments', async (t) => {
  const path = join(tempDir(t), 'old.db');
  const old = openDatabase(path);
  old.exec(`CREATE TABLE comments (
    id TEXT PRIMARY KEY, thread TEXT NOT NULL, parent_id TEXT REFERENCES comments (id), root_id TEXT NOT NULL,
    author_name TEXT NOT NULL, author_email TEXT, author_url TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'rejected')), client_id TEXT UNIQUE,
    request_hash TEXT) STRICT`);
  old
    .prepare(
      `INSERT INTO comments VALUES ('old', '/t', NULL, 'old', 'A', NULL, NULL, 'kept', ?, 'published', NULL, NULL)`,
    )
    .run(new Date(0).toISOString());
  old.pragma('user_version = 1');
  old.close();

  const store = await openStore(path, { mustExist: true });
  t.after(() => store.close());
  assert.equal((await store.getComment('old'))?.body, 'kept');
  assert.equal((await store.listThread('/t')).total, 1);
});

test('a database with a migration this version does not know is refused, and left as it was', async (t) => {
  const path = join(tempDir(t), 'future.db');
  const store = await openStore(path);
  await store.close();
  const db = openDatabase(path);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
    'from-the-future',
    new Date().toISOString(),
  );
  db.close();
  await assert.rejects(openStore(path), /newer version of recovery-comments-server/);
  const after = openDatabase(path);
  t.after(() => after.close());
  assert.equal(after.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version = 999').get()?.n, 1);
});

test('two processes opening a new database at once apply each migration exactly once', async (t) => {
  const path = join(tempDir(t), 'race.db');
  const storeModule = new URL('../../server/store.js', import.meta.url).href;
  // Each child waits for the same wall-clock instant, then opens the store.
  const at = Date.now() + 400;
  const script = `
    const { openStore } = await import(${JSON.stringify(storeModule)});
    while (Date.now() < ${at}) {}
    const store = await openStore(${JSON.stringify(path)});
    await store.close();
  `;
  const run = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(code) : reject(new Error(`exit ${code}: ${stderr}`)),
      );
    });
  await Promise.all([run(), run(), run()]);
  const db = openDatabase(path);
  t.after(() => db.close());
  const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
  assert.deepEqual(
    recorded,
    loadMigrations('sqlite').map((m) => ({ version: m.version, name: m.name })),
  );
});
