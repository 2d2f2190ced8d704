// @ts-check
// Versioned schema migrations: the file rules and what is left to apply (pure), and the same
// list for both engines. Applying them: migrations.sqlite.test.js, migrations.postgres.test.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMigrations, parseMigrationFiles, pendingMigrations } from '../../server/store/migrations.js';

const file = (/** @type {string} */ name, sql = `-- ${name}`) => ({ file: name, read: () => sql });

test('migration files are read in number order, and bad names or duplicate numbers are refused', () => {
  const migrations = parseMigrationFiles([
    file('010-later.sql'),
    file('002-second.sql'),
    file('001-first.sql'),
  ]);
  assert.deepEqual(
    migrations.map((m) => [m.version, m.name, m.sql]),
    [
      [1, 'first', '-- 001-first.sql'],
      [2, 'second', '-- 002-second.sql'],
      [10, 'later', '-- 010-later.sql'],
    ],
  );
  assert.throws(() => parseMigrationFiles([file('2-short.sql')]), /NNN-name\.sql/);
  assert.throws(() => parseMigrationFiles([file('003-Sessions.sql')]), /NNN-name\.sql/);
  assert.throws(() => parseMigrationFiles([file('003-notes.txt')]), /NNN-name\.sql/);
  assert.throws(
    () => parseMigrationFiles([file('002-sessions.sql'), file('002-feeds.sql')]),
    /Two migrations are numbered 2: sessions and feeds/,
  );
});

test('pending migrations are those not yet recorded; an unknown recorded one means a newer server', () => {
  const migrations = parseMigrationFiles([file('001-a.sql'), file('002-b.sql'), file('003-c.sql')]);
  assert.deepEqual(
    pendingMigrations(migrations, [], 'db').map((m) => m.version),
    [1, 2, 3],
  );
  assert.deepEqual(
    pendingMigrations(migrations, [1, 2], 'db').map((m) => m.version),
    [3],
  );
  assert.deepEqual(pendingMigrations(migrations, [1, 2, 3], 'db'), []);
  assert.throws(
    () => pendingMigrations(migrations, [1, 2, 3, 4], 'x.db'),
    /x\.db was written by a newer version/,
  );
});

test('both engines have the same migrations, by number and name', () => {
  const names = (/** @type {'sqlite' | 'postgres'} */ engine) =>
    loadMigrations(engine).map((m) => `${m.version}-${m.name}`);
  assert.deepEqual(names('postgres'), names('sqlite'));
  assert.ok(names('sqlite').length > 0);
});
