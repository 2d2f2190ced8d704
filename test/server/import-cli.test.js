// @ts-check
// `recovery-comments-server import …` on the command line: parsing (pure), and the real
// executable importing a file and refusing a truncated one.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB_FILE, parseCommandLine, UsageError } from '../../server/cli.js';
import { persistentDatabase, tempDir } from './helpers.js';
import { fixture, storedComments } from './import-helpers.js';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

describe('parseCommandLine: import', () => {
  test('format, file, and the defaults', () => {
    assert.deepEqual(parseCommandLine(['import', 'wordpress', 'blog.xml']), {
      kind: 'import',
      format: 'wordpress',
      file: 'blog.xml',
      db: DEFAULT_DB_FILE,
      threadFrom: 'link',
    });
  });

  test('--db, RC_DB and --thread-from', () => {
    assert.deepEqual(
      parseCommandLine(['import', 'disqus', 'd.xml', '--thread-from', 'id'], { RC_DB: 'env.db' }),
      {
        kind: 'import',
        format: 'disqus',
        file: 'd.xml',
        db: 'env.db',
        threadFrom: 'id',
      },
    );
    const command = parseCommandLine(['import', 'disqus', 'd.xml', '--db', 'flag.db'], { RC_DB: 'env.db' });
    assert.equal(command.kind === 'import' && command.db, 'flag.db');
  });

  for (const [argv, message] of /** @type {[string[], RegExp][]} */ ([
    [['import'], /needs a format: wordpress or disqus/],
    [['import', 'blogger', 'x.xml'], /Unknown import format "blogger"/],
    [['import', 'wordpress'], /needs the export file/],
    [['import', 'wordpress', 'a.xml', 'b.xml'], /takes one file \(got "b\.xml" too\)/],
    [['import', 'wordpress', 'a.xml', '--thread-from', 'title'], /--thread-from must be "link" or "id"/],
    [['import', 'wordpress', 'a.xml', '--db', ':memory:'], /needs a database file/],
    [['import', 'wordpress', 'a.xml', '--status', 'pending'], /Unknown option --status/],
  ])) {
    test(`refuses ${argv.join(' ')}`, () => {
      assert.throws(
        () => parseCommandLine(argv),
        (error) => error instanceof UsageError && message.test(error.message),
      );
    });
  }
});

/**
 * Runs the real executable and collects its output.
 * @param {string[]} args
 */
function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the executable imports a file and prints the summary, and refuses a truncated one', async (t) => {
  const dir = tempDir(t);
  const db = await persistentDatabase(t);
  /** @type {any} */
  const ok = await run(['import', 'wordpress', fixture('wordpress-export.xml'), '--db', db]);
  assert.equal(ok.stderr, '');
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /^Imported from the WordPress export .*wordpress-export\.xml into \S+:\n/);
  assert.match(ok.stdout, /5 comments imported into 2 threads/);

  const truncated = join(dir, 'cut.xml');
  const disqus = readFileSync(fixture('disqus-export.xml'), 'utf8');
  writeFileSync(truncated, disqus.slice(0, Math.floor(disqus.length / 2)));
  /** @type {any} */
  const refused = await run(['import', 'disqus', truncated, '--db', db]);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(
    refused.stderr,
    /cut\.xml:\d+:\d+: not well-formed XML .*cut short\.\nNothing was imported\.\n$/,
  );
  assert.equal((await storedComments(db)).length, 5);

  /** @type {any} */
  const usage = await run(['import', 'disqus']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /needs the export file/);
});
