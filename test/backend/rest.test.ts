import { expect } from '@open-wc/testing';
import { parseRetryAfter } from '../../src/backend/rest-send.js';
import { RestBackend } from '../../src/backend/rest.js';
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

  it("edits and deletes its own comment with the POST answer's token; a DELETE resent finds it done", async () => {
    const { endpoint } = await server('off');
    const backend = new RestBackend(endpoint);
    const thread = uniqueThread('rest-own');
    const signal = new AbortController().signal;
    const posted = await backend.postComment(
      thread,
      {
        clientId: crypto.randomUUID(),
        parentId: null,
        author: { name: 'Sam', email: null, url: null },
        body: 'First.',
        hp: '',
      },
      signal,
    );
    expect(posted.edit?.token).to.match(/^[\w-]{43}$/);
    expect(posted.edit!.until).to.be.greaterThan(Date.now());
    expect(posted.comment).to.not.have.property('editToken');
    const id = posted.comment!.id;
    const token = posted.edit!.token;
    const edited = await backend.changeComment(thread, { id, token, body: 'Second.' }, signal);
    expect(edited.status).to.equal(200);
    expect(edited.comment).to.include({ id, body: 'Second.' });
    expect(edited.comment!.editedAt).to.be.a('string');
    const forged = await backend
      .changeComment(thread, { id, token: 'x'.repeat(43), body: 'Forged.' }, signal)
      .catch((error: unknown) => error);
    expect(forged).to.include({ kind: 'http', status: 403, code: 'edit_token_invalid' });
    expect((await backend.changeComment(thread, { id, token, body: null }, signal)).status).to.equal(204);
    expect((await backend.changeComment(thread, { id, token, body: null }, signal)).status).to.equal(404);
  });

  it('a v1 answer (no editToken) gives no edit grant', async () => {
    const { endpoint } = await server('v1');
    const posted = await new RestBackend(endpoint).postComment(
      uniqueThread('rest-v1'),
      {
        clientId: crypto.randomUUID(),
        parentId: null,
        author: { name: 'Sam', email: null, url: null },
        body: 'Hello.',
        hp: '',
        pageUrl: location.href,
      },
      new AbortController().signal,
    );
    expect(posted.status).to.equal(201);
    expect(posted.edit).to.equal(null);
  });
});
