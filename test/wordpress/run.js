// @ts-check
// The WordPress suite: starts ONE real WordPress (test/support/wordpress.js) with the plugin
// installed from the built zip, exactly as a site owner would upload it, then runs every
// test/wordpress/*.test.js against it with `node --test`, and stops it always: on success, on
// failure and on SIGINT/SIGTERM.
//
// Each test file finds the site through these environment variables (connectWordPress() reads
// them): RC_WP_URL (the site's address, e.g. http://127.0.0.1:PORT), RC_WP_ROOT (its folder, for
// php()), RC_WP_MAIL_LOG (wp_mail() messages as JSON lines), RC_WP_DEBUG_LOG (PHP notices; the
// run fails if any is about the plugin's files).
// Files run one at a time and each makes its own posts, so none depends on another's data; a
// file that changes a site-wide setting (permalinks, theme, Discussion options) puts it back.
// Extra arguments are passed to node --test (e.g. a file name to run just that file).
import { unzipSync } from 'fflate';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV, startWordPress } from '../support/wordpress.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const ZIP = path.join(ROOT, 'dist', 'recovery-comments-wordpress.zip');

if (!existsSync(ZIP)) {
  console.error(`${path.relative(ROOT, ZIP)} is missing: run "npm run build" first.`);
  process.exit(1);
}

// The plugin as the zip holds it, not the source folder: what is not in the zip is not tested.
const unpacked = mkdtempSync(path.join(tmpdir(), 'rc-wp-plugin-'));
for (const [name, data] of Object.entries(unzipSync(readFileSync(ZIP)))) {
  if (name.endsWith('/')) continue;
  const target = path.join(unpacked, name);
  if (!target.startsWith(unpacked + path.sep)) throw new Error(`zip entry outside its folder: ${name}`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, data);
}

const args = process.argv.slice(2);
const files =
  args.length > 0
    ? args
    : readdirSync(HERE)
        .filter((name) => name.endsWith('.test.js'))
        .sort()
        .map((name) => path.join(HERE, name));

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
/** The site being started: a signal during start-up must wait for it, or MariaDB outlives us. */
const starting = startWordPress({ plugins: [path.join(unpacked, 'recovery-comments')] });
let stopping = false;

/** Stops the tests (if running) and WordPress, removes the unpacked plugin, and exits. */
async function finish(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) child.kill('SIGTERM');
  // A start that failed has already stopped what it had started.
  const site = await starting.catch(() => null);
  await site?.stop().catch((error) => console.error('stopping WordPress failed:', error));
  rmSync(unpacked, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => void finish(signal === 'SIGINT' ? 130 : 143));
}

try {
  const site = await starting;
  if (stopping) await new Promise(() => {}); // finish() is stopping it and will exit.
  console.log(`WordPress at ${site.url} (${site.root})`);
  const env = {
    ...process.env,
    [ENV.url]: site.url,
    [ENV.root]: site.root,
    [ENV.mailLog]: site.mailLog,
    [ENV.debugLog]: site.debugLog,
  };
  child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env,
  });
  const code = await new Promise((resolve) => {
    /** @type {import('node:child_process').ChildProcess} */ (child).on('exit', (exitCode, signal) =>
      resolve(exitCode ?? (signal ? 1 : 0)),
    );
  });
  // PHP notices never reach a page or an answer (WP_DEBUG_DISPLAY is off), so the suite reads
  // the log: any line about the plugin's own files fails the run.
  const ours = readFileSync(site.debugLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes('/plugins/recovery-comments/'));
  if (ours.length > 0) console.error(`PHP reported problems in the plugin:\n${ours.join('\n')}`);
  await finish(ours.length > 0 && code === 0 ? 1 : /** @type {number} */ (code));
} catch (error) {
  console.error(error);
  await finish(1);
}
