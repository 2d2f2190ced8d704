import type { ReactiveController } from 'lit';
import type { BackendError } from '../backend/backend.js';
import type { CommentAction, CommentViewOptions } from '../components/comment-view.js';
import type { describeError } from '../i18n/error-text.js';
import type { Messages } from '../i18n/messages.js';
import type { Comment } from '../model/types.js';
import type { KeyValueStore } from '../offline/storage.js';
import type { ApiBase, Writing, WritingParts } from '../write/writing.js';
import type { OfflineScope } from './offline-controller.js';
import type { ReplyHost } from './reply-controller.js';

/**
 * The writing side (reply form, drafts, outbox, echoes), downloaded apart from the thread so a
 * reader sees the comments sooner. It is fetched as soon as the first page is all in the DOM
 * (never while its comments are still being added: it would compete with them), or failed to
 * load (an offline reader still sees and can edit their unsent comments), so it is on the
 * device before the reader can reach for it, even if the connection drops right after. A
 * section far from the viewport fetches it once the page is idle: the outbox must still send
 * what an earlier visit queued, though the reader never scrolls to the comments.
 * Until it is here, the section shows the thread alone and remembers what to hand on.
 */
export class WriteController implements ReactiveController {
  // Each is undefined until it is known.
  #writing?: Writing;
  #describe?: typeof describeError;
  #loading?: Promise<Writing>;
  #scope?: [KeyValueStore | null, OfflineScope];
  #base?: ApiBase;
  #published?: ReadonlySet<string>;
  #listening?: AbortController;

  constructor(
    private readonly host: ReplyHost,
    private readonly parts: WritingParts,
  ) {
    host.addController(this);
  }

  /** The reader's own comments on their way or awaiting moderation (none until loaded). */
  get echoes(): readonly Comment[] {
    return this.#writing?.echoes ?? [];
  }

  /** Edit and Delete on the reader's own comments (none until loaded). */
  get mine(): CommentViewOptions['mine'] {
    return this.#writing?.mine();
  }

  /** The node of a conversation the writing side makes live (none until loaded). */
  get live(): CommentViewOptions['live'] {
    return this.#writing?.conversation;
  }

  /** The comment the reply form is under; null when under the thread (or not loaded). */
  get target(): string | null {
    return this.#writing?.reply.target ?? null;
  }

  /** The note near the top about a restored reply draft out of sight, or null. */
  get notice(): HTMLElement | null {
    return this.#writing?.notice.node() ?? null;
  }

  /** The reply form, or null until it is loaded. */
  get composer(): HTMLElement | null {
    return this.#writing?.reply.composer ?? null;
  }

  hostConnected(): void {
    // A download that failed offline is tried again when the connection returns.
    addEventListener('online', () => this.#scope && void this.load(), {
      signal: (this.#listening = new AbortController()).signal,
    });
  }

  hostDisconnected(): void {
    this.#listening?.abort();
  }

  /** Fetches the writing side (once); resolves when it is running. */
  load(): Promise<Writing> {
    this.#loading ??= import('../write/writing.js').then(
      ({ startWriting, describeError }) => {
        this.#describe = describeError;
        const writing = (this.#writing = startWriting(this.host, this.parts));
        if (this.#scope) writing.configure(...this.#scope);
        if (this.#base) writing.provide(this.#base);
        if (this.#published) void writing.offline.syncPending(this.#published);
        this.host.requestUpdate();
        return writing;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** Loads it when the page has nothing better to do. */
  loadWhenIdle(): void {
    const later = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1000));
    later(() => this.prefetch());
  }

  /** Loads it, ignoring a failed download (tried again on the next call or `online`). */
  prefetch(): void {
    void this.load().catch(() => {});
  }

  /** Points drafts and the outbox at a store (the shared one when null) and a thread. */
  configure(store: KeyValueStore | null, scope: OfflineScope): void {
    this.#scope = [store, scope];
    this.#writing?.configure(store, scope);
  }

  /** What the reply form needs from the section. */
  provide(base: ApiBase): void {
    this.#base = base;
    this.#writing?.provide(base);
  }

  /** The server's comments are known: pending echoes it has published are dropped. */
  syncPending(published: ReadonlySet<string>): void {
    this.#published = published;
    void this.#writing?.offline.syncPending(published);
  }

  /**
   * A failed load in the reader's words: the wording comes with the writing side, which a failed
   * load fetches at once; until it is here, only "could not be loaded" is said.
   */
  describeLoadError(error: BackendError, m: Messages, endpoint: string): string {
    return this.#describe?.(error, m, endpoint, true) ?? '';
  }

  /** Reply, Retry or Edit on a comment, or the reader's own Edit and Delete; Reply may come before the form is here. */
  act(action: Exclude<CommentAction, 'expand'>, id: string, clientId: string): void {
    const writing = this.#writing;
    if (!writing)
      return void this.load().then(
        () => this.act(action, id, clientId),
        () => {},
      );
    if (action === 'reply') writing.reply.open(id);
    else if (action === 'retry') void writing.offline.retry(clientId);
    else if (action === 'edit') void writing.reply.edit(clientId);
    else void writing.reply.act(action, id);
  }
}
