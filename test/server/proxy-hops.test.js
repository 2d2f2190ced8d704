// @ts-check
// A configurable number of trusted proxy hops (--trust-proxy-hops): behind a CDN and nginx the
// client is the second X-Forwarded-For entry from the end, and what the client wrote before it
// changes nothing. Also the read limit's flag (--read-rate-limit), which proxies make matter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandLine, UsageError } from '../../server/cli.js';
import { postJson, startTestServer, submission } from './helpers.js';

const CLIENT_A = '203.0.113.10';
const CLIENT_B = '198.51.100.20';
const CDN_EDGE = '192.0.2.50';

describe('two trusted hops: a CDN in front of nginx', () => {
  test('each client has its own allowance, keyed by the entry the CDN added', async (t) => {
    const server = await startTestServer(t, { trustProxy: 2, rateLimit: { max: 2, windowMs: 60_000 } });
    // The CDN appends the client's address, nginx appends the CDN edge's: "<client's own>, client, edge".
    const post = (/** @type {string} */ client, spoofed = '10.9.9.9') =>
      postJson(server.commentsUrl(), submission(), {
        'x-forwarded-for': `${spoofed}, ${client}, ${CDN_EDGE}`,
      });
    assert.equal((await post(CLIENT_A)).status, 202);
    assert.equal((await post(CLIENT_A, '10.0.0.1')).status, 202);
    for (const spoofed of ['10.0.0.2', CLIENT_B, '127.0.0.1']) {
      assert.equal((await post(CLIENT_A, spoofed)).status, 429, `spoofed ${spoofed}`);
    }
    assert.equal((await post(CLIENT_B)).status, 202, 'another client behind the same CDN edge');
  });

  test('with one trusted hop instead, the CDN edge would be the client: everyone behind it shares one allowance', async (t) => {
    const server = await startTestServer(t, { trustProxy: 1, rateLimit: { max: 2, windowMs: 60_000 } });
    const post = (/** @type {string} */ client) =>
      postJson(server.commentsUrl(), submission(), { 'x-forwarded-for': `${client}, ${CDN_EDGE}` });
    assert.deepEqual(
      [(await post(CLIENT_A)).status, (await post(CLIENT_A)).status, (await post(CLIENT_B)).status],
      [202, 202, 429],
    );
  });
});

describe('--trust-proxy-hops', () => {
  const serve = (/** @type {string[]} */ argv, /** @type {Record<string, string>} */ env = {}) => {
    const command = parseCommandLine(argv, env);
    return command.kind === 'serve' ? command.options.trustProxy : assert.fail();
  };
  test('sets the number of trusted hops, from the flag or RC_TRUST_PROXY_HOPS', () => {
    assert.equal(serve(['--trust-proxy-hops', '2']), 2);
    assert.equal(serve([], { RC_TRUST_PROXY_HOPS: '3' }), 3);
    assert.equal(serve(['--trust-proxy-hops', '1'], { RC_TRUST_PROXY_HOPS: '3' }), 1, 'the flag wins');
    assert.equal(serve(['--trust-proxy']), true);
    assert.equal(serve([]), false);
  });
  test('refuses anything but a whole number of at least 1', () => {
    for (const bad of ['0', '-1', 'two', '1.5', '']) {
      assert.throws(() => serve(['--trust-proxy-hops', bad]), UsageError, bad);
    }
  });
});

describe('--read-rate-limit', () => {
  test('sets the reads one client IP may make per minute, from the flag or RC_READ_RATE_LIMIT', () => {
    const options = (/** @type {string[]} */ argv, /** @type {Record<string, string>} */ env = {}) => {
      const command = parseCommandLine(argv, env);
      return command.kind === 'serve' ? command.options : assert.fail();
    };
    assert.deepEqual(options(['--read-rate-limit', '5000']).readRateLimit, { max: 5000, windowMs: 60_000 });
    assert.deepEqual(options([], { RC_READ_RATE_LIMIT: '7' }).readRateLimit, { max: 7, windowMs: 60_000 });
    assert.equal(options([]).readRateLimit, undefined, 'the server default applies');
    assert.throws(() => options(['--read-rate-limit', '0']), UsageError);
  });
});
