import { expect, waitUntil } from '@open-wc/testing';
import type { CommentsApi } from '../../src/context.js';
import { DraftController, type DraftHost, type DraftStatus } from '../../src/controllers/draft-controller.js';
import { en } from '../../src/i18n/en.js';
import type { CommentFields } from '../../src/model/types.js';
import type { DraftListener, DraftSession } from '../../src/offline/draft-session.js';
import type { Draft } from '../../src/offline/drafts.js';
import type { Identity } from '../../src/offline/identity.js';
import { FakeHost } from './fake-host.js';

const EMPTY: CommentFields = { body: '', name: '', email: '', url: '' };

/** The form, as its draft controller sees it. */
class FakeForm extends FakeHost implements DraftHost {
  parentId: string | null = null;
  values: CommentFields = { ...EMPTY };
  edited = false;
  draftStatus: DraftStatus = null;
  otherVersion: CommentFields | null = null;
  remember = false;
  load(fields: CommentFields): void {
    this.values = { ...fields };
    this.edited = false;
  }
  type(fields: Partial<CommentFields>): void {
    this.values = { ...this.values, ...fields };
    this.edited = true;
  }
}
customElements.define('rc-fake-form', FakeForm);

const draft = (parentId: string | null, body: string, tab = 'me', savedAt = Date.now()): Draft => ({
  endpoint: 'e',
  thread: 't',
  parentId,
  fields: { ...EMPTY, body },
  savedAt,
  tab,
});

/** Drafts in a Map, with the listener the controller registers. */
function fakeSession(drafts: Draft[] = [], identity: Identity | null = null) {
  const saved: Array<[string | null, CommentFields]> = [];
  const remembered: Array<[boolean, Identity]> = [];
  let listener: DraftListener | null = null;
  const session: DraftSession & { memoryOnly: boolean } = {
    scope: '["e","t"]',
    memoryOnly: false,
    draftFor: async (parentId) => drafts.find((candidate) => candidate.parentId === parentId),
    draftsForThread: async () => [...drafts].sort((a, b) => b.savedAt - a.savedAt),
    saveDraft: async (parentId, fields) => void saved.push([parentId, fields]),
    isOwn: (candidate) => candidate.tab === 'me',
    matches: (candidate, parentId) => candidate !== null && candidate.parentId === parentId,
    identity: async () => identity,
    rememberIdentity: async (remember, details) => void remembered.push([remember, details]),
    listen: (next) => {
      listener = next;
      return () => (listener = null);
    },
  };
  return { session, saved, remembered, listener: () => listener };
}

function apiFor(session: DraftSession, known: string[] = [], ready = true) {
  const moves: Array<string | null> = [];
  const announced: string[] = [];
  const api = {
    messages: en,
    requireEmail: false,
    drafts: session,
    ready,
    has: (id: string) => known.includes(id),
    formatTime: () => '09:41',
    submit: async () => ({ ok: true }) as const,
    moveTo: (parentId: string | null) => void moves.push(parentId),
    cancelReply: () => {},
    announce: (text: string) => void announced.push(text),
  } satisfies CommentsApi;
  return { api, moves, announced };
}

function setUp() {
  const form = new FakeForm();
  const drafts = new DraftController(form);
  document.body.append(form);
  return { form, drafts };
}

describe('DraftController', () => {
  it("loads the draft of the place the form moves to, keeping the reader's details", async () => {
    const { form, drafts } = setUp();
    const { session } = fakeSession([draft('b', 'under b')]);
    drafts.use(apiFor(session, [], false).api);
    form.load({ ...EMPTY, body: 'under the thread', name: 'Sam' });
    form.parentId = 'b';
    drafts.switchTo('b');
    expect(form.values).to.deep.equal({ ...EMPTY, name: 'Sam' });
    await waitUntil(() => form.values.body === 'under b');
    form.remove();
  });

  it('saves every change under the place the form is in', () => {
    const { form, drafts } = setUp();
    const { session, saved } = fakeSession();
    drafts.use(apiFor(session).api);
    form.parentId = 'x';
    drafts.changed({ ...EMPTY, body: 'hi' });
    expect(saved).to.deep.equal([['x', { ...EMPTY, body: 'hi' }]]);
    form.remove();
  });

  it('works out the status line: saved at a time, announced once, or kept only in memory', () => {
    const { form, drafts } = setUp();
    const { session, listener } = fakeSession();
    const { api, announced } = apiFor(session);
    drafts.use(api);
    listener()!.saved(draft(null, 'one'));
    listener()!.saved(draft(null, 'two'));
    expect(form.draftStatus).to.deep.equal({ kind: 'saved', time: '09:41' });
    expect(announced).to.deep.equal([en.draftSavedShort]);
    listener()!.saved(draft('elsewhere', 'not this form'));
    listener()!.saved(draft(null, 'another tab', 'them'));
    expect(announced).to.have.length(1);
    listener()!.memoryOnly();
    expect(form.draftStatus).to.deep.equal({ kind: 'memory-only' });
    form.remove();
  });

  it('follows another tab when untouched here, and offers its version when edited here too', () => {
    const { form, drafts } = setUp();
    const { session, listener } = fakeSession();
    drafts.use(apiFor(session).api);
    listener()!.remote({ key: 'k', draft: draft(null, 'from the other tab', 'them') });
    expect(form.values.body).to.equal('from the other tab');
    form.type({ body: 'typed here' });
    listener()!.remote({ key: 'k', draft: draft(null, 'newer there', 'them') });
    expect(form.values.body).to.equal('typed here');
    expect(form.otherVersion?.body).to.equal('newer there');
    form.remove();
  });

  it('restores once per thread: the remembered details, and the newest draft under a comment that is there', async () => {
    const { form, drafts } = setUp();
    const identity = { name: 'Quiet Harbor', email: 'qh@example.org', url: '' };
    const { session } = fakeSession(
      [draft('gone', 'newest, but its comment is gone', 'me', 3), draft('b', 'under b', 'me', 2)],
      identity,
    );
    const { api, moves } = apiFor(session, ['b']);
    drafts.use(api);
    drafts.use({ ...api });
    await waitUntil(() => moves.length > 0, 'the draft was not reopened');
    expect(moves).to.deep.equal(['b']);
    expect(form.remember).to.equal(true);
    expect(form.values.name).to.equal('Quiet Harbor');
    form.remove();
  });

  it('never overwrites what the reader typed before the drafts were read', async () => {
    const { form, drafts } = setUp();
    const { session } = fakeSession([draft(null, 'old draft')]);
    form.type({ body: 'typed at once' });
    drafts.use(apiFor(session).api);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(form.values.body).to.equal('typed at once');
    form.remove();
  });

  it('remembers only the details, never the comment, and stops listening when the form leaves', () => {
    const { form, drafts } = setUp();
    const { session, remembered, listener } = fakeSession();
    drafts.use(apiFor(session).api);
    form.remember = true;
    drafts.rememberChanged({ body: 'secret', name: 'N', email: 'n@example.org', url: '' });
    expect(remembered).to.deep.equal([[true, { name: 'N', email: 'n@example.org', url: '' }]]);
    form.remove();
    expect(listener()).to.equal(null);
  });
});
