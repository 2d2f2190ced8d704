import { expect } from '@open-wc/testing';
import { findNode } from '../../src/model/find-node.js';
import { keepUnchanged } from '../../src/model/keep-unchanged.js';
import { buildTree, type ThreadNode } from '../../src/model/tree.js';
import type { Comment } from '../../src/model/types.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

function comment(id: string, parentId: string | null, minute = 0, name = id.toUpperCase()): Comment {
  return {
    id,
    parentId,
    author: { name, url: null },
    body: `body of ${id}`,
    createdAt: at(minute),
    status: 'published',
  };
}

/** Every node with its display depth, in display order. */
function flatten(roots: ThreadNode[]): string[] {
  const out: string[] = [];
  const walk = (nodes: ThreadNode[]) => {
    for (const node of nodes) {
      out.push(
        `${node.comment.id}@${node.depth}${node.inReplyTo ? `>${node.inReplyTo}` : ''}${node.orphan ? '!' : ''}`,
      );
      walk(node.children);
    }
  };
  walk(roots);
  return out;
}

describe('buildTree', () => {
  it('nests replies under their parents, oldest first', () => {
    const tree = buildTree(
      [comment('b', 'a', 2), comment('a', null, 1), comment('c', 'a', 3), comment('d', 'c', 4)],
      5,
    );
    expect(flatten(tree)).to.deep.equal(['a@1', 'b@2', 'c@2', 'd@3']);
  });

  it('orders top-level comments newest first on request, replies stay oldest first', () => {
    const tree = buildTree(
      [comment('a', null, 1), comment('b', null, 2), comment('a2', 'a', 5), comment('a1', 'a', 3)],
      5,
      'newest',
    );
    expect(flatten(tree)).to.deep.equal(['b@1', 'a@1', 'a1@2', 'a2@2']);
  });

  it('shows replies beyond max depth at the last level, in conversation order, with "in reply to"', () => {
    const chain = ['r', 'a', 'b', 'c', 'd'].map((id, i, ids) => comment(id, i === 0 ? null : ids[i - 1]!, i));
    chain.push(comment('b2', 'b', 10));
    const tree = buildTree(chain, 2);
    expect(flatten(tree)).to.deep.equal(['r@1', 'a@2', 'b@2>A', 'c@2>B', 'd@2>C', 'b2@2>B']);
    // They are siblings of the last-level comment, inside the top-level comment's replies.
    expect(tree[0]!.children.map((node) => node.comment.id)).to.deep.equal(['a', 'b', 'c', 'd', 'b2']);
  });

  it('with max depth 1 shows everything at the top level', () => {
    const tree = buildTree([comment('a', null, 1), comment('b', 'a', 2), comment('c', 'b', 3)], 1);
    expect(flatten(tree)).to.deep.equal(['a@1', 'b@1>A', 'c@1>B']);
  });

  it('keeps the first of duplicate ids', () => {
    const first = comment('a', null, 1);
    const tree = buildTree([first, { ...comment('a', null, 2), body: 'second' }], 5);
    expect(tree).to.have.length(1);
    expect(tree[0]!.comment.body).to.equal('body of a');
  });

  it('shows orphans at the top level, marked', () => {
    const tree = buildTree([comment('a', null, 1), comment('x', 'gone', 2)], 5);
    expect(flatten(tree)).to.deep.equal(['a@1', 'x@1!']);
  });

  it('cuts cycles and shows every comment once', () => {
    const tree = buildTree(
      [comment('a', 'c', 1), comment('b', 'a', 2), comment('c', 'b', 3), comment('s', 's', 4)],
      5,
    );
    const ids = flatten(tree).map((entry) => entry.split('@')[0]);
    expect(ids.sort()).to.deep.equal(['a', 'b', 'c', 's']);
  });

  it('survives a 1,000-level chain without recursion, depth bounded', () => {
    const chain = Array.from({ length: 1000 }, (_, i) => comment(`n${i}`, i === 0 ? null : `n${i - 1}`, i));
    const tree = buildTree(chain, 5);
    const entries = flatten(tree);
    expect(entries).to.have.length(1000);
    expect(Math.max(...entries.map((entry) => Number(entry.split('@')[1]!.split('>')[0])))).to.equal(5);
  });

  it('finds a node anywhere', () => {
    const tree = buildTree([comment('a', null, 1), comment('b', 'a', 2), comment('c', 'b', 3)], 5);
    expect(findNode(tree, 'c')?.comment.id).to.equal('c');
    expect(findNode(tree, 'zzz')).to.equal(null);
  });

  it('keeps the nodes of every conversation that did not change when the tree is built again', () => {
    const comments = [
      comment('a', null, 1),
      comment('a1', 'a', 2),
      comment('b', null, 3),
      comment('b1', 'b', 4),
    ];
    const before = buildTree(comments, 5);
    const reply = comment('b2', 'b1', 5);
    const after = keepUnchanged(buildTree([...comments, reply], 5), before);
    expect(flatten(after)).to.deep.equal(['a@1', 'a1@2', 'b@1', 'b1@2', 'b2@3']);
    expect(after[0], 'a conversation nothing was added to').to.equal(before[0]);
    expect(after[1], 'the conversation the reply went into').to.not.equal(before[1]);
    expect(after[1]!.children[0], 'the comment replied to').to.not.equal(before[1]!.children[0]);
    expect(after[1]!.children[0]!.children[0]!.comment).to.equal(reply);
  });

  it('keeps no node whose comment, depth or note changed', () => {
    const comments = [comment('a', null, 1), comment('a1', 'a', 2), comment('a2', 'a1', 3)];
    const before = buildTree(comments, 5);
    const edited = { ...comments[2]!, body: 'edited' };
    const changed = keepUnchanged(buildTree([comments[0]!, comments[1]!, edited], 5), before);
    expect(changed[0]).to.not.equal(before[0]);
    expect(changed[0]!.children[0]!.children[0]!.comment.body).to.equal('edited');
    const shallower = keepUnchanged(buildTree(comments, 2), before);
    expect(flatten(shallower)).to.deep.equal(['a@1', 'a1@2', 'a2@2>A1']);
    expect(shallower[0]).to.not.equal(before[0]);
    expect(keepUnchanged(buildTree(comments, 5), before)[0], 'nothing changed').to.equal(before[0]);
  });
});
