import { expect } from '@open-wc/testing';
import { BackendError, type CommentsBackend } from '../../src/backend/backend.js';
import { lazyBackend } from '../../src/backend/lazy.js';
import { resolveBackend } from '../../src/backend/resolve.js';
import { RestBackend } from '../../src/backend/rest.js';
import { en } from '../../src/i18n/en.js';

const custom: CommentsBackend = {
  loadPage: async (thread) => ({ thread, total: 0, comments: [], nextCursor: null, skipped: 0 }),
  postComment: async () => ({ status: 201, comment: null }),
};

const problem = (result: ReturnType<typeof resolveBackend>): string =>
  typeof result === 'function' ? result(en) : 'no problem';

describe('resolveBackend', () => {
  it('takes an object as it is, whatever the endpoint', () => {
    expect(resolveBackend(custom, '')).to.equal(custom);
  });

  it('makes the rest backend for "rest" and for no name', () => {
    expect(resolveBackend('rest', '/api')).to.be.instanceOf(RestBackend);
    expect(resolveBackend('', 'https://comments.example.org/api')).to.be.instanceOf(RestBackend);
  });

  it('says what is wrong: an unknown backend, a missing endpoint, an endpoint that is no URL', () => {
    expect(problem(resolveBackend('disqus', '/api'))).to.equal(en.configUnknownBackend('disqus'));
    expect(problem(resolveBackend('toString', '/api')), 'no inherited names').to.equal(
      en.configUnknownBackend('toString'),
    );
    expect(problem(resolveBackend('rest', ''))).to.equal(en.configNoEndpoint);
    expect(problem(resolveBackend('rest', 'http://[bad'))).to.equal(en.configBadEndpoint('http://[bad'));
  });
});

describe('lazyBackend', () => {
  it('loads the code once, on the first call, and passes every call on', async () => {
    let loads = 0;
    const backend = lazyBackend(async () => {
      loads++;
      return custom;
    });
    expect(loads).to.equal(0);
    const signal = new AbortController().signal;
    await backend.loadPage('t', { limit: 1, cursor: null, sort: 'oldest' }, signal);
    await backend.postComment(
      't',
      { clientId: 'c', parentId: null, author: { name: 'n', email: null, url: null }, body: 'b', hp: '' },
      signal,
    );
    expect(loads).to.equal(1);
  });

  it('reports a failed download as a network error, and tries again on the next call', async () => {
    let loads = 0;
    const backend = lazyBackend(async () => {
      if (loads++ === 0) throw new TypeError('Failed to fetch dynamically imported module');
      return custom;
    });
    const signal = new AbortController().signal;
    const error = await backend
      .loadPage('t', { limit: 1, cursor: null, sort: 'oldest' }, signal)
      .catch((e) => e);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).kind).to.equal('network');
    const page = await backend.loadPage('t', { limit: 1, cursor: null, sort: 'oldest' }, signal);
    expect(page.thread).to.equal('t');
  });
});
