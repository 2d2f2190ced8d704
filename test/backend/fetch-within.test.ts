import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { fetchWithin } from '../../src/backend/fetch-within.js';
import { injectFaults, proxy, resetProxy, uniqueThread } from '../helpers/server.js';

/** The failure of `call`, which must fail. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('it did not fail');
}

describe('fetchWithin', () => {
  let threadUrl = '';
  beforeEach(async () => {
    const { endpoint } = await proxy();
    threadUrl = `${endpoint}/threads/${encodeURIComponent(uniqueThread('fetch-within'))}/comments`;
  });
  afterEach(resetProxy);

  const get = (tolerant = false, signal = new AbortController().signal) =>
    fetchWithin(threadUrl, { method: 'GET' }, signal, 'comments server', tolerant);

  it("reads the real server's JSON answer", async () => {
    const [response, body] = await get();
    expect(response.status).to.equal(200);
    expect(body).to.include({ total: 0 });
  });

  it('gives an answer that is not JSON as undefined, with its status', async () => {
    await injectFaults([{ action: { kind: 'respond', status: 200, body: '<html>a login page</html>' } }]);
    const [response, body] = await get();
    expect([response.status, body]).to.deep.equal([200, undefined]);
  });

  it('refuses an answer over 8 MB as an invalid response, naming who sent it', async () => {
    await injectFaults([
      { action: { kind: 'respond', status: 200, body: `"${'x'.repeat(8 * 1024 * 1024)}"` } },
    ]);
    const error = await failureOf(get());
    expect(error).to.be.instanceOf(BackendError);
    expect(error).to.include({
      kind: 'invalid-response',
      status: 200,
      message: 'The comments server sent a response too large to show.',
    });
  });

  it('says a dropped connection is a network error, in the words of the server it names', async () => {
    await injectFaults([{ action: { kind: 'drop' } }]);
    const error = await failureOf(
      fetchWithin(threadUrl, { method: 'GET' }, new AbortController().signal, 'WordPress site'),
    );
    expect(error).to.include({ kind: 'network', message: 'Could not reach the WordPress site.' });
  });

  it("passes the caller's own abort on as it is, not as a failure of the server", async () => {
    await injectFaults([{ action: { kind: 'delay', ms: 2000 } }]);
    const controller = new AbortController();
    const call = get(false, controller.signal);
    controller.abort();
    const error = await failureOf(call);
    expect(error).to.not.be.instanceOf(BackendError);
    expect((error as Error).name).to.equal('AbortError');
  });
});
