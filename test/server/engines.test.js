// @ts-check
// package.json's engines tell the truth: every Node version it accepts is accepted by every
// runtime dependency, i.e. by all that `npm install recovery-comments` brings, so installing it
// never warns EBADENGINE; and the Node running these tests (CI's) is one of them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const semver =
  /** @type {{ subset: (sub: string, dom: string) => boolean, satisfies: (version: string, range: string) => boolean }} */ (
    require('semver')
  );
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('every runtime dependency accepts every Node version package.json declares', () => {
  const range = own.engines.node;
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .filter((dir) => dir !== ROOT.replace(/\/$/, ''));
  assert.ok(dirs.length > 50, `npm ls listed ${dirs.length} runtime packages`);
  const narrower = [];
  for (const dir of new Set(dirs)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const theirs = pkg.engines?.node;
    if (typeof theirs === 'string' && !semver.subset(range, theirs))
      narrower.push(`${pkg.name}@${pkg.version}: ${theirs}`);
  }
  assert.deepEqual(narrower, [], `these accept less than "${range}"`);
});

test('the Node running the tests is one package.json declares', () => {
  assert.ok(
    semver.satisfies(process.versions.node, own.engines.node),
    `${process.versions.node} vs ${own.engines.node}`,
  );
});
