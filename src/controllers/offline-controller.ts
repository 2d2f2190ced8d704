import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentsBackend } from '../backend/backend.js';
import { safeHttpUrl } from '../model/parse.js';
import type { Comment, CommentFields, NewComment } from '../model/types.js';
import { DraftStore, type Draft, type RemoteDraftChange } from '../offline/drafts.js';
import { PendingEchoes } from '../offline/echoes.js';
import { IdentityStore, type Identity } from '../offline/identity.js';
import { Outbox, type OutboxEntry, type Settlement } from '../offline/outbox.js';
import type { KeyValueStore } from '../offline/storage.js';

const DAY_MS = 24 * 60 * 60_000;

/** Which thread of which backend the offline state belongs to. */
export interface OfflineScope {
  /** The endpoint, or another stable name for a custom backend. */
  endpoint: string;
  thread: string;
  backend: CommentsBackend;
}

/** What the element hears from the offline layer. */
export interface OfflineEvents {
  settled(settlement: Settlement): void;
  draftSaved(draft: Draft): void;
  remoteDraft(change: RemoteDraftChange): void;
  storageFailed(): void;
}

/** A unique id for this tab, so drafts can tell their own writes from another tab's. */
const TAB_ID = Math.random().toString(36).slice(2);

/**
 * Drafts, the outbox, pending echoes and the remembered identity for one element, and the page
 * events that drive them: replay on load, on `online` and when the tab becomes visible; rescue
 * unwritten drafts on `pagehide` and when the tab is hidden.
 */
export class OfflineController implements ReactiveController {
  /** The reader's own comments on their way or awaiting moderation, for this thread. */
  echoes: Comment[] = [];
  /** When the drafts are not on the device but only in this window. */
  memoryOnly = false;

  #store: KeyValueStore | null = null;
  #drafts: DraftStore | null = null;
  #pending: PendingEchoes | null = null;
  #identityStore: IdentityStore | null = null;
  #outbox: Outbox | null = null;
  #scope: OfflineScope | null = null;
  #outboxEntries: OutboxEntry[] = [];
  #pendingEchoes: Comment[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly events: OfflineEvents,
    /** Days after which drafts and pending echoes are dropped. */
    private readonly ages: () => { draftDays: number; pendingDays: number },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the DOM (a theme's tabs, a framework): pick up where it was.
    if (this.#store && this.#scope && !this.#outbox) this.configure(this.#store, this.#scope);
    window.addEventListener('online', this.#replay);
    window.addEventListener('offline', this.#redraw);
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('pagehide', this.#rescue);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#replay);
    window.removeEventListener('offline', this.#redraw);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('pagehide', this.#rescue);
    this.#rescue();
    this.#outbox?.dispose();
    this.#outbox = null;
  }

  /** Points the controller at a store and a thread; starts sending what waits in the outbox. */
  configure(store: KeyValueStore, scope: OfflineScope): void {
    if (store !== this.#store) {
      this.#store = store;
      this.memoryOnly = store.memoryOnly;
      store.onMemoryOnly(() => {
        this.memoryOnly = true;
        this.events.storageFailed();
        this.host.requestUpdate();
      });
      this.#drafts = new DraftStore(store, (draft) => this.events.draftSaved(draft));
      this.#drafts.onRemoteChange((change) => this.events.remoteDraft(change));
      this.#pending = new PendingEchoes(store);
      this.#identityStore = new IdentityStore(store);
      this.#outbox?.dispose();
      this.#outbox = null;
    }
    const same =
      this.#scope && this.#scope.endpoint === scope.endpoint && this.#scope.backend === scope.backend;
    this.#scope = scope;
    if (!same || !this.#outbox) {
      this.#outbox?.dispose();
      this.#outbox = new Outbox({
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
          this.events.settled(settlement);
        },
      });
    }
    void this.#outbox.list().then((entries) => {
      this.#outboxEntries = entries;
      this.#refreshEchoes();
    });
    void this.#drafts!.prune(this.ages().draftDays * DAY_MS);
    void this.#outbox.replay();
  }

  /** Reads the pending echoes again, dropping those the server has now published. */
  async syncPending(publishedIds: ReadonlySet<string>): Promise<void> {
    const scope = this.#scope;
    if (!scope || !this.#pending) return;
    this.#pendingEchoes = await this.#pending.forThread(
      scope.endpoint,
      scope.thread,
      publishedIds,
      this.ages().pendingDays * DAY_MS,
    );
    this.#refreshEchoes();
  }

  /** Queues a comment; resolves once it is stored (on the device, or in memory). */
  async send(request: NewComment): Promise<OutboxEntry> {
    const scope = this.#requireScope();
    const entry = await this.#outbox!.enqueue(scope.thread, request);
    await this.#drafts!.delete(scope.endpoint, scope.thread, request.parentId);
    return entry;
  }

  /** Sends a failed comment again. */
  retry(clientId: string): Promise<void> {
    return this.#outbox?.retry(clientId) ?? Promise.resolve();
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
   * endpoint and thread: the answer may come after the element left the page.
   */
  async addPending(entry: OutboxEntry, comment: Comment): Promise<void> {
    const scope = this.#scope;
    if (scope && scope.endpoint === entry.endpoint && scope.thread === entry.thread)
      this.showPending(comment);
    await this.#pending?.add(entry.endpoint, entry.thread, comment);
  }

  /** The thread's drafts, newest first. */
  draftsForThread(): Promise<Draft[]> {
    const scope = this.#scope;
    return scope && this.#drafts ? this.#drafts.forThread(scope.endpoint, scope.thread) : Promise.resolve([]);
  }

  /** The draft for one parent, if any. */
  draftFor(parentId: string | null): Promise<Draft | undefined> {
    const scope = this.#scope;
    return scope && this.#drafts
      ? this.#drafts.get(scope.endpoint, scope.thread, parentId)
      : Promise.resolve(undefined);
  }

  /** Saves what the reader typed under `parentId` (every keystroke; writes are coalesced). */
  saveDraft(parentId: string | null, fields: CommentFields): Promise<void> {
    const scope = this.#scope;
    if (!scope || !this.#drafts) return Promise.resolve();
    return this.#drafts.save({
      endpoint: scope.endpoint,
      thread: scope.thread,
      parentId,
      fields,
      savedAt: Date.now(),
      tab: TAB_ID,
    });
  }

  /** Whether a draft change came from this tab. */
  isOwn(draft: Draft): boolean {
    return draft.tab === TAB_ID;
  }

  /** The key a draft of this thread would have; for matching remote changes. */
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

  /** The remembered name, email and website, or null. */
  identity(): Promise<Identity | null> {
    return this.#identityStore?.load() ?? Promise.resolve(null);
  }

  /** Remembers or forgets the reader's details. */
  rememberIdentity(remember: boolean, identity: Identity): Promise<void> {
    if (!this.#identityStore) return Promise.resolve();
    return remember ? this.#identityStore.save(identity) : this.#identityStore.forget();
  }

  #requireScope(): OfflineScope {
    if (!this.#scope || !this.#outbox || !this.#drafts || !this.#pending)
      throw new Error('The comments section is not configured.');
    return this.#scope;
  }

  #refreshEchoes(): void {
    const scope = this.#scope;
    if (!scope) return;
    const unsent = this.#outboxEntries.filter((entry) => entry.thread === scope.thread).map(echoOf);
    this.echoes = [...unsent, ...this.#pendingEchoes];
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
    this.#drafts?.rescueUnwritten();
  };
}

/** How an unsent comment shows in the thread. */
function echoOf(entry: OutboxEntry): Comment {
  return {
    id: `local-${entry.request.clientId}`,
    parentId: entry.request.parentId,
    author: { name: entry.request.author.name, url: safeHttpUrl(entry.request.author.url) },
    body: entry.request.body,
    createdAt: new Date(entry.queuedAt).toISOString(),
    status: 'pending',
    delivery: { state: entry.state, clientId: entry.request.clientId, error: entry.error },
  };
}
