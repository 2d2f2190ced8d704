import { expect } from '@open-wc/testing';
import { DraftStore, draftKey, type Draft } from '../../src/offline/drafts.js';
import { MemoryStore } from '../helpers/memory-store.js';

const draft = (body: string, savedAt = Date.now(), parentId: string | null = null): Draft => ({
  endpoint: 'https://c.example.org/api',
  thread: '/t/',
  parentId,
  fields: { body, name: 'Sam', email: '', url: '' },
  savedAt,
  tab: 'test',
});

describe('DraftStore', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('rc-rescue|')) localStorage.removeItem(key);
  });

  it('coalesces a burst of keystrokes into few writes and stores the latest text', async () => {
    const store = new MemoryStore();
    const drafts = new DraftStore(store);
    const saves: Promise<void>[] = [];
    let text = '';
    for (const char of 'one keystroke at a time') saves.push(drafts.save(draft((text += char))));
    await Promise.all(saves);
    expect(store.writes).to.be.at.most(3);
    expect((await drafts.get('https://c.example.org/api', '/t/', null))?.fields.body).to.equal(
      'one keystroke at a time',
    );
  });

  it('keeps one draft per parent comment and lists them newest first', async () => {
    const drafts = new DraftStore(new MemoryStore());
    await drafts.save(draft('top', 1000, null));
    await drafts.save(draft('under a', 3000, 'a'));
    await drafts.save(draft('under b', 2000, 'b'));
    const listed = await drafts.forThread('https://c.example.org/api', '/t/');
    expect(listed.map((d) => d.parentId)).to.deep.equal(['a', 'b', null]);
  });

  it('rescues unwritten text into localStorage and merges it back when newer', async () => {
    const store = new MemoryStore();
    // A store whose writes never finish, as when the page goes away mid-write.
    store.set = () => new Promise(() => {});
    const leaving = new DraftStore(store);
    void leaving.save(draft('typed just before leaving', 5000));
    leaving.rescueUnwritten();
    const key = draftKey('https://c.example.org/api', '/t/', null);
    expect(localStorage.getItem(`rc-rescue|${key}`)).to.contain('typed just before leaving');

    const next = new MemoryStore();
    await next.set(key, draft('older text', 1000));
    const returning = new DraftStore(next);
    const [restored] = await returning.forThread('https://c.example.org/api', '/t/');
    expect(restored!.fields.body).to.equal('typed just before leaving');
    expect(localStorage.getItem(`rc-rescue|${key}`)).to.equal(null);
  });

  it('deletes blank drafts and prunes old ones', async () => {
    const store = new MemoryStore();
    const drafts = new DraftStore(store);
    await drafts.save(draft('keep', Date.now(), 'a'));
    await drafts.save(draft('old', Date.now() - 40 * 86_400_000, 'b'));
    await drafts.save(draft('gone', Date.now(), 'c'));
    await drafts.save(draft('   ', Date.now(), 'c'));
    expect(await drafts.prune(30 * 86_400_000)).to.equal(1);
    const left = await drafts.forThread('https://c.example.org/api', '/t/');
    expect(left.map((d) => d.fields.body)).to.deep.equal(['keep']);
  });
});
