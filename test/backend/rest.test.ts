import { expect } from '@open-wc/testing';
import { parseRetryAfter, RestBackend } from '../../src/backend/rest.js';
import { server, uniqueThread, published, seed } from '../helpers/server.js';

describe('RestBackend', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter('7', now)).to.equal(7);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).to.equal(30);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(null);
    expect(parseRetryAfter(null, now)).to.equal(null);
  });

  it('loads a thread whose id has slashes, through one encoded path segment, from a relative endpoint', async () => {
    const thread = uniqueThread('rest/with/slashes');
    await seed(thread, [published('a', null, 'Ann', 'Hello.', 5)]);
    const { endpoint } = await server();
    // As on a page of the server's own origin: "./api/" is resolved against the page's URL.
    const backend = new RestBackend('./api/', `${new URL(endpoint).origin}/`);
    const page = await backend.loadPage(
      thread,
      { limit: 10, cursor: null, sort: 'oldest' },
      new AbortController().signal,
    );
    expect(page!.thread).to.equal(thread);
    expect(page!.comments.map((comment) => comment.body)).to.deep.equal(['Hello.']);
  });

  it('revalidates with the kept ETag: null while current, the new page and ETag after a change', async () => {
    const thread = uniqueThread('rest-etag');
    await seed(thread, [published('a', null, 'Ann', 'First.', 5)]);
    const backend = new RestBackend((await server()).endpoint);
    const signal = new AbortController().signal;
    const request = { limit: 10, cursor: null, sort: 'oldest' as const };
    const first = await backend.loadPage(thread, request, signal);
    expect(first!.etag).to.match(/^(W\/)?"/);
    expect(await backend.loadPage(thread, { ...request, etag: first!.etag }, signal)).to.equal(null);

    await seed(thread, [published('b', null, 'Ben', 'Second.', 1)]);
    const changed = await backend.loadPage(thread, { ...request, etag: first!.etag }, signal);
    expect(changed!.comments.map((comment) => comment.body)).to.deep.equal(['First.', 'Second.']);
    expect(changed!.etag).to.be.a('string').and.not.equal(first!.etag);
    // An ETag the server never sent is not current: the page comes whole.
    const foreign = await backend.loadPage(thread, { ...request, etag: '"not-this-one"' }, signal);
    expect(foreign!.comments).to.have.length(2);
  });

  it("reports the server's error body on a refused post, with its field", async () => {
    const { endpoint } = await server();
    const backend = new RestBackend(endpoint);
    const refused = await backend
      .postComment(
        uniqueThread('rest-422'),
        {
          clientId: crypto.randomUUID(),
          parentId: null,
          author: { name: '', email: null, url: null },
          body: 'x',
          hp: '',
        },
        new AbortController().signal,
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).to.include({ kind: 'http', status: 422, field: 'author.name' });
  });
});
