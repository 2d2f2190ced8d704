import { expect, waitUntil } from '@open-wc/testing';
import { LazyLoadController } from '../../src/controllers/lazy-load-controller.js';
import { FakeHost, frames } from './fake-host.js';

/** A host `screens` viewport heights below the top of the page. */
function hostBelow(screens: number): { host: FakeHost; spacer: HTMLElement } {
  const spacer = document.createElement('div');
  spacer.style.height = `${innerHeight * screens}px`;
  const host = new FakeHost();
  host.style.display = 'block';
  host.style.height = '100px';
  document.body.append(spacer);
  return { host, spacer };
}

describe('LazyLoadController', () => {
  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
    scrollTo(0, 0);
  });

  it('is near at once when the host is within a screen of the viewport', () => {
    const host = new FakeHost();
    host.style.display = 'block';
    host.style.height = '10px';
    const lazy = new LazyLoadController(host, () => {});
    document.body.append(host);
    expect(lazy.near).to.equal(true);
    host.remove();
  });

  it('waits far below the fold, and calls back once when it is scrolled near', async () => {
    const { host, spacer } = hostBelow(4);
    let calls = 0;
    const lazy = new LazyLoadController(host, () => calls++);
    document.body.append(host);
    await frames(3);
    expect(lazy.near).to.equal(false);
    host.scrollIntoView();
    await waitUntil(() => calls === 1, 'never called back');
    expect(lazy.near).to.equal(true);
    scrollTo(0, 0);
    host.scrollIntoView();
    await frames(3);
    expect(calls).to.equal(1);
    host.remove();
    spacer.remove();
  });

  it('is near at once when the URL links to a comment, and when the hash changes to one', async () => {
    history.replaceState(null, '', '#comment-42');
    const first = hostBelow(4);
    const linked = new LazyLoadController(first.host, () => {});
    document.body.append(first.host);
    expect(linked.near).to.equal(true);
    first.host.remove();
    first.spacer.remove();

    history.replaceState(null, '', location.pathname);
    const second = hostBelow(4);
    let calls = 0;
    const later = new LazyLoadController(second.host, () => calls++);
    document.body.append(second.host);
    location.hash = '#something-else';
    await frames(2);
    expect(calls, 'a hash that is no comment link').to.equal(0);
    location.hash = '#comment-7';
    await waitUntil(() => calls === 1, 'the hash change did not load the section');
    expect(later.near).to.equal(true);
    second.host.remove();
    second.spacer.remove();
  });

  it('stops watching when the host leaves the page', async () => {
    const { host, spacer } = hostBelow(4);
    let calls = 0;
    new LazyLoadController(host, () => calls++);
    document.body.append(host);
    host.remove();
    location.hash = '#comment-9';
    await frames(3);
    expect(calls).to.equal(0);
    spacer.remove();
  });
});
