import { expect, waitUntil } from '@open-wc/testing';
import type { CommentsBackend } from '../../src/backend/backend.js';
import { OfflineController } from '../../src/controllers/offline-controller.js';
import type { Draft, RemoteDraftChange } from '../../src/offline/drafts.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { FakeHost } from './fake-host.js';

/** A store that counts who listens for its fall back to memory, and lets the test trigger it. */
class WatchedStore extends MemoryStore {
  readonly listeners = new Set<() => void>();
  override onMemoryOnly(callback: () => void): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }
}

const backend: CommentsBackend = {
  loadPage: () => new Promise(() => {}),
  postComment: () => new Promise(() => {}),
};
const scope = { endpoint: 'https://comments.example.org/api', thread: '/t/', backend };
const ages = () => ({ draftDays: 30, pendingDays: 14 });

function connected() {
  const host = new FakeHost();
  const offline = new OfflineController(host, () => {}, ages);
  document.body.append(host);
  return { host, offline };
}

describe('OfflineController', () => {
  it('stops listening to the store when its storage is replaced, and when the element leaves', () => {
    const { host, offline } = connected();
    const first = new WatchedStore();
    const second = new WatchedStore();
    offline.configure(first, scope);
    expect(first.listeners.size).to.equal(1);
    offline.configure(second, scope);
    expect(first.listeners.size, 'the replaced store').to.equal(0);
    expect(second.listeners.size).to.equal(1);
    host.remove();
    expect(second.listeners.size, 'after disconnect').to.equal(0);
  });

  it('picks its listeners up again when the element comes back', () => {
    const { host, offline } = connected();
    const store = new WatchedStore();
    offline.configure(store, scope);
    host.remove();
    document.body.append(host);
    expect(store.listeners.size).to.equal(1);
    host.remove();
  });

  it('tells the form of another tab’s drafts, and stops hearing them once the element leaves', async () => {
    const { host, offline } = connected();
    offline.configure(new MemoryStore(), scope);
    const heard: RemoteDraftChange[] = [];
    offline.listen({ saved: () => {}, remote: (change) => heard.push(change), memoryOnly: () => {} });
    const otherTab = new BroadcastChannel('recovery-comments-drafts');
    const draft: Draft = {
      endpoint: scope.endpoint,
      thread: scope.thread,
      parentId: null,
      fields: { body: 'from another tab', name: '', email: '', url: '' },
      savedAt: Date.now(),
      tab: 'another',
    };
    otherTab.postMessage({ key: 'k', draft });
    await waitUntil(() => heard.length === 1, 'the other tab was not heard');
    host.remove();
    otherTab.postMessage({ key: 'k', draft });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).to.have.length(1);
    otherTab.close();
  });

  it('says when the device storage fails, to the form and the element', () => {
    const { host, offline } = connected();
    const store = new WatchedStore();
    offline.configure(store, scope);
    let told = 0;
    offline.listen({ saved: () => {}, remote: () => {}, memoryOnly: () => told++ });
    for (const listener of store.listeners) listener();
    expect(offline.memoryOnly).to.equal(true);
    expect(told).to.equal(1);
    expect(host.updates).to.be.greaterThan(0);
    host.remove();
  });
});
