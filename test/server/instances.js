// @ts-check
// Server instances as separate processes (the real executable, server/bin.js), for the tests of
// several instances on one database and of crashes: start one on a database, wait for its
// listening line, kill it however the test needs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

/**
 * @typedef {object} Instance
 * @property {string} url e.g. http://127.0.0.1:41234
 * @property {(thread: string) => string} commentsUrl
 * @property {import('node:child_process').ChildProcess} child
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => string} stderr what it wrote on stderr so far
 */

/** The parent's environment without RC_* variables, so a developer's shell cannot change results. */
export function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RC_')));
}

/**
 * Starts `recovery-comments-server --port 0 --db <db> …args` and resolves once it listens; it is
 * killed when the test ends if still running.
 * @param {{ after: (fn: () => void) => void }} t
 * @param {string} db
 * @param {string[]} [args]
 * @returns {Promise<Instance>}
 */
export async function startInstance(t, db, args = []) {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--db', db, '--log-level', 'error', ...args], {
    env: cleanEnv(),
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 15 s; stderr: ${stderr}`)), 15_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+),/.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
  });
  return {
    url,
    commentsUrl: (thread) => `${url}/api/threads/${encodeURIComponent(thread)}/comments`,
    child,
    exited,
    stderr: () => stderr,
  };
}
