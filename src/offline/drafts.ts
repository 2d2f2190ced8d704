import type { CommentFields } from '../model/types.js';
import type { DraftListener } from './draft-session.js';
import type { KeyValueStore } from './storage.js';
import { scopedKey, scopePrefix } from './keys.js';
import { localStorageOrNull } from './local-storage.js';

/** What the reader has typed in one form, kept on the device until it is sent or discarded. */
export interface Draft {
  endpoint: string;
  thread: string;
  /** The comment the reply is to; null for the form under the thread. */
  parentId: string | null;
  fields: CommentFields;
  /** When this text was typed (ms since epoch). */
  savedAt: number;
  /** Which tab typed it, so a tab can tell its own echoes from another tab's edits. */
  tab: string;
}

/** A draft written or deleted by another tab of the same browser. */
export type RemoteDraftChange = { key: string; draft: Draft | null };

const PREFIX = 'draft|';
const RESCUE_PREFIX = 'rc-rescue|';
const CHANNEL = 'recovery-comments-drafts';

/** The storage key of a draft: one per (endpoint, thread, parent comment). */
export function draftKey(endpoint: string, thread: string, parentId: string | null): string {
  return scopedKey(PREFIX, endpoint, thread, parentId);
}

/** Whether a draft holds anything worth keeping. */
const isBlank = (fields: CommentFields): boolean => fields.body.trim() === '';

function isDraft(value: unknown): value is Draft {
  const draft = value as Draft;
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.endpoint === 'string' &&
    typeof draft.thread === 'string' &&
    (draft.parentId === null || typeof draft.parentId === 'string') &&
    typeof draft.savedAt === 'number' &&
    typeof draft.fields === 'object' &&
    draft.fields !== null &&
    ['body', 'name', 'email', 'url'].every(
      (name) => typeof draft.fields[name as keyof CommentFields] === 'string',
    )
  );
}

function forgetRescued(key: string): void {
  try {
    localStorageOrNull()?.removeItem(RESCUE_PREFIX + key);
  } catch {
    // Nothing to forget where there is no localStorage.
  }
}

/**
 * Drafts on the device. Writes are coalesced per draft: one in flight, then the latest text,
 * so every keystroke is saved without queueing hundreds of writes. What is not yet written when
 * the page goes away is rescued synchronously into localStorage and merged back on the next load.
 */
export class DraftStore {
  readonly #unwritten = new Map<string, Draft>();
  readonly #writing = new Map<string, Promise<void>>();
  #channel: BroadcastChannel | null;

  readonly #store: KeyValueStore;
  /** Who hears of drafts saved here and of those other tabs save or delete, if anyone. */
  readonly #listener: () => DraftListener | null;

  constructor(store: KeyValueStore, listener: () => DraftListener | null = () => null) {
    this.#store = store;
    this.#listener = listener;
    // Every browser the section runs in has it: its style sheets need Safari 16.4, Firefox 101.
    this.#channel = new BroadcastChannel(CHANNEL);
    this.#channel.addEventListener('message', (event: MessageEvent<RemoteDraftChange>) => {
      const change = event.data;
      if (change && typeof change.key === 'string' && (change.draft === null || isDraft(change.draft))) {
        this.#listener()?.remote(change);
      }
    });
  }

  /** Stops hearing other tabs (the element left the page, or its storage was replaced). */
  dispose(): void {
    this.#channel?.close();
    // Writes still in flight finish, but tell nobody: a closed channel throws on postMessage.
    this.#channel = null;
  }

  /** The drafts of one thread, newest first, after merging any rescued in localStorage. */
  async forThread(endpoint: string, thread: string): Promise<Draft[]> {
    await this.#mergeRescued();
    const entries = await this.#store.entries<unknown>(scopePrefix(PREFIX, endpoint, thread));
    return entries
      .map(([, value]) => value)
      .filter(isDraft)
      .sort((a, b) => b.savedAt - a.savedAt);
  }

  /** One draft, or undefined. */
  async get(endpoint: string, thread: string, parentId: string | null): Promise<Draft | undefined> {
    const key = draftKey(endpoint, thread, parentId);
    const pending = this.#unwritten.get(key);
    if (pending) return pending;
    const value = await this.#store.get<unknown>(key);
    return isDraft(value) ? value : undefined;
  }

  /** Saves a draft (a blank one is deleted). Resolves when this text, or newer, is stored. */
  save(draft: Draft): Promise<void> {
    const key = draftKey(draft.endpoint, draft.thread, draft.parentId);
    if (isBlank(draft.fields)) return this.delete(draft.endpoint, draft.thread, draft.parentId);
    this.#unwritten.set(key, draft);
    const running = this.#writing.get(key);
    if (running) return running;
    const work = this.#drain(key).finally(() => this.#writing.delete(key));
    this.#writing.set(key, work);
    return work;
  }

  /** Deletes a draft, after any write of it that is in flight. */
  async delete(endpoint: string, thread: string, parentId: string | null): Promise<void> {
    const key = draftKey(endpoint, thread, parentId);
    this.#unwritten.delete(key);
    await this.#writing.get(key);
    await this.#store.delete(key);
    forgetRescued(key);
    this.#channel?.postMessage({ key, draft: null } satisfies RemoteDraftChange);
  }

  /** Deletes drafts older than `maxAgeMs`; returns how many went. */
  async prune(maxAgeMs: number, now = Date.now()): Promise<number> {
    const entries = await this.#store.entries<unknown>(PREFIX);
    const old = entries.filter(([, value]) => !isDraft(value) || now - value.savedAt > maxAgeMs);
    await Promise.all(old.map(([key]) => this.#store.delete(key)));
    return old.length;
  }

  /**
   * Called on pagehide and when the tab is hidden: IndexedDB writes started now may never
   * finish (measured: 4 in 10 lost), so what is unwritten goes to localStorage synchronously.
   */
  rescueUnwritten(): void {
    const storage = localStorageOrNull();
    if (!storage) return;
    for (const [key, draft] of this.#unwritten) {
      try {
        storage.setItem(RESCUE_PREFIX + key, JSON.stringify(draft));
      } catch {
        // Full or disabled: the IndexedDB write in flight is the last chance.
      }
    }
  }

  async #drain(key: string): Promise<void> {
    for (let draft = this.#unwritten.get(key); draft; draft = this.#unwritten.get(key)) {
      await this.#store.set(key, draft);
      if (this.#unwritten.get(key) === draft) {
        this.#unwritten.delete(key);
        // Stored for good: a rescue copy from a hidden moment must not come back later.
        if (!this.#store.memoryOnly) forgetRescued(key);
      }
      this.#listener()?.saved(draft);
      this.#channel?.postMessage({ key, draft } satisfies RemoteDraftChange);
    }
  }

  /** Moves drafts rescued by an earlier page into IndexedDB, keeping whichever is newer. */
  async #mergeRescued(): Promise<void> {
    const storage = localStorageOrNull();
    if (!storage) return;
    let keys: string[];
    try {
      keys = Object.keys(storage).filter((key) => key.startsWith(RESCUE_PREFIX));
    } catch {
      return;
    }
    for (const rescueKey of keys) {
      const key = rescueKey.slice(RESCUE_PREFIX.length);
      let rescued: unknown;
      try {
        rescued = JSON.parse(storage.getItem(rescueKey) ?? 'null');
      } catch {
        rescued = null;
      }
      if (isDraft(rescued)) {
        const stored = await this.#store.get<unknown>(key);
        if (!isDraft(stored) || stored.savedAt < rescued.savedAt) await this.#store.set(key, rescued);
      }
      if (!this.#store.memoryOnly) storage.removeItem(rescueKey);
    }
  }
}
