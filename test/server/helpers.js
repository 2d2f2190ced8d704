// @ts-check
// Shared helpers of the server tests: a real server on a free port, closed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app.js';

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
  // editWindowSeconds 0: the exact v1 contract (no edit tokens, no offers), which most tests
  // describe; tests of v1.1's editing ask for a window.
  const server = await startServer({
    rateLimit: { max: 1_000, windowMs: 60_000 },
    editWindowSeconds: 0,
    ...options,
  });
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
