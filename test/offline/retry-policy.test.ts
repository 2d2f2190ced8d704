import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { decideRetry, retryDelay, type RetryPolicy } from '../../src/offline/retry-policy.js';

const policy: RetryPolicy = { baseMs: 1000, capMs: 30_000, maxAttempts: 5 };
const http = (status: number, retryAfter: number | null = null) =>
  new BackendError('http', `HTTP ${status}`, status, 'x', null, retryAfter);

describe('retry policy', () => {
  it('retries network errors, timeouts, 408, 429, 500, 502, 503 and 504', () => {
    const retried = [
      new BackendError('network', 'x'),
      new BackendError('timeout', 'x'),
      ...[408, 429, 500, 502, 503, 504].map((s) => http(s)),
    ];
    for (const error of retried)
      expect(decideRetry(error, 1, policy, () => 0.5).kind, String(error.status)).to.equal('retry');
  });

  it('never retries other 4xx, 501, or a 2xx it could not read', () => {
    for (const status of [400, 401, 403, 404, 409, 410, 413, 415, 422, 501]) {
      expect(decideRetry(http(status), 1, policy, () => 0.5).kind, String(status)).to.equal('reject');
    }
  });

  it('gives up at the attempt cap', () => {
    expect(decideRetry(http(503), 5, policy, () => 0.5).kind).to.equal('give-up');
  });

  it('treats a CSP-blocked endpoint as blocked, not retryable', () => {
    expect(decideRetry(new BackendError('blocked', 'x'), 1, policy, () => 0.5).kind).to.equal('blocked');
  });

  it('uses full jitter under a capped exponential ceiling', () => {
    expect(retryDelay(1, null, policy, () => 0.999)).to.be.below(1000);
    expect(retryDelay(3, null, policy, () => 0.999))
      .to.be.below(4000)
      .and.above(3900);
    expect(retryDelay(20, null, policy, () => 0.999))
      .to.be.below(30_000)
      .and.above(29_900);
    expect(retryDelay(3, null, policy, () => 0)).to.equal(0);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelay(1, 7, policy, () => 0)).to.equal(7000);
    expect(retryDelay(1, 0.5, policy, () => 0)).to.equal(500);
  });
});
