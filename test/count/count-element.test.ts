import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../src/count/define.js';
import type { RecoveryCommentsCount } from '../../src/count/count-element.js';
import { published, seed, server, uniqueThread } from '../helpers/server.js';

/** A count element in a fresh fixture (attributes as given), against the real reference server. */
async function countElement(
  attributes: Record<string, string>,
  text = 'Comments',
): Promise<RecoveryCommentsCount> {
  const element = document.createElement('recovery-comments-count');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.textContent = text;
  return fixture(element);
}

/** A thread with `n` published comments and one pending. */
async function threadWith(n: number): Promise<string> {
  const thread = uniqueThread('count');
  const comments = Array.from({ length: n }, (_, i) =>
    published(`c${i}`, null, 'Sam', `Comment ${i}`, 10 - i),
  );
  await seed(
    thread,
    [...comments, { ...published('p', null, 'Pat', 'Waiting', 1), status: 'pending' }],
    'off',
  );
  return thread;
}

describe('<recovery-comments-count>', () => {
  it('shows the published count in words and sets count="…"', async () => {
    const { endpoint } = await server('off');
    const element = await countElement({ endpoint, thread: await threadWith(3) });
    await waitUntil(() => element.count !== null, 'the count arrives');
    expect(element.count).to.equal(3);
    expect(element.getAttribute('count')).to.equal('3');
    expect(element.textContent).to.equal('3 Responses');
  });

  it('speaks the language of its own lang attribute, else of the nearest ancestor', async () => {
    const { endpoint } = await server('off');
    const thread = await threadWith(1);
    const french = await countElement({ endpoint, thread, lang: 'fr' });
    await waitUntil(() => french.count !== null);
    expect(french.textContent).to.equal('Une réponse');
    const wrapper = await fixture<HTMLDivElement>(
      Object.assign(document.createElement('div'), { lang: 'pl' }),
    );
    const polish = document.createElement('recovery-comments-count');
    polish.setAttribute('endpoint', endpoint);
    polish.setAttribute('thread', await threadWith(5));
    wrapper.append(polish);
    await waitUntil(() => polish.count !== null);
    expect(polish.textContent).to.equal('5 odpowiedzi');
  });

  it('follows a change of thread', async () => {
    const { endpoint } = await server('off');
    const element = await countElement({ endpoint, thread: await threadWith(2) });
    await waitUntil(() => element.count === 2);
    element.setAttribute('thread', await threadWith(4));
    await waitUntil(() => element.count === 4, 'the new thread is counted');
    expect(element.textContent).to.equal('4 Responses');
  });

  it('without an endpoint, or with an unusable one, keeps its text and asks nothing', async () => {
    const before = performance.getEntriesByType('resource').length;
    const none = await countElement({ thread: '/x/' });
    const bad = await countElement({ endpoint: 'http://[::1', thread: '/x/' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(none.textContent).to.equal('Comments');
    expect(bad.textContent).to.equal('Comments');
    expect(none.count).to.equal(null);
    const counts = performance
      .getEntriesByType('resource')
      .slice(before)
      .filter((entry) => entry.name.includes('/counts'));
    expect(counts.length).to.equal(0);
  });

  it('is defined once even when the script runs twice', async () => {
    await import('../../src/count/define.js?again');
    expect(customElements.get('recovery-comments-count')).to.exist;
  });
});
