// @ts-check
// The owner's command line: `moderators add|list|remove` on a database file (password from a
// pipe), the notification and trust flags, and `moderate list | head -2` ending quietly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, UsageError } from '../../server/cli.js';
import { verifyPassword } from '../../server/owner/passwords.js';
import { openOwnerStore } from '../../server/store/owner-store.js';
import { openStore } from '../../server/store.js';
import { tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

/**
 * Runs the executable with `input` on stdin.
 * @param {string[]} args
 * @param {string} [input]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(args, input = '') {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('moderators', () => {
  test('add (password from stdin), list, add again to change it, remove', async (t) => {
    const db = join(tempDir(t), 'comments.db');
    const added = await run(
      ['moderators', 'add', 'Owner@Example.org', '--name', 'The Owner', '--db', db],
      'a long password\n',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Added moderator Owner@example\.org\./);

    const store = await openStore(db);
    const owner = await openOwnerStore(store);
    const stored = await owner.findModerator('owner@example.org');
    assert.ok(stored);
    assert.equal(stored.name, 'The Owner');
    assert.equal(
      await verifyPassword('a long password', stored.passwordHash),
      true,
      'the trailing newline is not part of it',
    );
    assert.doesNotMatch(stored.passwordHash, /a long password/);
    await store.close();

    const listed = await run(['moderators', 'list', '--db', db]);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, /^Owner@example\.org {2}The Owner {2}\(added \S+, never signed in\)\n$/);

    const changed = await run(['moderators', 'add', 'owner@example.org', '--db', db], 'another password');
    assert.match(changed.stdout, /^Updated moderator/);
    const short = await run(['moderators', 'add', 'new@example.org', '--db', db], 'short');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 10 characters long\. Nothing was changed\./);

    assert.equal((await run(['moderators', 'remove', 'owner@example.org', '--db', db])).code, 0);
    const gone = await run(['moderators', 'remove', 'owner@example.org', '--db', db]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /No moderator has the email/);
    assert.match((await run(['moderators', 'list', '--db', db])).stdout, /No moderators yet/);
  });

  test('bad command lines are usage errors', () => {
    for (const [argv, message] of /** @type {[string[], RegExp][]} */ ([
      [['moderators'], /needs an action/],
      [['moderators', 'promote', 'a@b.org'], /Unknown moderators action/],
      [['moderators', 'add'], /exactly one email/],
      [['moderators', 'add', 'a@b.org\r\nBcc: c@d.org'], /line break/],
      [['moderators', 'add', 'not-an-email'], /not an email address/],
      [['moderators', 'list', '--name', 'x'], /--name only goes with/],
      [['moderators', 'list', '--db', ':memory:'], /needs a database file/],
    ])) {
      assert.throws(
        () => parseCommandLine(argv, {}),
        (error) => error instanceof UsageError && message.test(error.message),
        argv.join(' '),
      );
    }
  });
});

describe('notification and trust flags', () => {
  test('flags and variables become the owner options; none given, none there', () => {
    const command = parseCommandLine(
      [
        '--smtp',
        'smtps://u:p@mail.example.org',
        '--from',
        'comments@example.org',
        '--notify',
        'a@example.org',
        '--notify',
        'b@example.org',
        '--public-url',
        'https://comments.example.org/',
        '--webhook',
        'https://hooks.example.org/x',
        '--trust-approved',
        'no',
        '--max-links',
        '5',
        '--block-word',
        'casino',
        '--block-ip',
        '203.0.113.0/24',
        '--demo-moderator',
        'demo@example.org',
      ],
      { RC_BLOCK_EMAILS: '@spam.example, x@y.org' },
    );
    assert.equal(command.kind, 'serve');
    if (command.kind !== 'serve') return;
    assert.deepEqual(command.options.owner, {
      smtp: 'smtps://u:p@mail.example.org',
      from: 'comments@example.org',
      notify: ['a@example.org', 'b@example.org'],
      publicUrl: 'https://comments.example.org',
      webhook: 'https://hooks.example.org/x',
      trustRules: {
        trustApproved: false,
        maxLinks: 5,
        blockedWords: ['casino'],
        blockedEmails: ['@spam.example', 'x@y.org'],
        blockedIps: ['203.0.113.0/24'],
      },
    });
    assert.equal(command.options.demoModerator, 'demo@example.org');
    const plain = parseCommandLine([], { RC_NOTIFY: 'owner@example.org' });
    assert.deepEqual(plain.kind === 'serve' && plain.options.owner, { notify: ['owner@example.org'] });
    const none = parseCommandLine([], {});
    assert.equal(none.kind === 'serve' && 'owner' in none.options, false);
  });

  test('bad values are refused at start, an address with CRLF among them', () => {
    for (const [argv, message] of /** @type {[string[], RegExp][]} */ ([
      [
        ['--notify', 'owner@example.org\r\nBcc: everyone@example.org'],
        /--notify: an email address cannot contain a line break/,
      ],
      [['--notify', 'owner'], /--notify: "owner" is not an email address/],
      [['--from', 'a@b.org\nX-Evil: 1'], /--from: an email address cannot contain a line break/],
      [['--smtp', 'http://mail.example.org'], /--smtp expects/],
      [['--smtp', 'nonsense'], /--smtp expects/],
      [['--webhook', 'ftp://x.example'], /--webhook expects/],
      [['--trust-approved', 'maybe'], /--trust-approved must be "yes" or "no"/],
      [['--max-links', 'many'], /--max-links must be a whole number/],
      [['--block-ip', '10.0.0.0/40'], /is not an IP address or range/],
      [['--block-email', 'not an email'], /is not an email address or an @domain/],
      [['--demo-moderator', 'nope'], /not an email address/],
    ])) {
      assert.throws(
        () => parseCommandLine(argv, {}),
        (error) => error instanceof UsageError && message.test(error.message),
        argv.join(' '),
      );
    }
  });
});

describe('moderate list | head -2', () => {
  test('the closed pipe ends the listing quietly: exit 0, no stack trace', async (t) => {
    const dir = tempDir(t);
    const db = join(dir, 'comments.db');
    const store = await openStore(db);
    // Enough text to overflow the pipe's buffer, so writes are still going when head exits.
    await store.insertComments(
      '/posts/p',
      Array.from({ length: 500 }, (_, i) => ({
        id: `c${i}`,
        author: { name: `Reader ${i}`, email: `r${i}@example.org` },
        body: `Comment ${i}: ${'words '.repeat(60)}`,
        status: /** @type {const} */ ('pending'),
      })),
    );
    await store.close();
    const errors = join(dir, 'stderr.txt');
    writeFileSync(errors, '');
    const result = await new Promise((resolve) => {
      const shell = spawn(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${BIN}" moderate list --db "${db}" 2>"${errors}" | head -2; echo "exit=\${PIPESTATUS[0]}"`,
        ],
        { env: { PATH: process.env.PATH ?? '' } },
      );
      let stdout = '';
      shell.stdout.on('data', (chunk) => (stdout += chunk));
      shell.on('close', () => resolve(stdout));
    });
    const lines = String(result).split('\n');
    assert.equal(lines[0], '500 pending comments:');
    assert.equal(lines[1], '');
    assert.equal(lines[2], 'exit=0');
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(errors, 'utf8'), '');
  });
});

describe('the demo loop (npm start)', () => {
  test('prints the demo moderator sign-in, which works, and writes the emails it would send to stdout', async (t) => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        '--port',
        '0',
        '--db',
        ':memory:',
        '--demo-moderator',
        'demo@example.org',
        '--notify',
        'owner@example.org',
        '--smtp',
        'log',
      ],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const waitFor = async (/** @type {RegExp} */ pattern) => {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(stdout)) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`no ${pattern} in:\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return /** @type {RegExpExecArray} */ (pattern.exec(stdout));
    };
    const [, url, password] = await waitFor(
      /Moderation app: (http:\/\/127\.0\.0\.1:\d+)\/admin\/ \(sign in as demo@example\.org with password (\S+)\)\n/,
    );
    const signIn = await fetch(`${url}/admin/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.org', password }),
    });
    assert.equal(signIn.status, 200);
    const posted = await fetch(`${url}/api/threads/%2Fposts%2Fdemo/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: crypto.randomUUID(),
        author: { name: 'Reader' },
        body: 'Hello from the demo.',
      }),
    });
    assert.equal(posted.status, 202);
    const [email] = await waitFor(
      /----- email \(written here, not sent[^\n]*\n[\s\S]*?----- end of email -----\n/,
    );
    assert.match(email, /To: owner@example\.org/);
    assert.match(email, /> Hello from the demo\./);
    assert.match(email, new RegExp(`Approve: ${url}/links/\\S+`));
    child.kill('SIGTERM');
  });
});
