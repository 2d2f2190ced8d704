import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { onDemand } from '../../src/backend/lazy.js';

describe('code loaded on demand', () => {
  it('is asked for once; a failed download is a network error, asked for again at the next call', async () => {
    let calls = 0;
    const load = onDemand(async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { calls };
    });
    const failed = await load().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).to.be.instanceOf(BackendError);
    expect((failed as BackendError).kind).to.equal('network');
    expect((failed as BackendError).message).to.contain('Failed to fetch dynamically imported module');
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).to.deep.equal({ calls: 2 });
    expect(second).to.equal(first);
    expect(calls).to.equal(2);
  });
});
