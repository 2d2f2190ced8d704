import { expect } from '@open-wc/testing';
import { ChunkController } from '../../src/controllers/chunk-controller.js';
import { buildTree } from '../../src/model/tree.js';
import type { Comment } from '../../src/model/types.js';
import { FakeHost, frames } from './fake-host.js';

const comments = (count: number): Comment[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    parentId: null,
    author: { name: 'A', url: null },
    body: 'x',
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    status: 'published' as const,
  }));

describe('ChunkController', () => {
  it('renders a small thread at once', () => {
    const host = new FakeHost();
    const chunks = new ChunkController(host);
    const tree = buildTree(comments(30), 5);
    chunks.plan(tree, 30, false);
    expect(chunks.shown).to.equal(30);
  });

  it('grows a big thread a chunk per frame, asking for an update each frame, until all are in', async () => {
    const host = new FakeHost();
    document.body.append(host);
    const chunks = new ChunkController(host);
    const tree = buildTree(comments(2000), 5);
    chunks.plan(tree, 2000, false);
    expect(chunks.shown, 'about a screenful first').to.equal(100);
    for (let i = 0; i < 20 && chunks.shown < 2000; i++) {
      host.updated();
      const before = host.updates;
      await frames(1);
      expect(host.updates, 'an update per frame').to.equal(before + 1);
      chunks.plan(tree, 2000, false);
    }
    expect(chunks.shown).to.equal(2000);
    host.remove();
  });

  it('renders everything at once when asked (a linked comment must be on the page)', () => {
    const chunks = new ChunkController(new FakeHost());
    chunks.plan(buildTree(comments(2000), 5), 2000, true);
    expect(chunks.shown).to.equal(2000);
  });

  it('cancels its pending frame when the host leaves the page', async () => {
    const host = new FakeHost();
    document.body.append(host);
    const chunks = new ChunkController(host);
    chunks.plan(buildTree(comments(2000), 5), 2000, false);
    host.updated();
    host.remove();
    const before = host.updates;
    await frames(3);
    expect(host.updates, 'no update after disconnect').to.equal(before);
  });

  it('says when the last chunk is in: after the update that rendered it, not before', async () => {
    const host = new FakeHost();
    document.body.append(host);
    const chunks = new ChunkController(host);
    const tree = buildTree(comments(2000), 5);
    let filled = false;
    void chunks.filled().then(() => (filled = true));
    for (let i = 0; i < 20 && chunks.shown < 2000; i++) {
      chunks.plan(tree, 2000, false);
      await Promise.resolve();
      expect(filled, 'before the update that renders the chunk').to.equal(false);
      host.updated();
      await Promise.resolve();
      expect(filled, `with ${chunks.shown} of 2000 shown`).to.equal(chunks.shown === 2000);
      await frames(1);
    }
    expect(filled).to.equal(true);
    host.remove();
  });

  it('a small thread is filled by its first update', async () => {
    const host = new FakeHost();
    const chunks = new ChunkController(host);
    const filled = chunks.filled();
    chunks.plan(buildTree(comments(30), 5), 30, false);
    host.updated();
    await filled;
    expect(chunks.shown).to.equal(30);
  });

  it('starts over from the first chunk after reset', () => {
    const chunks = new ChunkController(new FakeHost());
    const tree = buildTree(comments(2000), 5);
    chunks.plan(tree, 2000, true);
    chunks.reset();
    chunks.plan(tree, 2000, false);
    expect(chunks.shown).to.equal(100);
  });

  it('sizes each later chunk by how fast the last one rendered, within bounds', async () => {
    let now = 0;
    const host = new FakeHost();
    document.body.append(host);
    const chunks = new ChunkController(host, () => now);
    const tree = buildTree(comments(20_000), 5);
    const frame = async (renderMs: number) => {
      const before = chunks.shown;
      chunks.plan(tree, 20_000, false);
      now += renderMs;
      host.updated();
      await frames(1);
      return chunks.shown - before;
    };
    expect(await frame(20), 'the first chunk').to.equal(100);
    // 100 comments in 20 ms: 450 fit in the 90 ms a frame aims at.
    expect(await frame(100)).to.equal(450);
    // 450 in 100 ms: 405 next; then a slow frame makes the next chunk smaller, never below 100.
    expect(await frame(1000)).to.equal(405);
    expect(await frame(1)).to.equal(100);
    // 100 in 1 ms would be 9,000: capped.
    expect(await frame(1)).to.equal(1200);
    host.remove();
  });
});
