import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BackendError } from '../backend/backend.js';
import type { ThreadQuery } from '../backend/resolve.js';
import type { Comment, Offers, ThreadPage } from '../model/types.js';

export type { ThreadQuery } from '../backend/resolve.js';

/** Where the thread is in its life. */
export type ThreadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a thread page by page and keeps the comments the reader added. Its state is read-only
 * outside (as Lit's `Task` exposes its own). Results of a query that has since been replaced are
 * dropped, so a slow first answer never overwrites a newer one.
 */
export class ThreadController implements ReactiveController {
  #status: ThreadStatus = 'idle';
  #error: BackendError | null = null;
  #moreError: BackendError | null = null;
  #loadingMore = false;
  #comments: Comment[] = [];
  #total = 0;
  #nextCursor: string | null = null;
  #skipped = 0;
  #offers: Offers = { notify: false };

  #query: ThreadQuery | null = null;
  /** The request in flight, aborted when the query changes or the element leaves the page. */
  #request: AbortController | null = null;
  #ids = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onPage: (query: ThreadQuery) => void,
    private readonly onError: (error: BackendError) => void,
  ) {
    host.addController(this);
  }

  /** Where the first page is. */
  get status(): ThreadStatus {
    return this.#status;
  }
  /** Why the first page failed. */
  get error(): BackendError | null {
    return this.#error;
  }
  /** The error of the last "load more", shown beside its button. */
  get moreError(): BackendError | null {
    return this.#moreError;
  }
  get loadingMore(): boolean {
    return this.#loadingMore;
  }
  /** The comments loaded so far (all pages) and those the reader added; replaced, never mutated. */
  get comments(): readonly Comment[] {
    return this.#comments;
  }
  /** The server's count of published comments. */
  get total(): number {
    return this.#total;
  }
  /** Where the next page starts; null when there is none. */
  get nextCursor(): string | null {
    return this.#nextCursor;
  }
  /** What the server offers beyond contract v1, as its first page said. */
  get offers(): Offers {
    return this.#offers;
  }
  /** Entries of the answers that were not valid comments. */
  get skipped(): number {
    return this.#skipped;
  }

  hostConnected(): void {
    // A first page interrupted by a move in the DOM is loaded again.
    if (this.#status === 'idle' && this.#query !== null) void this.load(this.#query);
  }

  hostDisconnected(): void {
    if (this.#request === null) return;
    this.#request.abort();
    this.#request = null;
    if (this.#status === 'loading') this.#status = 'idle';
    this.#loadingMore = false;
  }

  /** Starts over with a new query. */
  async load(query: ThreadQuery): Promise<void> {
    this.#request?.abort();
    this.#query = query;
    this.#status = 'loading';
    this.#error = this.#moreError = null;
    this.#loadingMore = false;
    this.#comments = [];
    this.#ids.clear();
    this.#total = this.#skipped = 0;
    this.#nextCursor = null;
    this.host.requestUpdate();
    await this.#fetchPage(query, null);
  }

  /** Appends the next page, if there is one. */
  async loadMore(): Promise<void> {
    const query = this.#query;
    if (query === null || this.#nextCursor === null || this.#loadingMore || this.#status !== 'ready') return;
    this.#loadingMore = true;
    this.#moreError = null;
    this.host.requestUpdate();
    await this.#fetchPage(query, this.#nextCursor);
  }

  /** Loads again after an error, where it stopped. */
  retry(): Promise<void> {
    if (this.#query === null) return Promise.resolve();
    return this.#status === 'error' ? this.load(this.#query) : this.loadMore();
  }

  /** Shows a comment the reader just sent (published or pending) without reloading. */
  add(comment: Comment): void {
    if (this.#ids.has(comment.id)) return;
    this.#ids.add(comment.id);
    this.#comments = [...this.#comments, comment];
    if (comment.status === 'published') this.#total++;
    this.host.requestUpdate();
  }

  async #fetchPage(query: ThreadQuery, cursor: string | null): Promise<void> {
    const request = (this.#request = new AbortController());
    const signal = request.signal;
    try {
      const page = await query.backend.loadPage(
        query.thread,
        { limit: query.pageSize, cursor, sort: query.sort },
        signal,
      );
      if (signal.aborted) return;
      this.#append(page, cursor);
    } catch (error) {
      if (signal.aborted) return;
      this.#fail(error, cursor === null);
    } finally {
      if (!signal.aborted) {
        this.#request = null;
        this.#loadingMore = false;
        this.host.requestUpdate();
      }
    }
    // After the update is requested, so the host's `updateComplete` includes this page.
    if (!signal.aborted && this.#status === 'ready' && this.#moreError === null) this.onPage(query);
  }

  #append(page: ThreadPage, cursor: string | null): void {
    const fresh = page.comments.filter((comment) => !this.#ids.has(comment.id));
    for (const comment of fresh) this.#ids.add(comment.id);
    this.#comments = [...this.#comments, ...fresh];
    if (cursor === null) {
      this.#total = page.total;
      this.#offers = page.offers ?? { notify: false };
    }
    this.#skipped += page.skipped;
    // A cursor that does not move would loop "load more" forever.
    this.#nextCursor = page.nextCursor !== cursor ? page.nextCursor : null;
    this.#status = 'ready';
  }

  #fail(error: unknown, first: boolean): void {
    const failure =
      error instanceof BackendError
        ? error
        : new BackendError('invalid-response', 'The comments could not be read.');
    if (first) {
      this.#status = 'error';
      this.#error = failure;
    } else {
      this.#moreError = failure;
    }
    this.onError(failure);
  }
}
