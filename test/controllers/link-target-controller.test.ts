import { expect, waitUntil } from '@open-wc/testing';
import { LinkTargetController, type LinkTargetThread } from '../../src/controllers/link-target-controller.js';
import { FakeHost, frames } from './fake-host.js';

/** A thread whose comments are plain elements on a tall page; `pages` more can be "loaded". */
function fakeThread(ids: string[], pages: number): LinkTargetThread & { loads: number; box: HTMLElement } {
  const box = document.createElement('div');
  document.body.append(box);
  const shown = new Set<string>();
  const show = (id: string) => {
    const element = document.createElement('div');
    element.dataset.id = id;
    element.style.height = '900px';
    box.append(element);
    shown.add(id);
  };
  ids.forEach(show);
  const thread = {
    loads: 0,
    box,
    has: (id: string) => shown.has(id),
    hasMore: () => thread.loads < pages,
    loadMore: async () => {
      thread.loads++;
      show(`page${thread.loads}`);
    },
    find: (id: string) => box.querySelector<HTMLElement>(`[data-id="${id}"]`),
  };
  return thread;
}

describe('LinkTargetController', () => {
  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
    document.documentElement.style.scrollBehavior = '';
    scrollTo(0, 0);
  });

  it('reads the linked comment from the URL when the host connects', () => {
    history.replaceState(null, '', '#comment-a%20b');
    const host = new FakeHost();
    const target = new LinkTargetController(host, fakeThread([], 0));
    document.body.append(host);
    expect(target.targetId).to.equal('a b');
    host.remove();
  });

  it('scrolls the comment to the top of the viewport, instantly even where the page scrolls smoothly', async () => {
    document.documentElement.style.scrollBehavior = 'smooth';
    history.replaceState(null, '', '#comment-c3');
    const thread = fakeThread(['c1', 'c2', 'c3', 'c4'], 0);
    const host = new FakeHost();
    const target = new LinkTargetController(host, thread);
    document.body.append(host);
    await target.reveal();
    expect(Math.abs(thread.find('c3')!.getBoundingClientRect().top)).to.be.below(2);
    host.remove();
    thread.box.remove();
  });

  it('keeps the comment at the top while sizes above it settle', async () => {
    history.replaceState(null, '', '#comment-c3');
    const thread = fakeThread(['c1', 'c2', 'c3', 'c4'], 0);
    const host = new FakeHost();
    const target = new LinkTargetController(host, thread);
    document.body.append(host);
    const done = target.reveal();
    await frames(2);
    // A comment above comes into view and takes its real size, as content-visibility: auto does.
    thread.find('c2')!.style.height = '1500px';
    await done;
    expect(Math.abs(thread.find('c3')!.getBoundingClientRect().top)).to.be.below(2);
    host.remove();
    thread.box.remove();
  });

  it('loads more pages to find the comment, a bounded number of them', async () => {
    history.replaceState(null, '', '#comment-nowhere');
    const thread = fakeThread(['c1'], 100);
    const host = new FakeHost();
    const target = new LinkTargetController(host, thread);
    document.body.append(host);
    for (let i = 0; i < 30; i++) await target.reveal();
    expect(thread.loads).to.equal(20);
    host.remove();
    thread.box.remove();
  });

  it('follows the hash and asks for an update when it changes; stops listening once disconnected', async () => {
    const thread = fakeThread(['x1'], 0);
    const host = new FakeHost();
    const target = new LinkTargetController(host, thread);
    document.body.append(host);
    location.hash = '#comment-x1';
    await waitUntil(() => target.targetId === 'x1', 'the hash change was not heard');
    expect(host.updates).to.be.greaterThan(0);
    host.remove();
    location.hash = '#comment-other';
    await frames(2);
    expect(target.targetId).to.equal('x1');
    thread.box.remove();
  });
});
