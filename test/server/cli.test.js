// @ts-check
// The command line: parsing (pure) and the real executable (spawned).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB_FILE, UsageError, normalizeOrigin, parseCommandLine } from '../../server/cli.js';
import { openStore } from '../../server/store.js';
import {
  ENGINE,
  freshDatabase,
  getJson,
  missingDatabase,
  persistentDatabase,
  postJson,
  startTestServer,
  submission,
} from './helpers.js';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

describe('parseCommandLine', () => {
  /** @param {string[]} argv @param {Record<string, string>} [env] */
  const serve = (argv, env = {}) => {
    const command = parseCommandLine(argv, env);
    assert.equal(command.kind, 'serve');
    return command.kind === 'serve' ? command.options : assert.fail();
  };

  test('defaults', () => {
    assert.deepEqual(serve([]), {
      port: 8787,
      host: '127.0.0.1',
      db: DEFAULT_DB_FILE,
      moderation: 'pre',
      origins: [],
      adminToken: null,
      staticDirs: [],
      seedFile: null,
      rateLimit: { max: 10, windowMs: 60_000 },
      editWindowSeconds: 900,
      trustProxy: false,
      logger: 'warn',
    });
    assert.equal(DEFAULT_DB_FILE, './recovery-comments.db');
  });

  test('every flag, repeatable ones repeated', () => {
    const options = serve([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--db',
      ':memory:',
      '--moderation',
      'off',
      '--origin',
      'https://a.example',
      '--origin',
      'http://localhost:5173/',
      '--admin-token',
      't0k3n',
      '--static',
      'dist',
      '--static',
      'demo',
      '--seed',
      'demo/seed.json',
      '--rate-limit',
      '3',
      '--edit-window',
      '0',
      '--trust-proxy',
      '--log-level',
      'silent',
    ]);
    assert.deepEqual(options, {
      port: 0,
      host: '0.0.0.0',
      db: ':memory:',
      moderation: 'off',
      origins: ['https://a.example', 'http://localhost:5173'],
      adminToken: 't0k3n',
      staticDirs: ['dist', 'demo'],
      seedFile: 'demo/seed.json',
      rateLimit: { max: 3, windowMs: 60_000 },
      editWindowSeconds: 0,
      trustProxy: true,
      logger: false,
    });
  });

  test('environment variables mirror the flags, and flags win', () => {
    const env = {
      RC_PORT: '9000',
      RC_HOST: '::1',
      RC_DB: '/var/lib/rc.db',
      RC_MODERATION: 'off',
      RC_ORIGINS: 'https://a.example, https://b.example',
      RC_ADMIN_TOKEN: 'from-env',
      RC_STATIC: 'dist,demo',
      RC_SEED: 'seed.json',
      RC_RATE_LIMIT: '5',
      RC_EDIT_WINDOW: '600',
      RC_TRUST_PROXY: '1',
      RC_LOG_LEVEL: 'info',
    };
    const fromEnv = serve([], env);
    assert.equal(fromEnv.port, 9000);
    assert.equal(fromEnv.host, '::1');
    assert.equal(fromEnv.db, '/var/lib/rc.db');
    assert.equal(fromEnv.moderation, 'off');
    assert.deepEqual(fromEnv.origins, ['https://a.example', 'https://b.example']);
    assert.equal(fromEnv.adminToken, 'from-env');
    assert.deepEqual(fromEnv.staticDirs, ['dist', 'demo']);
    assert.equal(fromEnv.seedFile, 'seed.json');
    assert.deepEqual(fromEnv.rateLimit, { max: 5, windowMs: 60_000 });
    assert.equal(fromEnv.editWindowSeconds, 600);
    assert.equal(fromEnv.trustProxy, true);
    assert.equal(fromEnv.logger, 'info');

    const flagsWin = serve(
      ['--port', '1234', '--origin', 'https://c.example', '--moderation', 'pre', '--static', 'public'],
      env,
    );
    assert.equal(flagsWin.port, 1234);
    assert.deepEqual(flagsWin.origins, ['https://c.example']);
    assert.equal(flagsWin.moderation, 'pre');
    assert.deepEqual(flagsWin.staticDirs, ['public']);
    assert.equal(serve([], { RC_PORT: '' }).port, 8787, 'an empty variable counts as unset');
  });

  test('help and version', () => {
    assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--port', '1', '-h']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  });

  test('bad command lines are UsageErrors with a clear message', () => {
    const cases = [
      [['--bogus'], /Unknown option --bogus/],
      [['--port'], /--port needs a value/],
      [['--port', 'http'], /--port must be a number/],
      [['--port', '65536'], /--port must be a number/],
      [['--moderation', 'post'], /--moderation must be "pre" or "off"/],
      [['--origin', 'blog.example.org'], /--origin/],
      [['--origin', 'https://blog.example.org/comments'], /scheme, host and optional port/],
      [['--origin', 'ftp://blog.example.org'], /--origin/],
      [['--rate-limit', '0'], /--rate-limit must be a whole number/],
      [['--edit-window', '1.5'], /--edit-window must be a whole number of seconds from 0/],
      [['--edit-window', '15m'], /--edit-window must be a whole number of seconds/],
      [['--edit-window', '604801'], /to 604800 \(a week\)/],
      [['--log-level', 'loud'], /--log-level/],
      [['--trust-proxy=yes'], /--trust-proxy takes no value/],
      [['serve'], /Unexpected argument "serve"/],
      [['moderate'], /needs an action/],
      [['moderate', 'publish', 'x'], /Unknown moderate action "publish"/],
      [['moderate', 'approve'], /exactly one comment id/],
      [['moderate', 'approve', 'a', 'b'], /exactly one comment id/],
      [['moderate', 'list', 'x'], /takes no comment id/],
      [['moderate', 'list', '--status', 'spam'], /--status must be one of/],
      [['moderate', 'delete', 'x', '--status', 'pending'], /only go with "moderate list"/],
      [['moderate', 'list', '--db', ':memory:'], /needs a database file/],
    ];
    for (const [argv, message] of /** @type {[string[], RegExp][]} */ (cases)) {
      assert.throws(
        () => parseCommandLine(argv, {}),
        (error) => error instanceof UsageError && message.test(error.message),
        argv.join(' '),
      );
    }
  });

  test('moderate commands', () => {
    assert.deepEqual(parseCommandLine(['moderate', 'list', '--db', 'x.db']), {
      kind: 'moderate',
      action: 'list',
      db: 'x.db',
      status: 'pending',
      thread: null,
    });
    assert.deepEqual(
      parseCommandLine(['moderate', 'list', '--status', 'rejected', '--thread', '/p'], { RC_DB: 'env.db' }),
      {
        kind: 'moderate',
        action: 'list',
        db: 'env.db',
        status: 'rejected',
        thread: '/p',
      },
    );
    for (const action of ['approve', 'reject', 'delete']) {
      assert.deepEqual(parseCommandLine(['moderate', action, 'abc', '--db', 'x.db']), {
        kind: 'moderate',
        action,
        db: 'x.db',
        id: 'abc',
      });
    }
  });

  test('normalizeOrigin keeps exactly what browsers send', () => {
    assert.equal(normalizeOrigin('https://blog.example.org/'), 'https://blog.example.org');
    assert.equal(normalizeOrigin('http://localhost:8000'), 'http://localhost:8000');
    assert.equal(normalizeOrigin('https://blog.example.org:443'), 'https://blog.example.org');
    assert.throws(() => normalizeOrigin('https://blog.example.org?x'), UsageError);
    assert.throws(() => normalizeOrigin('https://user@blog.example.org'), UsageError);
  });
});

/**
 * Runs the executable to completion.
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...cleanEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The parent's environment without RC_* variables, so a developer's shell cannot change results. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RC_')));
}

/**
 * Starts the executable as a server and resolves once it prints its listening line.
 * @param {{ after: (fn: () => void) => void }} t
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function startBin(t, args, env = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...cleanEnv(), ...env } });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  /** @type {Promise<string>} */
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // The ready line names the endpoint, what the element's `endpoint` attribute takes (issue 11).
      const match =
        /^recovery-comments-server listening on (http:\/\/127\.0\.0\.1:(\d+)), endpoint="\1\/api"\n/.exec(
          stdout,
        );
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('the executable', () => {
  test('serves: one listening line with the real port, /api/health answers, SIGTERM exits 0', async (t) => {
    const server = startBin(t, ['--port', '0', '--db', await freshDatabase()]);
    const url = await server.listening;
    assert.doesNotMatch(url, /:0$/);
    const health = await getJson(`${url}/api/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { ok: true });

    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.equal(server.output().stdout.split('\n').filter(Boolean).length, 1, 'exactly one line on stdout');
  });

  test('reads its settings from the environment and stops on SIGINT', async (t) => {
    const db = await persistentDatabase(t);
    const server = startBin(t, ['--port', '0'], {
      RC_DB: db,
      RC_MODERATION: 'off',
      RC_ORIGINS: 'https://blog.example.org',
    });
    const url = await server.listening;
    const posted = await postJson(`${url}/api/threads/${encodeURIComponent('/p')}/comments`, submission(), {
      origin: 'https://blog.example.org',
    });
    assert.equal(posted.status, 201);
    assert.equal(posted.headers.get('access-control-allow-origin'), 'https://blog.example.org');
    server.child.kill('SIGINT');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    if (ENGINE === 'sqlite') assert.ok(existsSync(db));
    const store = await openStore(db, { mustExist: true });
    t.after(() => store.close());
    assert.equal(await store.countComments('/p'), 1, 'stored in the database RC_DB names');
  });

  test('a bad flag exits 2 with a message on stderr and nothing on stdout', async () => {
    const result = await run(['--port', 'eighty']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /--port must be a number/);
    assert.match(result.stderr, /--help/);
    const unknown = await run(['--frobnicate']);
    assert.equal(unknown.code, 2);
    const missingDir = await run(['--static', '/no/such/dir', '--port', '0']);
    assert.equal(missingDir.code, 2);
    assert.match(missingDir.stderr, /not a directory/);
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage:/);
    assert.match(result.stdout, /moderate list/);
  });

  test('a port that is taken exits 1 with a message', async (t) => {
    const busy = await startTestServer(t);
    const result = await run(['--port', new URL(busy.url).port, '--db', await freshDatabase()]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /could not start/);
  });

  test('moderate list, approve, reject and delete work on a database file', async (t) => {
    const db = await persistentDatabase(t);
    const store = await openStore(db);
    await store.insertComment('/posts/p', {
      id: 'waiting',
      author: { name: 'Anon', email: 'anon@example.org' },
      body: 'Day 2.\nHello.',
      status: 'pending',
    });
    await store.insertComment('/posts/p', {
      id: 'hostile',
      author: { name: 'Evil\u001b[2J' },
      body: 'x\u001b]0;pwned\u0007',
      status: 'pending',
    });
    await store.insertComment('/posts/p', {
      id: 'reply',
      parentId: 'waiting',
      author: { name: 'B' },
      body: 'Welcome.',
      status: 'pending',
    });
    await store.close();

    const list = await run(['moderate', 'list', '--db', db]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^3 pending comments:/);
    assert.match(list.stdout, /waiting .*\/posts\/p/);
    assert.match(list.stdout, /Anon \(anon@example\.org\)/);
    assert.match(list.stdout, /Day 2\. ⏎ Hello\./);
    assert.match(list.stdout, /reply to waiting/);
    assert.doesNotMatch(list.stdout, /\u001b/, 'no terminal escape codes from comment text');

    const approve = await run(['moderate', 'approve', 'waiting', '--db', db]);
    assert.equal(approve.code, 0);
    assert.match(approve.stdout, /Approved \(published\) comment waiting by Anon on \/posts\/p\./);
    const reject = await run(['moderate', 'reject', 'hostile'], { RC_DB: db });
    assert.equal(reject.code, 0);
    assert.match(reject.stdout, /Rejected comment hostile/);
    const published = await run(['moderate', 'list', '--status', 'published', '--db', db]);
    assert.match(published.stdout, /^1 published comment:/);

    const removed = await run(['moderate', 'delete', 'waiting', '--db', db]);
    assert.equal(removed.code, 0);
    assert.match(removed.stdout, /Deleted comment waiting and its 1 reply\./);
    const empty = await run(['moderate', 'list', '--db', db]);
    assert.equal(empty.stdout, 'No pending comments.\n');

    for (const action of ['approve', 'reject', 'delete']) {
      const unknown = await run(['moderate', action, 'waiting', '--db', db]);
      assert.equal(unknown.code, 1, action);
      assert.match(unknown.stderr, /No comment has the id waiting\./);
    }
    const noDb = await run(['moderate', 'list', '--db', missingDatabase(t)]);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /Cannot open the database/);
  });
});
