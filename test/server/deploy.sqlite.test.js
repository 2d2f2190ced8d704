// @ts-check
// The deployment files in server/deploy/ are units systemd accepts, and the example settings
// are ones the server accepts. (Run once, in the SQLite pass: nothing here touches a database.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseCommandLine } from '../../server/cli.js';

const run = promisify(execFile);
const DEPLOY = fileURLToPath(new URL('../../server/deploy/', import.meta.url));
const UNITS = [
  'recovery-comments.service',
  'recovery-comments-backup.service',
  'recovery-comments-backup.timer',
];

test('systemd-analyze verify accepts the units without a warning', async () => {
  const { stdout, stderr } = await run('systemd-analyze', [
    'verify',
    ...UNITS.map((unit) => `${DEPLOY}${unit}`),
  ]);
  assert.equal(`${stdout}${stderr}`, '');
});

test('the server and its backup job run as the same user, so both may open the database file', () => {
  const user = (/** @type {string} */ unit) =>
    /^User=(.+)$/m.exec(readFileSync(`${DEPLOY}${unit}`, 'utf8'))?.[1];
  assert.equal(user('recovery-comments.service'), 'recovery-comments');
  assert.equal(user('recovery-comments-backup.service'), 'recovery-comments');
});

test('env.example holds settings the server accepts, for SQLite and for PostgreSQL', () => {
  const text = readFileSync(`${DEPLOY}env.example`, 'utf8');
  const parse = (/** @type {string} */ source) =>
    Object.fromEntries(
      source
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  const sqlite = parseCommandLine([], parse(text));
  assert.equal(sqlite.kind === 'serve' && sqlite.options.db, '/var/lib/recovery-comments/comments.db');
  assert.equal(sqlite.kind === 'serve' && sqlite.options.trustProxy, 1);
  const postgres = parseCommandLine([], parse(text.replace(/^# (RC_[A-Z_]+=)/gm, '$1')));
  assert.match(postgres.kind === 'serve' ? postgres.options.db : '', /^postgres:\/\//);
  assert.equal(postgres.kind === 'serve' && postgres.options.trustProxy, 2);
});
