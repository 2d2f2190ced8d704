// @ts-check
// Applying migrations on PostgreSQL: several instances starting at once on a new database, and
// a database a newer version has migrated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPool } from '../../server/postgres.js';
import { openStore } from '../../server/store.js';
import { loadMigrations } from '../../server/store/migrations.js';
import { createDatabase } from './helpers.js';
import { selectRows } from './database.js';

test('five instances opening a new database at once apply each migration exactly once', async (t) => {
  const location = await createDatabase();
  const stores = await Promise.all(Array.from({ length: 5 }, () => openStore(location)));
  t.after(() => Promise.all(stores.map((store) => store.close())));
  const recorded = await selectRows(
    stores[0],
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  assert.deepEqual(
    recorded,
    loadMigrations('postgres').map((m) => ({ version: m.version, name: m.name })),
  );
  // And every one of them works on the result.
  for (const [n, store] of stores.entries()) {
    await store.insertComment('/t', { id: `c${n}`, author: { name: 'A' }, body: 'x' });
  }
  assert.equal(await stores[4].countComments('/t'), 5);
});

test('a database with a migration this version does not know is refused, and left as it was', async (t) => {
  const location = await createDatabase();
  const store = await openStore(location);
  await selectRows(
    store,
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from-the-future', 'x')",
  );
  await store.close();
  await assert.rejects(openStore(location), /newer version of recovery-comments-server/);
  const pool = createPool({ connectionString: location, max: 1 });
  t.after(() => pool.end());
  const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    rows.map((row) => row.version),
    [...loadMigrations('postgres').map((m) => m.version), 999],
  );
});
