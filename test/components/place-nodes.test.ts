import { expect } from '@open-wc/testing';
import { placeNodes } from '../../src/components/place-nodes.js';

/** A list of items named by letter, and a way to see which nodes a call moved in or out. */
function list(...names: string[]) {
  const parent = document.createElement('ol');
  const items = new Map(
    names.map((name) => [name, Object.assign(document.createElement('li'), { id: name })]),
  );
  parent.append(...items.values());
  const item = (name: string) => {
    if (!items.has(name)) items.set(name, Object.assign(document.createElement('li'), { id: name }));
    return items.get(name)!;
  };
  const observer = new MutationObserver(() => {});
  observer.observe(parent, { childList: true });
  /** Places the named items; returns the order after, and the names added and removed (a move is both). */
  const place = (...wanted: string[]) => {
    placeNodes(parent, wanted.map(item));
    const records = observer.takeRecords();
    const names = (nodes: NodeList[]) =>
      nodes.flatMap((list) => [...list].map((node) => (node as Element).id));
    return {
      order: [...parent.children].map((child) => child.id),
      added: names(records.map((record) => record.addedNodes)),
      removed: names(records.map((record) => record.removedNodes)),
    };
  };
  return { place };
}

describe('placeNodes', () => {
  it('skips false and null, which stand for a node that does not show now', () => {
    const parent = document.createElement('div');
    const [a, b] = [document.createElement('p'), document.createElement('p')];
    placeNodes(parent, [false, a, null, b]);
    expect([...parent.childNodes]).to.deep.equal([a, b]);
    placeNodes(parent, [a, false && b]);
    expect([...parent.childNodes]).to.deep.equal([a]);
  });

  it('touches nothing when every node is in place', () => {
    expect(list('a', 'b', 'c').place('a', 'b', 'c')).to.deep.equal({
      order: ['a', 'b', 'c'],
      added: [],
      removed: [],
    });
  });

  it('adds new nodes at the end, at the top or between, moving none of the others', () => {
    const { place } = list('a', 'b');
    expect(place('a', 'b', 'c', 'd')).to.deep.equal({
      order: ['a', 'b', 'c', 'd'],
      added: ['c', 'd'],
      removed: [],
    });
    expect(place('z', 'a', 'b', 'c', 'd')).to.deep.equal({
      order: ['z', 'a', 'b', 'c', 'd'],
      added: ['z'],
      removed: [],
    });
    expect(place('z', 'a', 'm', 'b', 'c', 'd').added).to.deep.equal(['m']);
  });

  it('removes what is no longer wanted without moving the rest', () => {
    expect(list('a', 'b', 'c', 'd').place('a', 'c')).to.deep.equal({
      order: ['a', 'c'],
      added: [],
      removed: ['b', 'd'],
    });
  });

  it('moves a node out of order, and only it', () => {
    expect(list('a', 'b', 'c').place('c', 'a', 'b')).to.deep.equal({
      order: ['c', 'a', 'b'],
      added: ['c'],
      removed: ['c'],
    });
  });

  it('empties the parent for no nodes', () => {
    expect(list('a', 'b').place().order).to.deep.equal([]);
  });
});
