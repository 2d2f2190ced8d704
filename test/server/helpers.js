// @ts-check
// Shared helpers of the server tests: a real server on a free port, closed when the test ends,
// on a fresh database of the engine under test. test/server/run.js runs every test file once per
// engine: RC_TEST_ENGINE says which, and for PostgreSQL RC_TEST_POSTGRES is the superuser URL of
// the cluster it started (each server and store then gets a database of its own).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app.js';
import { createPool } from '../../server/postgres.js';
import { openStore } from '../../server/store.js';

/** The engine these tests run against. */
export const ENGINE = process.env.RC_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** @type {import('../../server/postgres.js').Pool | undefined} */
let adminPool;

/** The superuser URL of the test cluster; only in a PostgreSQL run. */
export function clusterUrl() {
  const url = process.env.RC_TEST_POSTGRES;
  if (url === undefined || url === '') {
    throw new Error(
      'RC_TEST_POSTGRES is not set: run the server tests through test/server/run.js (npm run test:server).',
    );
  }
  return url;
}

/** The URL of database `name` in the test cluster. */
export function clusterDatabaseUrl(/** @type {string} */ name) {
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty PostgreSQL database in the test cluster; returns its URL. */
export async function createDatabase() {
  // allowExitOnIdle: the test process may end while this pool still holds an idle connection.
  adminPool ??= createPool({ connectionString: clusterUrl(), max: 1, allowExitOnIdle: true });
  const name = `rc_test_${randomBytes(6).toString('hex')}`;
  await adminPool.query(`CREATE DATABASE ${name}`);
  return clusterDatabaseUrl(name);
}

/** A fresh database for one server or store: ':memory:' on SQLite, a new database on PostgreSQL. */
export async function freshDatabase() {
  return ENGINE === 'postgres' ? createDatabase() : ':memory:';
}

/**
 * A database that outlives the servers using it (to restart on it, or share it with the CLI):
 * a file in a temporary folder on SQLite, a new database on PostgreSQL.
 * @param {{ after: (fn: () => void) => void }} t
 */
export async function persistentDatabase(t) {
  return ENGINE === 'postgres' ? createDatabase() : join(tempDir(t), 'comments.db');
}

/**
 * Where no database exists: a missing file on SQLite, an unknown database on PostgreSQL.
 * @param {{ after: (fn: () => void) => void }} t
 */
export function missingDatabase(t) {
  return ENGINE === 'postgres'
    ? clusterDatabaseUrl(`rc_missing_${randomBytes(6).toString('hex')}`)
    : join(tempDir(t), 'missing.db');
}

/**
 * A store on a fresh database, closed when the test ends.
 * @param {{ after: (fn: () => Promise<void> | void) => void }} t
 * @param {import('../../server/store.js').OpenOptions} [options]
 */
export async function openTestStore(t, options = {}) {
  const store = await openStore(await freshDatabase(), options);
  t.after(() => store.close());
  return store;
}

/** A thread id in the shape the element uses: a URL path, slashes and all. */
export const THREAD = '/posts/ninety-days';

/** @typedef {import('../../server/app.js').RunningServer & { commentsUrl: (thread?: string) => string }} TestServer */

/**
 * Starts a real server on a free port; the caller closes it (see startTestServer for one test).
 * Posting is not rate limited unless a test asks for it.
 * @param {import('../../server/app.js').StartOptions} [options]
 * @returns {Promise<TestServer>}
 */
export async function launchTestServer(options = {}) {
  const db = options.db ?? (await freshDatabase());
  const server = await startServer({ rateLimit: { max: 1_000, windowMs: 60_000 }, ...options, db });
  return {
    ...server,
    commentsUrl: (thread = THREAD) => `${server.endpoint}/threads/${encodeURIComponent(thread)}/comments`,
  };
}

/**
 * Starts a server for one test and closes it when the test ends.
 * @param {{ after: (fn: () => Promise<void> | void) => void }} t
 * @param {import('../../server/app.js').StartOptions} [options]
 */
export async function startTestServer(t, options = {}) {
  const server = await launchTestServer(options);
  t.after(() => server.close());
  return server;
}

/**
 * A valid POST body, with overrides.
 * @param {Record<string, unknown>} [overrides]
 * @returns {Record<string, any>} loosely typed: tests take it apart and break it on purpose
 */
export function submission(overrides = {}) {
  return {
    clientId: crypto.randomUUID(),
    parentId: null,
    author: { name: 'Anon', email: 'anon@example.org', url: null },
    body: 'Day 30 today. Thank you all.',
    hp: '',
    ...overrides,
  };
}

/**
 * POSTs JSON (or a raw string as is) and returns status, headers and the parsed JSON answer.
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export async function postJson(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await readJson(response) };
}

/**
 * GETs a URL and returns status, headers and the parsed JSON answer.
 * @param {string} url
 * @param {Record<string, string>} [headers]
 */
export async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await readJson(response) };
}

/**
 * Calls the moderation API with a token.
 * @param {string} url
 * @param {string} method
 * @param {string | null} token
 */
export async function adminCall(url, method, token) {
  const response = await fetch(url, {
    method,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, body: await readJson(response) };
}

/**
 * The parsed JSON answer, typed `any` on purpose: the tests assert on its shape.
 * @param {Response} response
 * @returns {Promise<any>}
 */
export async function readJson(response) {
  return response.json();
}

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(/** @type {{ after: (fn: () => void) => void }} */ t) {
  const dir = mkdtempSync(join(tmpdir(), 'rc-server-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
