import { expect } from '@open-wc/testing';
import { echoOf, localId } from '../../src/model/echo.js';
import { keepUnchanged } from '../../src/model/keep-unchanged.js';
import { clientIdOf, keepNodesWith, threadViewer } from '../../src/model/thread-view.js';
import type { Comment, NewComment } from '../../src/model/types.js';

const comment = (id: string, parentId: string | null = null): Comment => ({
  id,
  parentId,
  author: { name: id, url: null },
  body: id,
  createdAt: '2026-01-01T00:00:00Z',
  status: 'published',
});

const request = (url: string | null): NewComment => ({
  clientId: 'abc',
  parentId: 'a',
  author: { name: 'Sam', email: 'sam@example.org', url },
  body: 'Mine.',
  hp: '',
});

describe('thread view', () => {
  it('puts the reader’s echoes in the tree where they belong, once, after the server’s comments', () => {
    const view = threadViewer();
    const thread = [comment('a'), comment('b', 'a')];
    const echoes = [comment('local-x', 'a'), comment('b', 'a')];
    const { comments, tree } = view(thread, echoes, 5, 'oldest');
    expect(comments.map((c) => c.id)).to.deep.equal(['a', 'b', 'local-x']);
    expect(tree).to.have.length(1);
    expect(tree[0]!.children.map((node) => node.comment.id)).to.deep.equal(['b', 'local-x']);
  });

  it('gives the same view for the same inputs, and a new one when any input changes', () => {
    const view = threadViewer();
    const thread = [comment('a')];
    const echoes: Comment[] = [];
    const first = view(thread, echoes, 5, 'oldest');
    expect(view(thread, echoes, 5, 'oldest')).to.equal(first);
    expect(view([...thread], echoes, 5, 'oldest')).to.not.equal(first);
    expect(view(thread, echoes, 2, 'oldest')).to.not.equal(first);
    expect(view(thread, echoes, 5, 'newest')).to.not.equal(first);
    expect(view(thread, [comment('local-y')], 5, 'oldest')).to.not.equal(first);
  });

  it('takes every empty list of echoes for the same input (the writing side gives a new one each time until it is in)', () => {
    const view = threadViewer();
    const thread = [comment('a')];
    const first = view(thread, [], 5, 'oldest');
    expect(view(thread, [], 5, 'oldest')).to.equal(first);
  });

  it('builds every node anew until the writing side gives it the keeper (a page more before it came)', () => {
    // Runs first: the keeper is the module's, given once by the writing side.
    const view = threadViewer();
    const thread = [comment('a'), comment('b')];
    const before = view(thread, [], 5, 'oldest').tree;
    const after = view([...thread, comment('c')], [], 5, 'oldest').tree;
    expect(after.map((node) => node.comment.id)).to.deep.equal(['a', 'b', 'c']);
    expect(after[0]).to.not.equal(before[0]);
  });

  it('keeps the nodes of conversations an echo did not go into', () => {
    keepNodesWith(keepUnchanged);
    const view = threadViewer();
    const thread = [comment('a'), comment('b')];
    const before = view(thread, [], 5, 'oldest').tree;
    const after = view(thread, [comment('local-x', 'b')], 5, 'oldest').tree;
    expect(after[0]).to.equal(before[0]);
    expect(after[1]).to.not.equal(before[1]);
    expect(after[1]!.children.map((node) => node.comment.id)).to.deep.equal(['local-x']);
  });

  it('builds an echo with a local id, never the email, and only an http(s) website', () => {
    const safe = echoOf(request('https://sam.example.org/'), 'pending', '2026-01-01T00:00:00Z', {
      state: 'queued',
      clientId: 'abc',
      endpoint: 'https://comments.example.org/api',
      error: null,
    });
    expect(safe).to.deep.equal({
      id: 'local-abc',
      parentId: 'a',
      author: { name: 'Sam', url: 'https://sam.example.org/' },
      body: 'Mine.',
      createdAt: '2026-01-01T00:00:00Z',
      status: 'pending',
      delivery: {
        state: 'queued',
        clientId: 'abc',
        endpoint: 'https://comments.example.org/api',
        error: null,
      },
    });
    for (const url of ['javascript:alert(1)', 'http://[.x', 'data:text/html,x'])
      expect(echoOf(request(url), 'published', '2026-01-01T00:00:00Z').author.url, url).to.equal(null);
    expect('delivery' in echoOf(request(null), 'published', '2026-01-01T00:00:00Z')).to.equal(false);
  });

  it('tells local ids from the server’s', () => {
    expect(localId('abc')).to.equal('local-abc');
    expect(clientIdOf('local-abc')).to.equal('abc');
    expect(clientIdOf('abc')).to.equal(null);
  });
});
