// @ts-check
// Atom feeds of a thread and of the whole site, parsed with a real XML parser (saxes), and the
// pageUrl of POSTs that gives their entries links.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { atomFeed, feedUrn, xmlText } from '../../server/atom.js';
import { acceptedPageUrl } from '../../server/page-url.js';
import { CACHE_CONTROL } from '../../server/http-cache.js';
import { THREAD, postJson, startTestServer, submission } from './helpers.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const BLOG = 'https://blog.example.org';
const PAGE = `${BLOG}/posts/ninety-days/`;

/** @typedef {{ name: string, ns: string, attributes: Record<string, string>, children: XmlElement[], text: string }} XmlElement */

/**
 * Parses XML into a small tree; throws on anything that is not well-formed.
 * @param {string} xml
 * @returns {XmlElement}
 */
function parseXml(xml) {
  const parser = new SaxesParser({ xmlns: true });
  /** @type {XmlElement[]} */
  const stack = [];
  /** @type {XmlElement | undefined} */
  let root;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    /** @type {XmlElement} */
    const element = {
      name: tag.local,
      ns: tag.uri,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  assert.ok(root, 'a root element');
  return root;
}

const child = (/** @type {XmlElement} */ element, /** @type {string} */ name) =>
  element.children.find((c) => c.name === name);
const children = (/** @type {XmlElement} */ element, /** @type {string} */ name) =>
  element.children.filter((c) => c.name === name);

/** Checks what RFC 4287 requires of a feed and each entry, and returns the entries. */
function assertAtom(/** @type {XmlElement} */ feed) {
  assert.equal(feed.name, 'feed');
  assert.equal(feed.ns, ATOM);
  for (const name of ['id', 'title', 'updated']) assert.equal(children(feed, name).length, 1, `feed/${name}`);
  assert.match(/** @type {XmlElement} */ (child(feed, 'id')).text, /^urn:uuid:[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(/** @type {XmlElement} */ (child(feed, 'updated')).text)));
  const entries = children(feed, 'entry');
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated', 'author', 'content'])
      assert.equal(children(entry, name).length, 1, `entry/${name}`);
    assert.ok(child(/** @type {XmlElement} */ (child(entry, 'author')), 'name'), 'entry/author/name');
    assert.equal(child(entry, 'content')?.attributes.type, 'text');
  }
  return entries;
}

/** GETs a feed and parses it. */
async function getFeed(/** @type {string} */ url, /** @type {Record<string, string>} */ headers = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { response, text, feed: response.status === 200 ? parseXml(text) : null };
}

describe('pageUrl of a POST', () => {
  const allowed = new Set([BLOG]);
  test('kept when on an allowed origin, without its fragment', () => {
    assert.equal(acceptedPageUrl(PAGE, allowed), PAGE);
    assert.equal(acceptedPageUrl(`${PAGE}?utm=x#comments`, allowed), `${PAGE}?utm=x`);
  });
  test('ignored when not an http(s) URL on an allowed origin', () => {
    for (const value of [
      'https://evil.example/posts/ninety-days/',
      'http://blog.example.org/posts/', // another scheme is another origin
      'https://blog.example.org.evil.example/',
      'https://user:pass@blog.example.org/',
      'javascript:alert(1)//https://blog.example.org/',
      '/posts/ninety-days/',
      '',
      `${PAGE}${'x'.repeat(2000)}`,
      null,
      42,
    ])
      assert.equal(acceptedPageUrl(value, allowed), null, String(value));
  });
});

describe('Atom feeds', () => {
  test('a thread feed: valid Atom, its published comments newest first, each linking to pageUrl#comment-<id>', async (t) => {
    const server = await startTestServer(t, { moderation: 'off', origins: [BLOG] });
    // The reader's POST tells the server the page; the others have explicit, distinct times
    // (two POSTs in one millisecond would leave their order to their random ids).
    const posted = await postJson(
      server.commentsUrl(),
      submission({ body: 'First.', pageUrl: `${PAGE}#respond` }),
    );
    assert.equal(posted.status, 201);
    const ids = [posted.body.id];
    for (const [minutes, body] of /** @type {const} */ ([
      [1, 'Second.'],
      [2, 'Third.'],
    ])) {
      const later = new Date(Date.parse(posted.body.createdAt) + minutes * 60_000);
      ids.push(
        (await server.store.insertComment(THREAD, { author: { name: 'Sam' }, body, createdAt: later })).id,
      );
    }
    const pending = await postJson(server.commentsUrl(), submission({ body: 'Unseen.' }));
    await server.store.setStatus(pending.body.id, 'pending');
    await postJson(server.commentsUrl('/another/'), submission({ body: 'Elsewhere.' }));

    const { response, feed } = await getFeed(
      `${server.endpoint}/threads/${encodeURIComponent(THREAD)}/feed.atom`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), CACHE_CONTROL.feed);
    const entries = assertAtom(/** @type {XmlElement} */ (feed));
    assert.deepEqual(
      entries.map((entry) => child(entry, 'content')?.text),
      ['Third.', 'Second.', 'First.'],
    );
    assert.deepEqual(
      entries.map((entry) => child(entry, 'link')?.attributes.href),
      [...ids].reverse().map((id) => `${PAGE}#comment-${id}`),
    );
    assert.equal(child(/** @type {XmlElement} */ (feed), 'link')?.attributes.href, PAGE);
    assert.equal(new Set(entries.map((entry) => child(entry, 'id')?.text)).size, 3, 'unique entry ids');
  });

  test('the site feed: every thread, newest first, each entry linking to its own page', async (t) => {
    const server = await startTestServer(t, { moderation: 'off', origins: [BLOG] });
    const pages = { '/a/': `${BLOG}/a/`, '/b/': 'https://evil.example/b/', '/c/': `${BLOG}/c/` };
    for (const [thread, pageUrl] of Object.entries(pages))
      assert.equal(
        (await postJson(server.commentsUrl(thread), submission({ body: 'Hello.', pageUrl }))).status,
        201,
      );
    // Distinct times for the order; the links come from each thread's page.
    const start = Date.now() + 60_000;
    for (const [i, thread] of ['/a/', '/b/', '/c/'].entries())
      await server.store.insertComment(thread, {
        author: { name: 'Sam' },
        body: `On ${thread}`,
        createdAt: new Date(start + i * 60_000),
      });
    const { feed } = await getFeed(`${server.endpoint}/feed.atom`);
    const entries = assertAtom(/** @type {XmlElement} */ (feed)).slice(0, 3);
    assert.deepEqual(
      entries.map((entry) => child(entry, 'content')?.text),
      ['On /c/', 'On /b/', 'On /a/'],
    );
    const links = entries.map((entry) => child(entry, 'link')?.attributes.href ?? null);
    assert.match(/** @type {string} */ (links[0]), /^https:\/\/blog\.example\.org\/c\/#comment-/);
    assert.equal(links[1], null, 'a page on another origin was ignored, and its comment still posted');
    assert.match(/** @type {string} */ (links[2]), /^https:\/\/blog\.example\.org\/a\/#comment-/);
  });

  test('hostile text stays text and the document stays well-formed', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    const hostile = [
      '<script>alert(1)</script> & ]]> <![CDATA[ x ]]>',
      'nul \u0000 bell \u0007 and an escape \u001b[2J',
      '"quotes" \'and\' </content></entry></feed>',
    ];
    for (const body of hostile) {
      const posted = await postJson(
        server.commentsUrl(),
        submission({ body, author: { name: '<b>Mallory</b>', email: null, url: null } }),
      );
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
    }
    const { feed, text } = await getFeed(
      `${server.endpoint}/threads/${encodeURIComponent(THREAD)}/feed.atom`,
    );
    const entries = assertAtom(/** @type {XmlElement} */ (feed));
    // Posted within a millisecond or two: compare without their order.
    const texts = entries.map((entry) => child(entry, 'content')?.text ?? '').sort();
    assert.deepEqual(
      texts.filter((text) => !text.startsWith('nul')),
      [hostile[0], hostile[2]].sort(),
    );
    assert.equal(
      texts.find((text) => text.startsWith('nul')),
      'nul \ufffd bell \ufffd and an escape \ufffd[2J',
    );
    assert.equal(
      child(/** @type {XmlElement} */ (child(entries[0], 'author')), 'name')?.text,
      '<b>Mallory</b>',
    );
    assert.doesNotMatch(text, /<script>|<b>/);
  });

  test('an empty thread is a valid feed with no entries; a new comment changes its ETag', async (t) => {
    const server = await startTestServer(t, { moderation: 'off' });
    const url = `${server.endpoint}/threads/${encodeURIComponent(THREAD)}/feed.atom`;
    const empty = await getFeed(url);
    assert.deepEqual(assertAtom(/** @type {XmlElement} */ (empty.feed)), []);
    const etag = /** @type {string} */ (empty.response.headers.get('etag'));
    assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
    await postJson(server.commentsUrl(), submission());
    const after = await fetch(url, { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
  });

  test('an edited comment says when it was updated', async (t) => {
    const server = await startTestServer(t, { moderation: 'off', editWindowSeconds: 900 });
    const posted = await postJson(server.commentsUrl(), submission({ body: 'Typo hre.' }));
    const edited = await fetch(`${server.commentsUrl()}/${posted.body.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${posted.body.editToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Typo here.' }),
    });
    const { editedAt } = /** @type {any} */ (await edited.json());
    const { feed } = await getFeed(`${server.endpoint}/feed.atom`);
    const [entry] = assertAtom(/** @type {XmlElement} */ (feed));
    assert.equal(child(/** @type {XmlElement} */ (entry), 'updated')?.text, editedAt);
    assert.equal(child(/** @type {XmlElement} */ (entry), 'published')?.text, posted.body.createdAt);
    assert.equal(child(/** @type {XmlElement} */ (feed), 'updated')?.text, editedAt);
  });

  test('an over-long thread id is a clear 400, not a feed', async (t) => {
    const server = await startTestServer(t);
    const response = await fetch(`${server.endpoint}/threads/${'x'.repeat(513)}/feed.atom`);
    assert.equal(response.status, 400);
    assert.equal(/** @type {any} */ (await response.json()).error.code, 'invalid_thread');
  });
});

describe('atom.js', () => {
  test('ids are stable UUID URNs, different per name', () => {
    assert.equal(feedUrn('site'), feedUrn('site'));
    assert.notEqual(feedUrn('comment:a'), feedUrn('comment:b'));
    assert.match(
      feedUrn('x'),
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
  test('xmlText escapes markup and replaces what XML cannot hold', () => {
    assert.equal(xmlText('<a href="x">&</a>\u0001'), '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\ufffd');
    assert.equal(xmlText('emoji 🙂 and tab\t'), 'emoji 🙂 and tab\t');
    assert.equal(
      xmlText('lone \ud800 and \udfff surrogates, \uffff'),
      'lone \ufffd and \ufffd surrogates, \ufffd',
    );
  });
  test('a feed with an entry whose author has no name says Anonymous', () => {
    const xml = atomFeed({
      key: 'site',
      title: 'T',
      pageUrl: null,
      comments: [
        {
          id: 'a',
          parentId: null,
          author: { name: ' ', url: null },
          body: 'b',
          createdAt: '2026-01-01T00:00:00.000Z',
          status: 'published',
          thread: '/t/',
          pageUrl: null,
        },
      ],
    });
    const [entry] = assertAtom(parseXml(xml));
    assert.equal(
      child(/** @type {XmlElement} */ (child(/** @type {XmlElement} */ (entry), 'author')), 'name')?.text,
      'Anonymous',
    );
  });
});
