// @ts-check
// Looking inside a store's database from a test, whichever engine holds it: the raw rows, the
// tables, and the engine's own consistency checks. Tests use it to check what the API cannot
// show (e.g. that a hostile request created no table); everything else goes through the store.

/** @typedef {import('../../server/store.js').CommentStore} CommentStore */
/** @typedef {import('../../server/store/sqlite-store.js').SqliteStore} SqliteStore */
/** @typedef {import('../../server/store/postgres-store.js').PostgresStore} PostgresStore */

/**
 * Runs a query with `?` placeholders and returns its rows.
 * @param {CommentStore} store
 * @param {string} sql
 * @param {unknown[]} [params]
 * @returns {Promise<any[]>}
 */
export async function selectRows(store, sql, params = []) {
  if (store.engine === 'sqlite') {
    return /** @type {SqliteStore} */ (store).db.prepare(sql).all(...params);
  }
  let n = 0;
  const { rows } = await /** @type {PostgresStore} */ (store).pool.query(
    sql.replace(/\?/g, () => `$${++n}`),
    params,
  );
  return rows;
}

/** The names of the tables in the database, sorted. */
export async function tableNames(/** @type {CommentStore} */ store) {
  if (store.engine === 'sqlite') {
    const rows = await selectRows(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    return rows.map((row) => String(row.name));
  }
  const rows = await selectRows(
    store,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => String(row.table_name));
}

/**
 * The engine's own verdict on the database: 'ok', or what is wrong. SQLite: integrity_check and
 * foreign_key_check. PostgreSQL: amcheck's heap and B-tree checks of every table and index, and
 * replies whose parent is missing.
 * @param {CommentStore} store
 */
export async function integrityReport(store) {
  if (store.engine === 'sqlite') {
    const { db } = /** @type {SqliteStore} */ (store);
    const integrity = db.pragma('integrity_check', { simple: true });
    const foreignKeys = /** @type {unknown[]} */ (db.pragma('foreign_key_check'));
    if (integrity !== 'ok') return String(integrity);
    return foreignKeys.length === 0 ? 'ok' : `foreign keys: ${JSON.stringify(foreignKeys)}`;
  }
  await selectRows(store, 'CREATE EXTENSION IF NOT EXISTS amcheck');
  const heap = await selectRows(
    store,
    `SELECT c.relname, v.blkno, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
      LATERAL verify_heapam(c.oid) v WHERE n.nspname = 'public' AND c.relkind = 'r'`,
  );
  if (heap.length > 0) return `heap: ${JSON.stringify(heap)}`;
  // bt_index_check raises an error for a corrupt index; heapallindexed also checks every row is in it.
  await selectRows(
    store,
    `SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
      WHERE n.nspname = 'public' AND a.amname = 'btree'`,
  );
  const orphans = await selectRows(
    store,
    `SELECT reply.id FROM comments reply LEFT JOIN comments parent ON parent.id = reply.parent_id
      WHERE reply.parent_id IS NOT NULL AND parent.id IS NULL`,
  );
  return orphans.length === 0 ? 'ok' : `replies without a parent: ${JSON.stringify(orphans)}`;
}
