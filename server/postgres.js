// @ts-check
// A typed door to pg (node-postgres). The package ships no type declarations and we may not add
// @types/pg, so this module loads it through `require` and describes the small part of its API
// the server uses; it also says which errors mean "the database is not reachable right now".
import { createRequire } from 'node:module';

/**
 * @template Row
 * @typedef {{ rows: Row[], rowCount: number | null }} QueryResult
 */

/**
 * @typedef {object} Queryable
 * @property {<Row = any>(text: string, values?: unknown[]) => Promise<QueryResult<Row>>} query
 */

/** @typedef {{ name: string, text: string, values?: unknown[] }} NamedQuery prepared once per connection, then only executed */

/**
 * @typedef {Queryable & {
 *   release: (error?: Error | boolean) => void,
 *   on: (event: 'error', listener: (error: Error) => void) => unknown,
 *   removeListener: (event: 'error', listener: (error: Error) => void) => unknown,
 * }} PoolClient
 */

/**
 * @typedef {Queryable & {
 *   query: <Row = any>(text: string | NamedQuery, values?: unknown[]) => Promise<QueryResult<Row>>,
 *   connect: () => Promise<PoolClient>,
 *   end: () => Promise<void>,
 *   on: ((event: 'error', listener: (error: Error) => void) => unknown)
 *     & ((event: 'connect', listener: (client: PoolClient) => void) => unknown),
 *   totalCount: number,
 *   idleCount: number,
 *   waitingCount: number,
 *   ended: boolean,
 * }} Pool
 */

/**
 * @typedef {object} PoolOptions
 * @property {string} connectionString
 * @property {number} [max] most connections at once
 * @property {number} [connectionTimeoutMillis] how long to wait for a connection before failing
 * @property {number} [idleTimeoutMillis]
 * @property {string} [application_name]
 * @property {boolean} [allowExitOnIdle] idle connections do not keep the process alive
 */

const require = createRequire(import.meta.url);
const pg = /** @type {{ Pool: new (options: PoolOptions) => Pool }} */ (require('pg'));

/** A connection pool to the database at `options.connectionString`. */
export function createPool(/** @type {PoolOptions} */ options) {
  return new pg.Pool(options);
}

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: the server is
// shutting down, restarting or not yet accepting connections), and the 53300 "too many clients".
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// What pg and pg-pool throw, without a code, when a connection dies or cannot be had in time.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** True when `error` says PostgreSQL cannot be reached for now (down, restarting, overloaded). */
export function isUnavailable(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return false;
  const code = /** @type {{ code?: unknown }} */ (error).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) {
    return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** True when `error` is PostgreSQL refusing a row because of a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(/** @type {unknown} */ error) {
  return /** @type {{ code?: unknown }} */ (error ?? {}).code === '23505';
}

/** The URL with its password replaced by ***, for messages and logs. */
export function redactUrl(/** @type {string} */ location) {
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}
