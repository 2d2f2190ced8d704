// @ts-check
// A real WordPress for tests: Debian's WordPress copied into a temp folder, its own MariaDB
// (private data directory and socket, no network, no system service), PHP's built-in server on a
// free loopback port with a router for pretty permalinks, installed through wp-admin/install.php
// as a browser would. Mail never leaves: a must-use plugin writes every wp_mail() to a file.
// The recipe is the one verified in shared/TOOLCHAIN.md.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, 'wordpress');
const WORDPRESS_SOURCE = process.env.RC_WORDPRESS_SOURCE || '/usr/share/wordpress';

/** The administrator the harness installs (a test may sign in as them). */
export const ADMIN = { user: 'admin', password: 'rc-admin-password', email: 'admin@example.test' };

/** Environment variables through which test/wordpress/run.js hands the site to each test file. */
export const ENV = {
  url: 'RC_WP_URL',
  root: 'RC_WP_ROOT',
  mailLog: 'RC_WP_MAIL_LOG',
  debugLog: 'RC_WP_DEBUG_LOG',
};

/**
 * @typedef {{
 *   url: string,
 *   root: string,
 *   mailLog: string,
 *   debugLog: string,
 *   php: (code: string) => Promise<string>,
 *   phpJson: (code: string) => Promise<any>,
 *   mails: () => Promise<CapturedMail[]>,
 *   setPermalinks: (kind: 'plain' | 'pretty') => Promise<void>,
 * }} WordPressSite
 * `php(code)` runs PHP statements (no `<?php`) with WordPress loaded and resolves to what they
 * print; `phpJson(code)` parses that output as JSON (so `echo wp_json_encode(...)`).
 * `mails()` lists every message wp_mail() was asked to send, oldest first.
 */

/** @typedef {{ to: string[], subject: string, message: string, headers: unknown }} CapturedMail */

/**
 * Starts a fresh WordPress. `plugins` are plugin folders copied into wp-content/plugins and
 * activated (folder `x` must hold `x/x.php`); `permalinks` is the structure to start with.
 * @param {{ plugins?: string[], permalinks?: 'plain' | 'pretty' }} [options]
 * @returns {Promise<WordPressSite & { stop: () => Promise<void> }>}
 */
export async function startWordPress({ plugins = [], permalinks = 'plain' } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'rc-wp-'));
  /** @type {Array<() => Promise<void>>} */
  const cleanups = [() => rm(dir, { recursive: true, force: true })];
  const stop = async () => {
    while (cleanups.length > 0) await /** @type {() => Promise<void>} */ (cleanups.pop())();
  };
  try {
    const socket = path.join(dir, 'mysql.sock');
    cleanups.push(await startMariaDb(dir, socket));

    const root = path.join(dir, 'site');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mailLog = path.join(dir, 'mail.jsonl');
    const debugLog = path.join(dir, 'debug.log');
    await cp(WORDPRESS_SOURCE, root, { recursive: true, dereference: true });
    await writeFile(path.join(root, 'wp-config.php'), wpConfig({ socket, url, mailLog, debugLog }));
    await writeFile(mailLog, '');
    await mkdir(path.join(root, 'wp-content', 'mu-plugins'), { recursive: true });
    await cp(path.join(FIXTURES, 'mu-plugins'), path.join(root, 'wp-content', 'mu-plugins'), {
      recursive: true,
    });
    await cp(path.join(FIXTURES, 'themes'), path.join(root, 'wp-content', 'themes'), { recursive: true });
    for (const plugin of plugins) {
      await cp(plugin, path.join(root, 'wp-content', 'plugins', path.basename(plugin)), { recursive: true });
    }

    cleanups.push(await startPhpServer(dir, root, port));
    await install(url);

    const site = connectWordPress({
      [ENV.url]: url,
      [ENV.root]: root,
      [ENV.mailLog]: mailLog,
      [ENV.debugLog]: debugLog,
    });
    for (const plugin of plugins) {
      const slug = path.basename(plugin);
      await site.php(`
        require_once ABSPATH . 'wp-admin/includes/plugin.php';
        $result = activate_plugin(${phpString(`${slug}/${slug}.php`)});
        if (is_wp_error($result)) { fwrite(STDERR, $result->get_error_message()); exit(1); }
      `);
    }
    await site.setPermalinks(permalinks);
    return { ...site, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The site started by test/wordpress/run.js, read from the environment variables in ENV (or
 * from the object given): what each test file calls.
 * @param {Record<string, string | undefined>} [env]
 * @returns {WordPressSite}
 */
export function connectWordPress(env = process.env) {
  const url = env[ENV.url];
  const root = env[ENV.root];
  const mailLog = env[ENV.mailLog];
  const debugLog = env[ENV.debugLog];
  if (!url || !root || !mailLog || !debugLog) {
    throw new Error(
      `No WordPress to test against: run the suite with "npm run test:wordpress", which sets ${Object.values(ENV).join(', ')}.`,
    );
  }
  const host = new URL(url).host;

  /** @param {string} code */
  const php = async (code) => {
    const script = `<?php
      $_SERVER['HTTP_HOST'] = ${phpString(host)};
      $_SERVER['SERVER_NAME'] = '127.0.0.1';
      $_SERVER['REQUEST_URI'] = '/';
      require ${phpString(path.join(root, 'wp-load.php'))};
      ${code}
    `;
    const logStart = await stat(debugLog).then(
      (info) => info.size,
      () => 0,
    );
    try {
      const { stdout } = await run(
        'php',
        ['-d', 'display_errors=stderr', '-r', script.replace(/^<\?php/, '')],
        {
          cwd: root,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      return stdout;
    } catch (error) {
      const failure = /** @type {{ stdout?: string, stderr?: string }} */ (error);
      // WordPress's fatal-error handler prints an HTML page; the error itself is in the log.
      const logged = (await readFile(debugLog, 'utf8').catch(() => ''))
        .slice(logStart)
        .split('\n')
        .filter((line) => !line.includes('PHP Deprecated'))
        .join('\n');
      throw new Error(`PHP failed:\n${failure.stderr ?? ''}${logged}\n--- code ---\n${code}`);
    }
  };

  return {
    url,
    root,
    mailLog,
    debugLog,
    php,
    async phpJson(code) {
      const out = await php(code);
      try {
        return JSON.parse(out);
      } catch {
        throw new Error(`PHP printed no JSON: ${out.slice(0, 500)}`);
      }
    },
    async mails() {
      const text = await readFile(mailLog, 'utf8');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line));
    },
    async setPermalinks(kind) {
      const structure = kind === 'pretty' ? '/%year%/%postname%/' : '';
      await php(`
        update_option('permalink_structure', ${phpString(structure)});
        flush_rewrite_rules(false);
      `);
    },
  };
}

/** A PHP single-quoted string literal for any text. */
export function phpString(/** @type {string} */ text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Initialises a private MariaDB in `dir/db` and serves it on a socket only; resolves to its stop.
 * @param {string} dir
 * @param {string} socket
 */
async function startMariaDb(dir, socket) {
  const data = path.join(dir, 'db');
  await run('mysql_install_db', [
    `--datadir=${data}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  const log = openSync(path.join(dir, 'mariadb.log'), 'a');
  const server = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mysql.pid')}`,
      '--skip-networking',
      '--user=root',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
      '--skip-log-bin',
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = once(server, 'exit');
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(await tail(path.join(dir, 'mariadb.log')));
        if (!existsSync(socket)) return false;
        await run('mariadb', [`--socket=${socket}`, '-uroot', '-e', 'SELECT 1']);
        return true;
      },
      'MariaDB',
      30_000,
    );
    await run('mariadb', [
      `--socket=${socket}`,
      '-uroot',
      '-e',
      "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost';",
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/**
 * Serves the site with PHP's built-in server (several workers, so a page and the requests it
 * makes can overlap); resolves to its stop.
 * @param {string} dir
 * @param {string} root
 * @param {number} port
 */
async function startPhpServer(dir, root, port) {
  const logPath = path.join(dir, 'php-server.log');
  const log = openSync(logPath, 'a');
  // Its own process group: with workers, the server forks, and stop() must end every one.
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root, path.join(FIXTURES, 'router.php')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  closeSync(log);
  const exited = once(server, 'exit');
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    try {
      process.kill(-(/** @type {number} */ (server.pid)), 'SIGTERM');
    } catch {
      server.kill('SIGTERM');
    }
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(await tail(logPath));
        try {
          const response = await fetch(`http://127.0.0.1:${port}/wp-includes/images/blank.gif`);
          await response.arrayBuffer();
          return response.ok;
        } catch {
          return false;
        }
      },
      'PHP server',
      15_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/**
 * Runs WordPress's installer the way its form does.
 * @param {string} url
 */
async function install(url) {
  const form = new URLSearchParams({
    weblog_title: 'Recovery Stories',
    user_name: ADMIN.user,
    admin_password: ADMIN.password,
    admin_password2: ADMIN.password,
    pw_weak: '1',
    admin_email: ADMIN.email,
    blog_public: '0',
  });
  const response = await fetch(`${url}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const page = await response.text();
  if (!response.ok || !page.includes('Success!')) {
    throw new Error(`WordPress install failed (${response.status}): ${page.slice(0, 1000)}`);
  }
}

/**
 * The site's own wp-config.php (Debian's reads /etc/wordpress, which tests must not touch).
 * @param {{ socket: string, url: string, mailLog: string, debugLog: string }} options
 */
function wpConfig({ socket, url, mailLog, debugLog }) {
  const salts = ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']
    .flatMap((name) => [`${name}_KEY`, `${name}_SALT`])
    .map((name) => `define(${phpString(name)}, ${phpString(`rc-test-${name}-${Math.random()}`)});`)
    .join('\n');
  return `<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', ${phpString(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', ${phpString(url)});
define('WP_SITEURL', ${phpString(url)});
${salts}
define('RC_WP_MAIL_LOG', ${phpString(mailLog)});
// Notices and warnings go to a file a test can read, never into a page or a JSON answer.
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', ${phpString(debugLog)});
// No background HTTP: no cron loopback requests, no update checks, nothing off this machine.
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

/** A port nothing listens on right now, on 127.0.0.1. @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `ready` until it resolves true; fails after `timeoutMs` naming `what`.
 * @param {() => Promise<boolean>} ready
 * @param {string} what
 * @param {number} timeoutMs
 */
async function waitFor(ready, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await ready()) return;
    } catch (error) {
      lastError = error;
      if (error instanceof Error && !String(error.message).includes('Command failed')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms${lastError ? `: ${lastError}` : ''}`);
}

/** The last lines of a log file, for an error message. */
async function tail(/** @type {string} */ file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-20).join('\n');
}
