import { expect } from '@open-wc/testing';
import { OwnComments } from '../../src/offline/own-comments.js';
import { MemoryStore } from '../helpers/memory-store.js';

const token = (n: number) => String(n).padStart(43, 't');

describe('OwnComments (edit tokens on the device)', () => {
  it('keeps tokens per endpoint, thread and comment, and reads one thread back', async () => {
    const store = new MemoryStore();
    const own = new OwnComments(store);
    const now = 1_000_000;
    await own.keep('https://a.example/api', '/t/', 'c1', { token: token(1), until: now + 60_000 });
    await own.keep('https://a.example/api', '/t/other/', 'c2', { token: token(2), until: now + 60_000 });
    await own.keep('https://b.example/api', '/t/', 'c3', { token: token(3), until: now + 60_000 });
    const grants = await own.forThread('https://a.example/api', '/t/', now);
    expect([...grants]).to.deep.equal([['c1', { token: token(1), until: now + 60_000 }]]);
  });

  it('drops expired and unreadable entries of every thread when it reads', async () => {
    const store = new MemoryStore();
    const own = new OwnComments(store);
    const now = 1_000_000;
    await own.keep('e', '/t/', 'gone', { token: token(1), until: now });
    await own.keep('e', '/elsewhere/', 'gone-too', { token: token(2), until: now - 1 });
    await own.keep('e', '/t/', 'kept', { token: token(3), until: now + 1 });
    await store.set('own|["e","/t/","junk"]', { id: 'junk', token: 7 });
    const grants = await own.forThread('e', '/t/', now);
    expect([...grants.keys()]).to.deep.equal(['kept']);
    expect([...store.data.keys()]).to.deep.equal(['own|["e","/t/","kept"]']);
  });

  it('forgets one comment', async () => {
    const store = new MemoryStore();
    const own = new OwnComments(store);
    await own.keep('e', '/t/', 'c1', { token: token(1), until: Date.now() + 60_000 });
    await own.forget('e', '/t/', 'c1');
    expect((await own.forThread('e', '/t/')).size).to.equal(0);
  });
});
