// @ts-check
// A typed door to better-sqlite3. The package ships no type declarations and we may not add
// @types/better-sqlite3, so this module loads it through `require` and describes the small part
// of its API the server uses.
import { createRequire } from 'node:module';

/**
 * @typedef {object} RunResult
 * @property {number} changes rows changed by the statement itself (not by cascades)
 * @property {number | bigint} lastInsertRowid
 */

/**
 * @template Row
 * @typedef {object} Statement
 * @property {(...params: unknown[]) => RunResult} run
 * @property {(...params: unknown[]) => Row | undefined} get
 * @property {(...params: unknown[]) => Row[]} all
 */

/**
 * A function wrapped by `db.transaction`: calling it runs a DEFERRED transaction; `.immediate`
 * takes the write lock up front, so a read-then-write cannot be overtaken by another process.
 * @template {unknown[]} Args
 * @template Result
 * @typedef {((...args: Args) => Result) & { immediate: (...args: Args) => Result }} Transaction
 */

/**
 * @typedef {object} Database
 * @property {(sql: string) => Statement<any>} prepare
 * @property {(sql: string) => void} exec
 * @property {(source: string, options?: { simple?: boolean }) => unknown} pragma
 * @property {<Args extends unknown[], Result>(fn: (...args: Args) => Result) => Transaction<Args, Result>} transaction
 * @property {(destination: string) => Promise<{ totalPages: number, remainingPages: number }>} backup
 *   SQLite's online backup into a new file, a few pages at a time, while others go on writing
 * @property {() => void} close
 * @property {boolean} open
 * @property {boolean} memory
 */

/**
 * @typedef {object} OpenOptions
 * @property {boolean} [fileMustExist] fail instead of creating a new, empty database file
 * @property {boolean} [readonly]
 */

const require = createRequire(import.meta.url);
const BetterSqlite3 = /** @type {new (location: string, options?: OpenOptions) => Database} */ (
  require('better-sqlite3')
);

/** Opens a SQLite database (a file path, or ':memory:'). */
export function openDatabase(/** @type {string} */ location, /** @type {OpenOptions} */ options = {}) {
  return new BetterSqlite3(location, options);
}

/** True when `error` is SQLite refusing a row because of a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(/** @type {unknown} */ error) {
  const code = /** @type {{ code?: unknown }} */ (error ?? {}).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
