import { expect } from '@open-wc/testing';
import { entityTagOf, readRevalidation, withIfNoneMatch } from '../../src/backend/revalidate.js';
import { published, seed, server, uniqueThread } from '../helpers/server.js';

/** GET of a thread's first page from the real reference server, cross-origin as on a blog. */
async function getPage(thread: string, keptEtag: string | null, moderation: 'pre' | 'off' = 'off') {
  const { endpoint } = await server(moderation);
  const url = `${endpoint}/threads/${encodeURIComponent(thread)}/comments?limit=50&sort=oldest`;
  return fetch(url, withIfNoneMatch({ method: 'GET', credentials: 'omit' }, keptEtag));
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
  it('the kept ETag gives a 304, read as "the kept pages are current"', async () => {
    const thread = uniqueThread('revalidate');
    await seed(thread, [published('a', null, 'Rowan', 'First.', 5)], 'off');
    const first = await getPage(thread, null);
    expect(first.status).to.equal(200);
    const etag = entityTagOf(first);
    expect(etag, 'the ETag is readable cross-origin').to.be.a('string');
    expect(readRevalidation(first, null)).to.deep.equal({ current: false, etag });

    const again = await getPage(thread, etag);
    expect(again.status).to.equal(304);
    expect(readRevalidation(again, etag)).to.deep.equal({ current: true });
  });

  it('after a new comment the same ETag gets the new page and a new ETag', async () => {
    const thread = uniqueThread('revalidate-new');
    await seed(thread, [published('a', null, 'Rowan', 'First.', 5)], 'off');
    const etag = entityTagOf(await getPage(thread, null));
    await post(thread, 'Second, while you were away.');
    const changed = await getPage(thread, etag);
    expect(changed.status).to.equal(200);
    const revalidation = readRevalidation(changed, etag);
    expect(revalidation.current).to.equal(false);
    expect(revalidation.current === false && revalidation.etag)
      .to.be.a('string')
      .and.not.equal(etag);
    expect(JSON.stringify(await changed.json())).to.contain('Second, while you were away.');
  });

  it('without a kept ETag sends no If-None-Match; a malformed one is not sent either', () => {
    const init = { method: 'GET' };
    expect(withIfNoneMatch(init, null)).to.equal(init);
    expect(withIfNoneMatch(init, 'no quotes\r\nX-Evil: 1')).to.equal(init);
    expect(new Headers(withIfNoneMatch(init, 'W/"abc"').headers).get('If-None-Match')).to.equal('W/"abc"');
  });

  it('reads only well-formed entity tags from an answer, and a 304 nobody asked for is not "current"', () => {
    const answer = (status: number, etag?: string) =>
      new Response(status === 304 ? null : '{}', { status, headers: etag === undefined ? {} : { etag } });
    expect(entityTagOf(answer(200, '"abc"'))).to.equal('"abc"');
    expect(entityTagOf(answer(200, 'W/"abc"'))).to.equal('W/"abc"');
    for (const bad of ['abc', '"a"b"', `"${'x'.repeat(300)}"`, ''])
      expect(entityTagOf(answer(200, bad)), bad).to.equal(null);
    expect(entityTagOf(answer(200))).to.equal(null);
    expect(readRevalidation(answer(304, '"abc"'), null)).to.deep.equal({ current: false, etag: '"abc"' });
  });
});
