#!/usr/bin/env node
// @ts-check
// Runs the server tests on both engines: every test/server/*.test.js on SQLite, then again on
// PostgreSQL, in a private cluster started once for that run and removed afterwards.
// *.sqlite.test.js and *.postgres.test.js are about one engine only and run in its pass.
//
//   node test/server/run.js                              # both engines (npm run test:server)
//   node test/server/run.js --engine postgres            # one engine
//   node test/server/run.js --engine postgres store.test.js post.test.js
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCluster } from '../support/postgres.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ENGINES = /** @type {const} */ (['sqlite', 'postgres']);

const { values, positionals } = parseArgs({
  options: { engine: { type: 'string', default: 'both' } },
  allowPositionals: true,
});
const engines = values.engine === 'both' ? ENGINES : ENGINES.filter((engine) => engine === values.engine);
if (engines.length === 0) {
  process.stderr.write(`--engine must be sqlite, postgres or both, not "${values.engine}".\n`);
  process.exit(2);
}

/** The test files of one engine's pass, in a stable order. */
function filesFor(/** @type {'sqlite' | 'postgres'} */ engine) {
  const other = engine === 'sqlite' ? 'postgres' : 'sqlite';
  const all = positionals.length > 0 ? positionals.map((file) => basename(file)) : readdirSync(HERE).sort();
  return all
    .filter((file) => file.endsWith('.test.js') && !file.endsWith(`.${other}.test.js`))
    .map((file) => join(HERE, file));
}

/**
 * Runs node --test on `files` with `env` added; resolves to its exit code.
 * @param {string[]} files
 * @param {Record<string, string>} env
 */
function runTests(files, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

let failed = false;
for (const engine of engines) {
  const files = filesFor(engine);
  process.stdout.write(
    `\n=== server tests on ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${files.length} files) ===\n`,
  );
  if (engine === 'sqlite') {
    failed = (await runTests(files, { RC_TEST_ENGINE: 'sqlite' })) !== 0 || failed;
    continue;
  }
  // fsync off: this cluster holds throwaway test data, and the tests are about the server, not
  // about the disk. (bench/load.js runs PostgreSQL with its durable defaults.)
  const cluster = await startCluster({ settings: { fsync: 'off', full_page_writes: 'off' } });
  try {
    process.stdout.write(`PostgreSQL cluster on 127.0.0.1:${cluster.port}\n`);
    failed =
      (await runTests(files, {
        RC_TEST_ENGINE: 'postgres',
        RC_TEST_POSTGRES: cluster.url,
        RC_PG_BIN: cluster.bin,
      })) !== 0 || failed;
  } finally {
    await cluster.destroy();
  }
}
process.exitCode = failed ? 1 : 0;
