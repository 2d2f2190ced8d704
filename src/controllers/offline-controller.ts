import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentsBackend } from '../backend/backend.js';
import type { Comment, CommentFields, NewComment } from '../model/types.js';
import type { DraftListener, DraftSession } from '../offline/draft-session.js';
import { DraftStore, type Draft } from '../offline/drafts.js';
import { addPendingEcho, pendingEchoes } from '../offline/echoes.js';
import { loadIdentity, saveIdentity, type Identity } from '../offline/identity.js';
import {
  echoOfEntry,
  Outbox,
  type OutboxEntry,
  type QueuedChange,
  type Settlement,
} from '../offline/outbox.js';
import type { KeyValueStore } from '../offline/storage.js';
import { scopedKey } from '../offline/keys.js';
import { TAB_ID } from '../offline/tab-id.js';

const DAY_MS = 24 * 60 * 60_000;

/** Which thread of which backend the offline state belongs to. */
export interface OfflineScope {
  /** The endpoint, or another stable name for a custom backend. */
  endpoint: string;
  thread: string;
  backend: CommentsBackend;
}

/** The parts that live as long as one store: built when it is given, released when replaced or the element leaves. */
interface StoreParts {
  store: KeyValueStore;
  drafts: DraftStore;
  release: () => void;
}

/**
 * Drafts, the outbox, pending echoes and the remembered identity for one element, and the page
 * events that drive them: replay on load, on `online` and when the tab becomes visible; rescue
 * unwritten drafts on `pagehide` and when the tab is hidden. It is also the reply form's
 * `DraftSession`.
 */
export class OfflineController implements ReactiveController, DraftSession {
  #echoes: Comment[] = [];
  #memoryOnly = false;

  #store: KeyValueStore | null = null;
  #parts: StoreParts | null = null;
  #outbox: Outbox | null = null;
  #scope: OfflineScope | null = null;
  #outboxEntries: OutboxEntry[] = [];
  #pendingEchoes: Comment[] = [];
  /** The reply form, hearing of its drafts. */
  #listener: DraftListener | null = null;
  /** Aborted when the element leaves the page: removes every page listener at once. */
  #listening: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when a queued comment was sent, refused, or failed for good. */
    private readonly onSettled: (settlement: Settlement) => void,
    /** Days after which drafts and pending echoes are dropped. */
    private readonly ages: () => { draftDays: number; pendingDays: number },
  ) {
    host.addController(this);
  }

  /** The reader's own comments on their way or awaiting moderation, for this thread. */
  get echoes(): readonly Comment[] {
    return this.#echoes;
  }

  get memoryOnly(): boolean {
    return this.#memoryOnly;
  }

  get scope(): string {
    return this.#scope ? scopedKey('', this.#scope.endpoint, this.#scope.thread) : '';
  }

  hostConnected(): void {
    // Moved in the DOM (a theme's tabs, a framework): pick up where it was.
    if (this.#store && this.#scope) this.configure(this.#store, this.#scope);
    const options = { signal: (this.#listening = new AbortController()).signal };
    addEventListener('online', this.#replay, options);
    addEventListener('offline', this.#redraw, options);
    document.addEventListener('visibilitychange', this.#onVisibility, options);
    addEventListener('pagehide', this.#rescue, options);
  }

  hostDisconnected(): void {
    this.#listening?.abort();
    this.#rescue();
    this.#outbox?.dispose();
    this.#outbox = null;
    this.#parts?.release();
    this.#parts = null;
  }

  /** Points the controller at a store and a thread; starts sending what waits in the outbox. */
  configure(store: KeyValueStore, scope: OfflineScope): void {
    const same =
      this.#parts?.store === store &&
      this.#scope?.endpoint === scope.endpoint &&
      this.#scope.backend === scope.backend;
    this.#store = store;
    this.#scope = scope;
    if (this.#parts?.store !== store) {
      this.#parts?.release();
      this.#parts = this.#partsFor(store);
    }
    if (!same || !this.#outbox) {
      this.#outbox?.dispose();
      this.#outbox = this.#outboxFor(store, scope);
    }
    const outbox = this.#outbox;
    void outbox.list().then((entries) => {
      this.#outboxEntries = entries;
      this.#refreshEchoes();
    });
    void this.#parts.drafts.prune(this.ages().draftDays * DAY_MS);
    void outbox.replay();
  }

  /** Reads the pending echoes again, dropping those the server has now published. */
  async syncPending(publishedIds: ReadonlySet<string>): Promise<void> {
    const scope = this.#scope;
    if (!scope || !this.#parts) return;
    this.#pendingEchoes = await pendingEchoes(
      this.#parts.store,
      scope.endpoint,
      scope.thread,
      publishedIds,
      this.ages().pendingDays * DAY_MS,
    );
    this.#refreshEchoes();
  }

  /** Queues a comment (or a change to one); resolves once it is stored (on the device, or in memory). */
  async send(request: NewComment, change?: QueuedChange): Promise<OutboxEntry> {
    // The section sends only once configured: unconfigured, this throws (a caller's mistake).
    const scope = this.#scope!;
    const entry = await this.#outbox!.enqueue(scope.thread, request, change);
    await this.#parts!.drafts.delete(scope.endpoint, scope.thread, request.parentId);
    return entry;
  }

  /** Sends a failed comment again. */
  async retry(clientId: string): Promise<void> {
    await this.#outbox?.retry(clientId);
  }

  /** Takes a queued comment back out so the reader can edit it. */
  async edit(clientId: string): Promise<OutboxEntry | undefined> {
    return this.#outbox?.take(clientId);
  }

  /** Shows a pending comment another tab already remembered. */
  showPending(comment: Comment): void {
    this.#pendingEchoes = [...this.#pendingEchoes.filter((echo) => echo.id !== comment.id), comment];
    this.#refreshEchoes();
  }

  /**
   * Remembers a comment the server accepted for moderation. It takes the outbox entry's own
   * endpoint and thread: the answer may come after the reader moved to another thread.
   */
  async addPending(entry: OutboxEntry, comment: Comment): Promise<void> {
    const scope = this.#scope;
    if (scope && scope.endpoint === entry.endpoint && scope.thread === entry.thread)
      this.showPending(comment);
    if (this.#parts) await addPendingEcho(this.#parts.store, entry.endpoint, entry.thread, comment);
  }

  async draftsForThread(): Promise<Draft[]> {
    const scope = this.#scope;
    return scope && this.#parts ? this.#parts.drafts.forThread(scope.endpoint, scope.thread) : [];
  }

  async draftFor(parentId: string | null): Promise<Draft | undefined> {
    const scope = this.#scope;
    return scope ? this.#parts?.drafts.get(scope.endpoint, scope.thread, parentId) : undefined;
  }

  async saveDraft(parentId: string | null, fields: CommentFields): Promise<void> {
    const scope = this.#scope;
    if (!scope || !this.#parts) return;
    return this.#parts.drafts.save({
      endpoint: scope.endpoint,
      thread: scope.thread,
      parentId,
      fields,
      savedAt: Date.now(),
      tab: TAB_ID,
    });
  }

  isOwn(draft: Draft): boolean {
    return draft.tab === TAB_ID;
  }

  matches(draft: Draft | null, parentId: string | null): boolean {
    const scope = this.#scope;
    return (
      draft !== null &&
      scope !== null &&
      draft.endpoint === scope.endpoint &&
      draft.thread === scope.thread &&
      draft.parentId === parentId
    );
  }

  async identity(): Promise<Identity | null> {
    return this.#parts ? loadIdentity(this.#parts.store) : null;
  }

  async rememberIdentity(remember: boolean, identity: Identity): Promise<void> {
    await (this.#parts && saveIdentity(this.#parts.store, remember ? identity : null));
  }

  listen(listener: DraftListener): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = null;
    };
  }

  #partsFor(store: KeyValueStore): StoreParts {
    this.#memoryOnly = store.memoryOnly;
    const drafts = new DraftStore(store, () => this.#listener);
    const stopListening = store.onMemoryOnly(() => {
      this.#memoryOnly = true;
      this.#listener?.memoryOnly();
      this.host.requestUpdate();
    });
    return {
      store,
      drafts,
      release: () => {
        drafts.dispose();
        stopListening?.();
      },
    };
  }

  #outboxFor(store: KeyValueStore, scope: OfflineScope): Outbox {
    return new Outbox({
      store,
      endpoint: scope.endpoint,
      backend: scope.backend,
      onChange: (entries) => {
        this.#outboxEntries = entries;
        this.#refreshEchoes();
      },
      onSettled: (settlement) => {
        // Its echo goes in the same render as the published, pending or restored comment comes.
        const clientId = settlement.entry.request.clientId;
        if (settlement.kind !== 'failed') {
          this.#outboxEntries = this.#outboxEntries.filter((entry) => entry.request.clientId !== clientId);
          this.#refreshEchoes();
        }
        this.onSettled(settlement);
      },
    });
  }

  #refreshEchoes(): void {
    const scope = this.#scope;
    if (!scope) return;
    const unsent = this.#outboxEntries.filter((entry) => entry.thread === scope.thread).map(echoOfEntry);
    this.#echoes = [...unsent, ...this.#pendingEchoes];
    this.host.requestUpdate();
  }

  readonly #replay = (): void => {
    this.host.requestUpdate();
    void this.#outbox?.replay();
  };

  /** Queued comments say "waiting for a connection" only while the browser is offline. */
  readonly #redraw = (): void => this.host.requestUpdate();

  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.#replay();
    else this.#rescue();
  };

  readonly #rescue = (): void => {
    this.#parts?.drafts.rescueUnwritten();
  };
}
