import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import type { OfflineController } from '../../src/controllers/offline-controller.js';
import type { LocaleController } from '../../src/controllers/locale-controller.js';
import { ReplyController, type Refusal } from '../../src/controllers/reply-controller.js';
import type { ThreadController } from '../../src/controllers/thread-controller.js';
import { en } from '../../src/i18n/en.js';
import type { Comment, NewComment } from '../../src/model/types.js';
import type { OutboxEntry } from '../../src/offline/outbox.js';
import { FakeHost } from './fake-host.js';

const FIELDS = { body: 'Hello', name: ' Sam ', email: '', url: 'http://[.x' };

/** The section as a fake host, reduced to what replying touches, recording what happened. */
class FakeSection extends FakeHost {
  readonly endpoint = 'https://comments.example.org/api';
  get renderRoot(): ParentNode {
    return this;
  }
}
customElements.define('rc-fake-section', FakeSection);

function fakeWiring(thread: string | null = '/t/') {
  const element = new FakeSection();
  const events: string[] = [];
  for (const type of ['rc-before-submit', 'rc-queued', 'rc-submitted', 'rc-failed'])
    element.addEventListener(type, (event) =>
      events.push(`${type}:${JSON.stringify((event as CustomEvent).detail)}`),
    );
  const sent: NewComment[] = [];
  const added: Comment[] = [];
  const pending: Comment[] = [];
  const announced: string[] = [];
  const reply = new ReplyController(element, {
    offline: {
      send: async (request: NewComment) => void sent.push(request),
      addPending: async (_entry: OutboxEntry, comment: Comment) => void pending.push(comment),
      showPending: (comment: Comment) => void pending.push(comment),
    } as unknown as OfflineController,
    thread: { add: (comment: Comment) => void added.push(comment) } as unknown as ThreadController,
    locale: { text: en } as LocaleController,
    threadId: () => thread,
    configError: () => 'misconfigured',
    tree: () => [],
    announce: (text) => void announced.push(text),
  });
  const handedBack: Array<[string | null, Refusal | null]> = [];
  reply.composer.handBack = (fields, refusal = null) => void handedBack.push([fields.body, refusal]);
  reply.moveTo('p1');
  return { reply, element, events, sent, added, pending, handedBack, announced };
}

const entry = (request: NewComment, thread = '/t/'): OutboxEntry => ({
  endpoint: 'e',
  thread,
  request,
  queuedAt: 0,
  attempts: 1,
  nextAttemptAt: 0,
  state: 'sending',
  error: null,
});

describe('ReplyController', () => {
  it('builds the request at Send (trimmed, a fresh clientId, the form’s parent) and queues it', async () => {
    const { reply, sent, events } = fakeWiring();
    const outcome = await reply.submit(FIELDS, '');
    expect(reply.target, 'the form goes back under the thread').to.equal(null);
    expect(outcome).to.deep.equal({ ok: true });
    expect(sent).to.have.length(1);
    expect(sent[0]).to.deep.include({ parentId: 'p1', body: 'Hello', hp: '' });
    expect(sent[0]!.author).to.deep.equal({ name: 'Sam', email: null, url: 'http://[.x' });
    expect(sent[0]!.clientId).to.match(/^[0-9a-f-]{36}$/);
    expect(events.map((event) => event.split(':')[0])).to.deep.equal(['rc-before-submit', 'rc-queued']);
  });

  it('queues nothing when rc-before-submit is cancelled, or when the section is misconfigured', async () => {
    const cancelled = fakeWiring();
    cancelled.element.addEventListener('rc-before-submit', (event) => event.preventDefault());
    expect(await cancelled.reply.submit(FIELDS, '')).to.deep.equal({
      ok: false,
      cancelled: true,
    });
    const broken = fakeWiring(null);
    expect(await broken.reply.submit(FIELDS, '')).to.deep.equal({
      ok: false,
      message: 'misconfigured',
      field: null,
    });
    expect([...cancelled.sent, ...broken.sent]).to.deep.equal([]);
  });

  it('shows an accepted comment in place; without a copy from the server, with only an http(s) website', () => {
    const { reply: submit, added, pending, events } = fakeWiring();
    const request: NewComment = {
      clientId: 'c1',
      parentId: null,
      author: { name: 'S', email: null, url: 'http://[.x' },
      body: 'b',
      hp: '',
    };
    submit.settle({ kind: 'sent', entry: entry(request), result: { status: 201, comment: null } });
    expect(added).to.have.length(1);
    expect(added[0]).to.deep.include({ id: 'local-c1', status: 'published' });
    expect(added[0]!.author.url).to.equal(null);
    submit.settle({
      kind: 'sent',
      entry: entry({ ...request, clientId: 'c2' }),
      result: { status: 202, comment: null },
    });
    expect(pending.map((comment) => comment.id)).to.deep.equal(['local-c2']);
    expect(events.filter((event) => event.startsWith('rc-submitted'))).to.have.length(2);
  });

  it('hands a refused comment back with the server’s words; a failed one is announced; both fire rc-failed', () => {
    const { reply: submit, handedBack, announced, events } = fakeWiring();
    const request: NewComment = {
      clientId: 'c3',
      parentId: 'p1',
      author: { name: 'S', email: null, url: null },
      body: 'b',
      hp: '',
    };
    const refused = new BackendError('http', 'Comments are closed.', 403, 'closed', null);
    submit.settle({ kind: 'rejected', entry: entry(request), error: refused });
    expect(handedBack).to.deep.equal([['b', { message: 'Comments are closed.', field: null }]]);
    expect(submit.target, 'the form is back under its parent').to.equal('p1');
    submit.settle({ kind: 'failed', entry: entry(request), error: new BackendError('network', 'down') });
    expect(announced.at(-1)).to.equal(en.couldNotSend(en.offline));
    expect(events.filter((event) => event.startsWith('rc-failed'))).to.have.length(2);
  });

  it('only fires events for a comment of another thread (the reader moved on)', () => {
    const { reply: submit, added, handedBack } = fakeWiring('/other/');
    const request: NewComment = {
      clientId: 'c4',
      parentId: null,
      author: { name: 'S', email: null, url: null },
      body: 'b',
      hp: '',
    };
    submit.settle({ kind: 'sent', entry: entry(request), result: { status: 201, comment: null } });
    submit.settle({
      kind: 'rejected',
      entry: entry(request),
      error: new BackendError('http', 'no', 422, 'x', null),
    });
    expect(added).to.deep.equal([]);
    expect(handedBack).to.deep.equal([]);
  });
});
