// @ts-check
// The owner's pure modules: passwords, signed links, trust rules, mailbox checks, the text of
// emails, the retry schedule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { retryDelay } from '../../server/owner/delivery-queue.js';
import { escapeHtml, renderPage } from '../../server/owner/html-page.js';
import { normalizeMailbox } from '../../server/owner/mailbox.js';
import { oneLine, quote } from '../../server/owner/mail-messages.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../server/owner/passwords.js';
import { linkSigner } from '../../server/owner/signed-links.js';
import {
  countLinks,
  decideStatus,
  DEFAULT_TRUST_RULES,
  normalizeTrustRules,
  TrustRulesError,
} from '../../server/owner/trust-rules.js';

describe('passwords', () => {
  test('scrypt hashes verify, salted, and malformed hashes never match', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, /^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(hash, await hashPassword('correct horse battery'));
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
    for (const bad of ['', 'plain', 'scrypt$1$2$3$x$y', hash.replace(/\$[^$]+$/, '$AAAA')]) {
      assert.equal(await verifyPassword('correct horse battery', bad), false, bad);
    }
    assert.match(passwordProblem('short') ?? '', /at least 10/);
    assert.equal(passwordProblem('long enough now'), null);
  });
});

describe('signed links', () => {
  const signer = linkSigner(Buffer.alloc(32, 7));
  test('a link does what it says, until it expires', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const token = signer.sign('approve', 'c1', { now });
    const checked = signer.verify(token, now + 1000);
    assert.equal(checked.ok, true);
    assert.equal(checked.ok && checked.claims.purpose, 'approve');
    assert.equal(checked.ok && checked.claims.subject, 'c1');
    assert.deepEqual(signer.verify(token, now + 7 * 24 * 3600_000), { ok: false, reason: 'expired' });
  });
  test('another secret, an edited payload or signature, garbage: refused', () => {
    const token = signer.sign('reject', 'c1');
    assert.deepEqual(linkSigner(Buffer.alloc(32, 8)).verify(token), { ok: false, reason: 'tampered' });
    const [payload, mac] = token.split('.');
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('reject', 'approve'),
    ).toString('base64url');
    assert.deepEqual(signer.verify(`${edited}.${mac}`), { ok: false, reason: 'tampered' });
    assert.deepEqual(signer.verify(`${payload}.${'A'.repeat(43)}`), { ok: false, reason: 'tampered' });
    for (const junk of ['', '.', 'a.b', `${payload}.${mac}.x`, `${payload}`]) {
      assert.equal(signer.verify(junk).ok, false, junk);
    }
    assert.throws(() => linkSigner(Buffer.alloc(8)), RangeError);
  });
});

describe('trust rules', () => {
  const facts = (
    /** @type {Partial<import('../../server/owner/trust-rules.js').NewCommentFacts>} */ over = {},
  ) => ({
    author: { name: 'Anon', email: 'anon@example.org', url: null },
    body: 'Day 5.',
    ip: '203.0.113.9',
    emailHasPublished: false,
    moderation: /** @type {const} */ ('pre'),
    ...over,
  });
  const rules = (/** @type {Partial<import('../../server/owner/trust-rules.js').TrustRules>} */ over = {}) =>
    normalizeTrustRules({ ...DEFAULT_TRUST_RULES, ...over });

  test('links are counted as a spammer writes them', () => {
    assert.equal(countLinks('no links here'), 0);
    assert.equal(countLinks('https://a.example and http://b.example/x'), 2);
    assert.equal(countLinks('https://www.a.example counts once, www.b.example too'), 2);
    assert.equal(countLinks('HTTPS://A.EXAMPLE'), 1);
  });

  test('the order: blocklists, then links, then moderation and trust', () => {
    assert.equal(decideStatus(facts(), rules()).status, 'pending');
    assert.equal(decideStatus(facts({ emailHasPublished: true }), rules()).status, 'published');
    assert.equal(
      decideStatus(facts({ emailHasPublished: true }), rules({ trustApproved: false })).status,
      'pending',
    );
    assert.equal(decideStatus(facts({ moderation: 'off' }), rules()).status, 'published');
    const linky = facts({ moderation: 'off', body: 'https://a.example https://b.example https://c.example' });
    assert.equal(decideStatus(linky, rules()).status, 'pending');
    assert.equal(decideStatus(linky, rules({ maxLinks: 3 })).status, 'published');
    assert.equal(
      decideStatus(
        facts({ emailHasPublished: true, body: 'BUY Cheap pills' }),
        rules({ blockedWords: ['cheap pills'] }),
      ).status,
      'spam',
    );
    assert.equal(decideStatus(facts(), rules({ blockedEmails: ['ANON@example.org'] })).status, 'spam');
    assert.equal(decideStatus(facts(), rules({ blockedEmails: ['@example.org'] })).status, 'spam');
    assert.equal(decideStatus(facts(), rules({ blockedEmails: ['@ample.org'] })).status, 'pending');
    assert.equal(decideStatus(facts(), rules({ blockedIps: ['203.0.113.0/24'] })).status, 'spam');
    assert.equal(
      decideStatus(facts({ ip: '::ffff:203.0.113.9' }), rules({ blockedIps: ['203.0.113.9'] })).status,
      'spam',
    );
    assert.equal(
      decideStatus(facts({ ip: '2001:db8::1' }), rules({ blockedIps: ['2001:db8::/32'] })).status,
      'spam',
    );
    assert.equal(
      decideStatus(facts({ ip: '198.51.100.1' }), rules({ blockedIps: ['203.0.113.0/24'] })).status,
      'pending',
    );
  });

  test('bad rules are refused with the rule named; good ones are cleaned', () => {
    for (const [input, field] of /** @type {[unknown, string][]} */ ([
      [{ trustApproved: 'yes' }, 'trustApproved'],
      [{ maxLinks: -1 }, 'maxLinks'],
      [{ maxLinks: 1.5 }, 'maxLinks'],
      [{ blockedWords: 'casino' }, 'blockedWords'],
      [{ blockedWords: [1] }, 'blockedWords'],
      [{ blockedEmails: ['not an email'] }, 'blockedEmails'],
      [{ blockedIps: ['300.1.1.1'] }, 'blockedIps'],
      [{ blockedIps: ['10.0.0.0/8/8'] }, 'blockedIps'],
      [{ blockedIps: ['::1/129'] }, 'blockedIps'],
      [{ blockedWords: ['x'.repeat(201)] }, 'blockedWords'],
      [{ blockedWords: Array.from({ length: 1001 }, (_, i) => `w${i}`) }, 'blockedWords'],
    ])) {
      assert.throws(
        () => normalizeTrustRules(input),
        (error) => error instanceof TrustRulesError && error.field === field,
        JSON.stringify(input).slice(0, 60),
      );
    }
    assert.deepEqual(normalizeTrustRules({ blockedWords: [' a ', 'a', ''], blockedIps: [' 10.0.0.0/8 '] }), {
      ...DEFAULT_TRUST_RULES,
      blockedWords: ['a'],
      blockedIps: ['10.0.0.0/8'],
    });
  });
});

describe('mail text', () => {
  test('addresses with a line break (header injection) or no shape are refused', () => {
    assert.equal(normalizeMailbox(' Owner@Example.ORG ', '--notify'), 'Owner@example.org');
    for (const bad of [
      'owner@example.org\r\nBcc: x@example.org',
      'a@b.org\n',
      'a@b',
      'a b@c.org',
      '<a@b.org>',
      'a@b.org,c@d.org',
      '',
    ]) {
      assert.throws(() => normalizeMailbox(bad, '--notify'), RangeError, JSON.stringify(bad));
    }
    assert.throws(() => normalizeMailbox('a@b.org\r\nBcc: c@d.org', '--notify'), /line break/);
  });
  test('comment text is quoted line by line, one-liners lose control characters', () => {
    assert.equal(quote('a\r\nb\n\nc\u0007'), '> a\n> b\n>\n> c');
    assert.equal(oneLine('Evil\r\nBcc: x\u202e'), 'Evil Bcc: x');
    assert.equal(oneLine('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
  });
  test('link pages escape everything they show', () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&</a>`),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const page = renderPage({
      title: '<b>t</b>',
      paragraphs: ['<script>'],
      quote: '<img src=x onerror=alert(1)>',
    });
    assert.doesNotMatch(page, /<script>|<img|<b>/);
  });
});

describe('retry schedule', () => {
  test('capped exponential backoff with full jitter', () => {
    const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };
    assert.equal(
      retryDelay(1, policy, () => 1),
      1000,
    );
    assert.equal(
      retryDelay(3, policy, () => 1),
      4000,
    );
    assert.equal(
      retryDelay(20, policy, () => 1),
      60_000,
    );
    assert.equal(
      retryDelay(3, policy, () => 0.5),
      2000,
    );
    assert.equal(
      retryDelay(3, policy, () => 0),
      1,
    );
  });
});
