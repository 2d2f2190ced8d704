import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { BackendError, type CommentsBackend, type PostResult } from '../../src/backend/backend.js';
import type { NewComment } from '../../src/model/types.js';
import { echoOfEntry, leaseLock, Outbox, type Settlement } from '../../src/offline/outbox.js';
import type { RetryPolicy } from '../../src/offline/retry-policy.js';
import { MemoryStore } from '../helpers/memory-store.js';

/** What the fake server answers to one attempt. */
type Answer =
  | { kind: 'ok'; status: 200 | 201 | 202 }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'http'; status: number; retryAfter: number | null };

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const policy: RetryPolicy = { baseMs: 100, capMs: 2000, maxAttempts: 4 };

const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.constantFrom<Answer>(
    { kind: 'ok', status: 201 },
    { kind: 'ok', status: 202 },
    { kind: 'ok', status: 200 },
    { kind: 'network' },
    { kind: 'timeout' },
  ),
  fc.record({
    kind: fc.constant('http' as const),
    status: fc.constantFrom(400, 401, 403, 404, 409, 413, 415, 422, 408, 429, 500, 502, 503, 504),
    retryAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  }),
);

function request(i: number): NewComment {
  return {
    clientId: `00000000-0000-4000-8000-00000000000${i}`,
    parentId: null,
    author: { name: 'A', email: null, url: null },
    body: `comment ${i}`,
    hp: '',
  };
}

/** Runs an outbox against scripted answers on a fake clock until nothing is left to do. */
async function simulate(count: number, answers: Answer[], dice: number[]) {
  let now = 0;
  let timer: { at: number } | null = null;
  const calls: Array<{ clientId: string; at: number; answer: Answer }> = [];
  const settled: Settlement[] = [];
  let next = 0;
  const backend: CommentsBackend = {
    loadPage: () => Promise.reject(new Error('not used')),
    async postComment(_thread, comment): Promise<PostResult> {
      const given = answers[next++] ?? { kind: 'ok', status: 201 };
      calls.push({ clientId: comment.clientId, at: now, answer: given });
      if (given.kind === 'ok') return { status: given.status, comment: null };
      if (given.kind === 'network') throw new BackendError('network', 'offline');
      if (given.kind === 'timeout') throw new BackendError('timeout', 'slow');
      throw new BackendError('http', `HTTP ${given.status}`, given.status, 'e', null, given.retryAfter);
    },
  };
  let die = 0;
  const outbox = new Outbox({
    store: new MemoryStore(),
    endpoint: 'https://comments.example.org/api',
    backend,
    policy,
    now: () => now,
    random: () => dice[die++ % dice.length]!,
    exclusive: (_name, work) => work(),
    setTimer: (_callback, ms) => {
      const scheduled = { at: now + ms };
      timer = scheduled;
      return () => {
        if (timer === scheduled) timer = null;
      };
    },
    isOnline: () => true,
    onSettled: (settlement) => settled.push(settlement),
  });
  // The outbox schedules its next timer after awaits of its own: let every microtask run by
  // waiting for a macrotask (a MessageChannel one, which browsers do not throttle).
  const settle = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  for (let i = 0; i < count; i++) await outbox.enqueue('/t/', request(i));
  await outbox.replay();
  await settle();
  for (let steps = 0; timer !== null && steps < 200; steps++) {
    now = Math.max(now, (timer as { at: number }).at);
    timer = null;
    await outbox.replay();
    await settle();
  }
  outbox.dispose();
  return { calls, settled, remaining: await outbox.list() };
}

describe('Outbox', () => {
  it('sends each entry once when the server accepts, in the order written', async () => {
    const { calls, settled, remaining } = await simulate(3, [], [0.5]);
    expect(calls.map((call) => call.clientId)).to.deep.equal([0, 1, 2].map((i) => request(i).clientId));
    expect(settled.map((s) => s.kind)).to.deep.equal(['sent', 'sent', 'sent']);
    expect(remaining).to.deep.equal([]);
  });

  it('retries 503 then succeeds with the same clientId', async () => {
    const { calls, settled } = await simulate(1, [{ kind: 'http', status: 503, retryAfter: null }], [0.5]);
    expect(calls).to.have.length(2);
    expect(new Set(calls.map((call) => call.clientId)).size).to.equal(1);
    expect(settled.map((s) => s.kind)).to.deep.equal(['sent']);
  });

  it('keeps an entry as failed after the attempt cap, and sends it again on retry', async () => {
    const network: Answer = { kind: 'network' };
    const { calls, settled, remaining } = await simulate(1, [network, network, network, network], [0.5]);
    expect(calls).to.have.length(policy.maxAttempts);
    expect(settled.map((s) => s.kind)).to.deep.equal(['failed']);
    expect(remaining.map((entry) => entry.state)).to.deep.equal(['failed']);
    // What the error was, kept to be worded when shown, in the page's language then.
    expect(remaining[0]!.error).to.include({
      kind: 'network',
      message: 'offline',
      status: null,
      code: null,
      retryAfter: null,
    });
  });

  it('waits behind a slow first entry without polling (found by the property below)', async () => {
    const answers: Answer[] = [
      { kind: 'http', status: 500, retryAfter: 70 },
      { kind: 'http', status: 429, retryAfter: 90 },
      { kind: 'http', status: 429, retryAfter: 41 },
    ];
    const { calls, settled } = await simulate(2, answers, [0]);
    expect(calls.map((call) => call.at)).to.deep.equal([0, 70_000, 160_000, 201_000, 201_000]);
    expect(settled.map((s) => s.kind)).to.deep.equal(['sent', 'sent']);
  });

  it('property: capped attempts, no forbidden retry, Retry-After honoured, strict order', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(answer, { maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 1,
          maxLength: 10,
        }),
        async (count, answers, dice) => {
          const { calls, settled } = await simulate(count, answers, dice);
          const ids = Array.from({ length: count }, (_, i) => request(i).clientId);
          for (const id of ids) {
            const mine = calls.filter((call) => call.clientId === id);
            // Never more attempts than the cap.
            expect(mine.length).to.be.at.most(policy.maxAttempts);
            mine.forEach((call, i) => {
              const next = mine[i + 1];
              if (!next) return;
              const given = call.answer;
              // Only retryable failures are ever followed by another attempt…
              const retryable =
                given.kind === 'network' ||
                given.kind === 'timeout' ||
                (given.kind === 'http' && RETRYABLE.has(given.status));
              expect(retryable, `attempt after ${JSON.stringify(given)}`).to.equal(true);
              // …and never sooner than the server asked.
              if (given.kind === 'http' && given.retryAfter !== null)
                expect(next.at - call.at).to.be.at.least(given.retryAfter * 1000);
            });
            // Every entry ends settled: sent, rejected or failed.
            expect(settled.filter((s) => s.entry.request.clientId === id)).to.have.length(1);
          }
          // Strict order: once a later entry is attempted, no earlier one is attempted again.
          const order = calls.map((call) => ids.indexOf(call.clientId));
          for (let i = 1; i < order.length; i++) expect(order[i]).to.be.at.least(order[i - 1]!);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('leaseLock (where Web Locks are missing)', () => {
  afterEach(() => localStorage.removeItem('rc-lease|test-lease'));

  it('lets one holder work at a time and frees the lease afterwards', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = leaseLock('test-lease', () => held);
    // Another tab's lease looks like this one; simulate it by writing a foreign holder.
    localStorage.setItem(
      'rc-lease|test-lease',
      JSON.stringify({ tab: 'another-tab', until: Date.now() + 10_000 }),
    );
    let ran = false;
    await leaseLock('test-lease', async () => {
      ran = true;
    });
    expect(ran).to.equal(false);
    release();
    await first;
    localStorage.removeItem('rc-lease|test-lease');
    await leaseLock('test-lease', async () => {
      ran = true;
    });
    expect(ran).to.equal(true);
    expect(localStorage.getItem('rc-lease|test-lease')).to.equal(null);
  });

  it('takes over an expired lease', async () => {
    localStorage.setItem(
      'rc-lease|test-lease',
      JSON.stringify({ tab: 'crashed-tab', until: Date.now() - 1 }),
    );
    let ran = false;
    await leaseLock('test-lease', async () => {
      ran = true;
    });
    expect(ran).to.equal(true);
  });
});

describe('Outbox disposal', () => {
  it('aborts the send in flight when disposed; the entry stays stored for the next page', async () => {
    let signal: AbortSignal | null = null;
    const backend: CommentsBackend = {
      loadPage: () => Promise.reject(new Error('not used')),
      postComment: (_thread, _comment, given) =>
        new Promise((_resolve, reject) => {
          signal = given;
          given.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    };
    const settled: Settlement[] = [];
    const store = new MemoryStore();
    const outbox = new Outbox({
      store,
      endpoint: 'https://comments.example.org/api',
      backend,
      exclusive: (_name, work) => work(),
      isOnline: () => true,
      onSettled: (settlement) => settled.push(settlement),
    });
    await outbox.enqueue('/t/', request(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(signal, 'postComment was called').to.not.equal(null);
    outbox.dispose();
    expect(signal!.aborted).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled, 'an abort is no failure').to.deep.equal([]);
    const next = new Outbox({
      store,
      endpoint: 'https://comments.example.org/api',
      backend,
      isOnline: () => false,
    });
    expect((await next.list()).map((entry) => entry.request.clientId)).to.deep.equal([request(1).clientId]);
    next.dispose();
  });
});

describe("Outbox: changes to the reader's own comments (contract v1.1)", () => {
  const original = {
    id: 'c1',
    parentId: 'p1',
    author: { name: 'Sam', url: null },
    body: 'Before.',
    createdAt: '2026-01-01T00:00:00Z',
    status: 'published' as const,
  };
  const token = 'k'.repeat(43);

  it('sends an edit and a delete through changeComment, in order after a reply, retrying a 503', async () => {
    const calls: string[] = [];
    let failNext = true;
    const backend: CommentsBackend = {
      loadPage: () => Promise.reject(new Error('not used')),
      async postComment(_thread, comment) {
        calls.push(`POST ${comment.body}`);
        return { status: 201, comment: null };
      },
      async changeComment(_thread, change) {
        calls.push(
          `${change.body === null ? 'DELETE' : 'PATCH'} ${change.id} ${change.token === token} ${change.body}`,
        );
        if (failNext && change.body !== null) {
          failNext = false;
          throw new BackendError('http', 'busy', 503);
        }
        return { status: change.body === null ? 204 : 200, comment: null };
      },
    };
    let now = 0;
    const settled: Settlement[] = [];
    const outbox = new Outbox({
      store: new MemoryStore(),
      endpoint: 'e',
      backend,
      policy,
      now: () => now,
      random: () => 0,
      exclusive: (_name, work) => work(),
      setTimer: () => () => {},
      isOnline: () => true,
      onSettled: (settlement) => settled.push(settlement),
    });
    await outbox.enqueue('/t/', request(1));
    await outbox.enqueue('/t/', { ...request(2), body: 'After.' }, { token, original });
    await outbox.enqueue('/t/', { ...request(3), body: 'Before.' }, { token, original, remove: true });
    await outbox.replay();
    now = 10_000;
    await outbox.replay();
    outbox.dispose();
    expect(calls).to.deep.equal([
      'POST comment 1',
      'PATCH c1 true After.',
      'PATCH c1 true After.',
      'DELETE c1 true null',
    ]);
    expect(settled.map((s) => [s.kind, s.entry.change?.remove ?? false])).to.deep.equal([
      ['sent', false],
      ['sent', false],
      ['sent', true],
    ]);
    expect(await outbox.list()).to.deep.equal([]);
  });

  it('shows an edit on its way as the comment with its new text, and a delete as gone unless it failed', () => {
    const entry = {
      endpoint: 'e',
      thread: '/t/',
      request: { ...request(1), body: 'After.' },
      queuedAt: 0,
      attempts: 0,
      nextAttemptAt: 0,
      state: 'queued' as const,
      error: null,
    };
    const edit = echoOfEntry({ ...entry, change: { token, original } });
    expect(edit).to.deep.include({ id: 'c1', parentId: 'p1', body: 'After.', status: 'pending' });
    expect(edit.removed).to.equal(undefined);
    expect(echoOfEntry({ ...entry, change: { token, original, remove: true } }).removed).to.equal(true);
    const failed = echoOfEntry({ ...entry, state: 'failed', change: { token, original, remove: true } });
    expect(failed.removed).to.equal(undefined);
    expect(failed.delivery?.state).to.equal('failed');
    expect(JSON.stringify(edit), 'the token in an echo').to.not.include(token);
  });
});
