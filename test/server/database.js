// @ts-check
// Looking inside a store's database from a test, whichever engine holds it: the raw rows, the
// tables, and the engine's own consistency checks. Tests use it to check what the API cannot
// show (e.g. that a hostile request created no table); everything else goes through the store.

/** @typedef {import('../../server/store.js').CommentStore} CommentStore */
/** @typedef {import('../../server/store/sqlite-store.js').SqliteStore} SqliteStore */

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
  throw new Error(`selectRows: unknown engine ${store.engine}`);
}

/** The names of the tables in the database, sorted. */
export async function tableNames(/** @type {CommentStore} */ store) {
  if (store.engine === 'sqlite') {
    const rows = await selectRows(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    return rows.map((row) => String(row.name));
  }
  throw new Error(`tableNames: unknown engine ${store.engine}`);
}

/**
 * The engine's own verdict on the database: 'ok', or what is wrong. SQLite: integrity_check and
 * foreign_key_check.
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
  throw new Error(`integrityReport: unknown engine ${store.engine}`);
}
