import { expect } from '@open-wc/testing';
import { entityTagOf } from '../../src/backend/revalidate.js';
import { published, seed, server, uniqueThread } from '../helpers/server.js';

/** GET of a thread's first page from the real reference server, cross-origin as on a blog. */
async function getPage(thread: string, keptEtag: string | null, moderation: 'pre' | 'off' = 'off') {
  const { endpoint } = await server(moderation);
  const url = `${endpoint}/threads/${encodeURIComponent(thread)}/comments?limit=50&sort=oldest`;
  const headers: HeadersInit = keptEtag ? { 'If-None-Match': keptEtag } : {};
  return fetch(url, { credentials: 'omit', headers });
}

async function post(thread: string, body: string) {
  const { endpoint } = await server('off');
  const response = await fetch(`${endpoint}/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      clientId: crypto.randomUUID(),
      parentId: null,
      author: { name: 'Sam', email: null, url: null },
      body,
      hp: '',
    }),
  });
  expect(response.status).to.equal(201);
}

describe('revalidation of kept pages against the reference server', () => {
  it('the kept ETag gives a 304', async () => {
    const thread = uniqueThread('revalidate');
    await seed(thread, [published('a', null, 'Rowan', 'First.', 5)], 'off');
    const first = await getPage(thread, null);
    expect(first.status).to.equal(200);
    const etag = entityTagOf(first);
    expect(etag, 'the ETag is readable cross-origin').to.be.a('string');

    const again = await getPage(thread, etag);
    expect(again.status).to.equal(304);
  });

  it('after a new comment the same ETag gets the new page and a new ETag', async () => {
    const thread = uniqueThread('revalidate-new');
    await seed(thread, [published('a', null, 'Rowan', 'First.', 5)], 'off');
    const etag = entityTagOf(await getPage(thread, null));
    await post(thread, 'Second, while you were away.');
    const changed = await getPage(thread, etag);
    expect(changed.status).to.equal(200);
    expect(entityTagOf(changed)).to.be.a('string').and.not.equal(etag);
    expect(JSON.stringify(await changed.json())).to.contain('Second, while you were away.');
  });

  it('reads only well-formed entity tags from an answer', () => {
    const answer = (status: number, etag?: string) =>
      new Response(status === 304 ? null : '{}', { status, headers: etag === undefined ? {} : { etag } });
    expect(entityTagOf(answer(200, '"abc"'))).to.equal('"abc"');
    expect(entityTagOf(answer(200, 'W/"abc"'))).to.equal('W/"abc"');
    for (const bad of ['abc', '"a"b"', `"${'x'.repeat(300)}"`, ''])
      expect(entityTagOf(answer(200, bad)), bad).to.equal(null);
    expect(entityTagOf(answer(200))).to.equal(null);
  });
});
