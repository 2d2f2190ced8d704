import { BackendError, type CommentsBackend, type PostResult } from '../backend/backend.js';
import { echoOf } from '../model/echo.js';
import type { Comment, Delivery, NewComment } from '../model/types.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { KeyValueStore } from './storage.js';
import { localStorageOrNull } from './local-storage.js';
import { TAB_ID } from './tab-id.js';

/** Where a queued comment is on its way. */
export type DeliveryState = 'queued' | 'sending' | 'failed';

/** A comment the reader sent that the server has not accepted yet. */
export interface OutboxEntry {
  endpoint: string;
  thread: string;
  request: NewComment;
  /** When the reader pressed Post Comment: the outbox sends in this order. */
  queuedAt: number;
  attempts: number;
  /** Not before this time (ms since epoch). */
  nextAttemptAt: number;
  state: DeliveryState;
  /** The last error (worded when shown, see `Delivery`); null before any failure. */
  error: Delivery['error'];
  /** Set when the last failure was the page's CSP blocking the endpoint. */
  blocked?: boolean;
  /** v1.1: set when this entry changes the reader's own comment instead of posting one. */
  change?: QueuedChange;
}

/**
 * An edit (the new body is the entry's `request.body`) or a delete of the reader's own comment,
 * with its token and the comment as it was, to show it where it is while the change is on its way.
 */
export interface QueuedChange {
  token: string;
  original: Comment;
  remove?: true;
}

/** How an entry left the outbox, or why it stays. */
export type Settlement =
  /** `elsewhere`: another tab of the same browser sent it; this one only shows the result. */
  | { kind: 'sent'; entry: OutboxEntry; result: PostResult; elsewhere?: boolean }
  | { kind: 'rejected'; entry: OutboxEntry; error: BackendError }
  | { kind: 'failed'; entry: OutboxEntry; error: BackendError };

/** What the outbox needs from the world; tests replace the clock, the dice and the lock. */
export interface OutboxOptions {
  store: KeyValueStore;
  endpoint: string;
  backend: CommentsBackend;
  policy?: RetryPolicy;
  now?: () => number;
  random?: () => number;
  /** Runs `work` while no other tab runs it; resolves without running it when another tab does. */
  exclusive?: (name: string, work: () => Promise<void>) => Promise<void>;
  setTimer?: (callback: () => void, ms: number) => () => void;
  /** Whether to try at all: attempts made while the browser knows it is offline would only use up retries. */
  isOnline?: () => boolean;
  /** The entries changed (here or, through `notifyChanged`, in another tab). */
  onChange?: (entries: OutboxEntry[]) => void;
  onSettled?: (settlement: Settlement) => void;
}

/** What tabs tell each other: the outbox changed, and perhaps that a comment was accepted. */
interface ChannelMessage {
  endpoint: string;
  sent?: { entry: OutboxEntry; result: PostResult };
}

const PREFIX = 'outbox|';
const MIN_TIMER_MS = 1000;
const CHANNEL = 'recovery-comments-outbox';
const keyOf = (entry: Pick<OutboxEntry, 'endpoint' | 'request'>) =>
  `${PREFIX}${entry.endpoint}|${entry.request.clientId}`;

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as OutboxEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.endpoint === 'string' &&
    typeof entry.thread === 'string' &&
    typeof entry.queuedAt === 'number' &&
    typeof entry.attempts === 'number' &&
    typeof entry.request === 'object' &&
    entry.request !== null &&
    typeof entry.request.clientId === 'string' &&
    typeof entry.request.body === 'string' &&
    (entry.change === undefined ||
      (typeof entry.change?.token === 'string' && typeof entry.change.original?.id === 'string'))
  );
}

/**
 * How a queued entry shows in the thread: a reply as its echo; an edit as the comment with its
 * new text, where it is; a delete hides the comment, unless it failed (then Retry shows on it).
 */
export function echoOfEntry({ change, endpoint, request, state, error, queuedAt }: OutboxEntry): Comment {
  const delivery = { state, clientId: request.clientId, endpoint, error };
  if (!change) return echoOf(request, 'pending', new Date(queuedAt).toISOString(), delivery);
  const removed = change.remove && state !== 'failed' ? { removed: true as const } : {};
  return { ...change.original, body: request.body, status: 'pending', delivery, ...removed };
}

/**
 * What a failure was, to be worded when it is shown. A plain object: IndexedDB keeps an Error as
 * a plain Error, without the fields of its class (and `message` is not one a spread copies).
 */
const factsOf = (failure: BackendError): Delivery['error'] => ({ ...failure, message: failure.message });

const LEASE_MS = 30_000;

/**
 * Where Web Locks are missing (older Safari): a lease in localStorage. It is not atomic, but it
 * keeps tabs from taking turns at the same entries; the server's clientId check covers the rest.
 */
export async function leaseLock(
  name: string,
  work: () => Promise<void>,
  storage: Storage | null = localStorageOrNull(),
): Promise<void> {
  const key = `rc-lease|${name}`;
  try {
    const held = JSON.parse(storage?.getItem(key) ?? 'null') as { tab: string; until: number } | null;
    if (held && held.tab !== TAB_ID && held.until > Date.now()) return;
    storage?.setItem(key, JSON.stringify({ tab: TAB_ID, until: Date.now() + LEASE_MS }));
  } catch {
    // No usable localStorage: run anyway; a repeated POST is answered 200, never a second comment.
  }
  try {
    await work();
  } finally {
    try {
      if ((JSON.parse(storage?.getItem(key) ?? 'null') as { tab: string } | null)?.tab === TAB_ID)
        storage?.removeItem(key);
    } catch {
      // As above.
    }
  }
}

/** One tab at a time through the Web Locks API, or a localStorage lease where it is missing. */
function webLock(name: string, work: () => Promise<void>): Promise<void> {
  const locks = navigator.locks;
  if (!locks) return leaseLock(name, work);
  // It resolves with what the callback does: nothing.
  return locks.request<void>(name, { ifAvailable: true }, async (lock) => {
    if (lock) await work();
  });
}

function browserTimer(callback: () => void, ms: number): () => void {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
}

/**
 * Comments on their way to one endpoint, kept on the device until the server answers. Sends in
 * the order they were written, one tab at a time, retrying what may succeed later with capped,
 * jittered backoff, and always with the clientId made when the reader pressed Post Comment.
 */
export class Outbox {
  /** The options, with the browser's clock, dice, locks and timers where a test gave none. */
  readonly #options: Required<Omit<OutboxOptions, 'onChange' | 'onSettled'>> & OutboxOptions;
  /** Every browser the section runs in has it: its style sheets need Safari 16.4, Firefox 101. */
  readonly #channel = new BroadcastChannel(CHANNEL);
  /** Aborts the send in flight when the element leaves the page; the entry stays for the next page. */
  readonly #abort = new AbortController();
  #cancelTimer: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #disposed = false;

  constructor(options: OutboxOptions) {
    this.#options = {
      policy: DEFAULT_RETRY_POLICY,
      now: Date.now,
      random: Math.random,
      exclusive: webLock,
      setTimer: browserTimer,
      isOnline: () => navigator.onLine,
      ...options,
    };
    this.#channel.addEventListener('message', (event: MessageEvent<ChannelMessage>) => {
      const message = event.data;
      if (message?.endpoint !== options.endpoint) return;
      if (message.sent && isEntry(message.sent.entry))
        options.onSettled?.({ kind: 'sent', ...message.sent, elsewhere: true });
      void this.#changed(false);
    });
  }

  /** This endpoint's entries, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    const entries = await this.#options.store.entries<unknown>(`${PREFIX}${this.#options.endpoint}|`);
    return entries
      .map(([, value]) => value)
      .filter(isEntry)
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** Stores a comment to send and starts sending. Resolves once it is stored. */
  async enqueue(thread: string, request: NewComment, change?: QueuedChange): Promise<OutboxEntry> {
    const now = this.#options.now();
    const entry: OutboxEntry = {
      ...(change && { change }),
      endpoint: this.#options.endpoint,
      thread,
      request,
      queuedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'queued',
      error: null,
    };
    await this.#options.store.set(keyOf(entry), entry);
    await this.#changed(true);
    void this.replay();
    return entry;
  }

  /** Sends a failed entry again, from a fresh start. */
  async retry(clientId: string): Promise<void> {
    const entry = (await this.list()).find((candidate) => candidate.request.clientId === clientId);
    if (!entry) return;
    await this.#put({
      ...entry,
      attempts: 0,
      state: 'queued',
      nextAttemptAt: this.#options.now(),
      error: null,
      blocked: false,
    });
    void this.replay();
  }

  /** Takes an entry out (the reader chose Edit); returns it so its text can go back to the form. */
  async take(clientId: string): Promise<OutboxEntry | undefined> {
    const entry = (await this.list()).find((candidate) => candidate.request.clientId === clientId);
    if (!entry) return undefined;
    await this.#options.store.delete(keyOf(entry));
    await this.#changed(true);
    return entry;
  }

  /** Sends what is due now. Concurrent calls share one run; a call during a run triggers one more. */
  replay(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#options.exclusive(`recovery-comments-outbox:${this.#options.endpoint}`, () =>
          this.#sendDue(),
        );
      } while (this.#again && !this.#disposed);
    })().finally(() => {
      this.#running = null;
      void this.#scheduleNext();
    });
    return this.#running;
  }

  /** Stops timers and listening; entries stay stored for the next page. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelTimer?.();
    this.#channel.close();
    this.#abort.abort();
  }

  async #sendDue(): Promise<void> {
    // Read afresh under the lock: another tab may have sent entries since.
    for (const entry of await this.list()) {
      if (this.#disposed || !this.#options.isOnline()) return;
      if (entry.state === 'failed') continue;
      // Strict order: nothing overtakes an earlier comment that is waiting to be retried.
      if (entry.nextAttemptAt > this.#options.now()) return;
      const sending: OutboxEntry = { ...entry, state: 'sending', attempts: entry.attempts + 1 };
      await this.#put(sending);
      let result: PostResult;
      try {
        result = await this.#deliver(entry);
      } catch (error) {
        // Stopped by dispose: still stored, it is sent again (same clientId) by the next page.
        if (this.#disposed) return;
        const failure = error instanceof BackendError ? error : new BackendError('network', String(error));
        const decision = decideRetry(failure, sending.attempts, this.#options.policy, this.#options.random);
        if (decision.kind === 'retry') {
          await this.#put({
            ...sending,
            state: 'queued',
            nextAttemptAt: this.#options.now() + decision.delayMs,
            error: factsOf(failure),
          });
          return;
        }
        if (decision.kind === 'reject') {
          // Tell the page first, so the text is back in the form before its echo goes.
          this.#options.onSettled?.({ kind: 'rejected', entry: sending, error: failure });
          await this.#options.store.delete(keyOf(entry));
          await this.#changed(true);
          continue;
        }
        const failed = {
          ...sending,
          state: 'failed' as const,
          error: factsOf(failure),
          blocked: decision.kind === 'blocked',
        };
        await this.#put(failed);
        this.#options.onSettled?.({ kind: 'failed', entry: failed, error: failure });
        continue;
      }
      // The published or pending comment is shown before its echo goes, so nothing flickers,
      // here and in the other tabs showing the same thread.
      this.#options.onSettled?.({ kind: 'sent', entry: sending, result });
      this.#broadcast({ endpoint: this.#options.endpoint, sent: { entry: sending, result } });
      await this.#options.store.delete(keyOf(entry));
      await this.#changed(true);
    }
  }

  #deliver({ thread, request, change }: OutboxEntry): Promise<PostResult> {
    const { backend } = this.#options;
    const signal = this.#abort.signal;
    if (!change) return backend.postComment(thread, request, signal);
    const body = change.remove ? null : request.body;
    // Only a backend with changeComment gives the tokens that make changes.
    return backend.changeComment!(thread, { id: change.original.id, token: change.token, body }, signal);
  }

  async #put(entry: OutboxEntry): Promise<void> {
    await this.#options.store.set(keyOf(entry), entry);
    await this.#changed(true);
  }

  #broadcast(message: ChannelMessage): void {
    // A send that finishes after the element left the page has nobody to tell.
    if (!this.#disposed) this.#channel.postMessage(message);
  }

  async #changed(broadcast: boolean): Promise<void> {
    if (this.#disposed) return;
    if (broadcast) this.#broadcast({ endpoint: this.#options.endpoint });
    this.#options.onChange?.(await this.list());
  }

  async #scheduleNext(): Promise<void> {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    // Offline, the 'online' event starts the next run; a timer would only spin.
    if (this.#disposed || !this.#options.isOnline()) return;
    // Entries go in order, so the first one still to send decides when the next run is due.
    const head = (await this.list()).find((entry) => entry.state !== 'failed');
    if (!head) return;
    const next = head.nextAttemptAt;
    // At least a second, so a tab that lost the lock to another does not spin while it waits.
    this.#cancelTimer = this.#options.setTimer(
      () => void this.replay(),
      Math.max(MIN_TIMER_MS, next - this.#options.now()),
    );
  }
}
