import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BackendError } from '../backend/backend.js';
import type { ThreadQuery } from '../backend/resolve.js';
import { sliceFor } from '../model/next-task.js';
import type { Comment, Offers, ThreadPage } from '../model/types.js';
import type { KeptPage } from '../offline/kept-thread.js';

export type { ThreadQuery } from '../backend/resolve.js';

/** Where the thread is in its life. */
export type ThreadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Where the first page a reader has seen is kept between visits. */
export interface ThreadKeeping {
  /** The ETag of the page kept for this query, known at once (the page itself may be missing). */
  tag(query: ThreadQuery): string | null;
  /** The page kept for this query, or null; never rejects. */
  read(query: ThreadQuery): Promise<KeptPage | null>;
  /** Keeps the first page, now known current, for the next visit (in the background). */
  keep(query: ThreadQuery, page: ThreadPage): void;
}

/** What a server that says nothing of them offers. */
const NO_OFFERS: Offers = { notify: false };

/**
 * Loads a thread page by page and keeps the comments the reader added. Its state is read-only
 * outside (as Lit's `Task` exposes its own). Results of a query that has since been replaced are
 * dropped, so a slow first answer never overwrites a newer one.
 *
 * With `keeping`, the first page is kept on the device: the next visit asks the server at once
 * (with the kept ETag) while the kept page is read, shows that page if it comes first, refreshes
 * it in place, and shows it as of when it was kept while the server cannot be reached. A thread
 * that failed, or shows a kept page, loads by itself on `online`.
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
  #offers = NO_OFFERS;
  /** The page kept from an earlier visit, once read; until the server's own replaces it. */
  #kept: KeptPage | null = null;
  /**
   * Its reading, which the first request never waits for (only a 304 or a failure does);
   * undefined without keeping, which awaits as no page.
   */
  #reading?: Promise<KeptPage | null>;
  /** The ETag the first page is asked with: the index's, then the shown kept page's own. */
  #tag: string | null = null;
  /** Whether the server sent the first page: a kept one read later is not shown before it. */
  #answered = false;
  /** When the page shown was kept, while it is shown because refreshing it failed. */
  #asOf: number | null = null;
  /** The comments the reader added, shown until the server lists them. */
  #added: Comment[] = [];

  #query: ThreadQuery | null = null;
  /** The request in flight, aborted when the query changes or the element leaves the page. */
  #request: AbortController | null = null;
  #ids = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /**
     * A page is shown: `fresh` when the server sent it (or said the kept one is current); not
     * fresh for a kept page, first as it shows, again if the server cannot be reached.
     */
    private readonly onPage: (query: ThreadQuery, fresh: boolean) => void,
    private readonly onError: (error: BackendError) => void,
    private readonly keeping: ThreadKeeping | null = null,
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
  /** When the page shown was kept, if it is shown because the server could not be reached. */
  get shownAsOf(): number | null {
    return this.#asOf;
  }

  hostConnected(): void {
    addEventListener('online', this.#onOnline);
    // A first page interrupted by a move in the DOM is loaded again.
    if (this.#status === 'idle' && this.#query !== null) void this.load(this.#query);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#onOnline);
    if (this.#request === null) return;
    this.#request.abort();
    this.#request = null;
    // A first page (the kept one's refresh too) is loaded again when the host comes back.
    if (!this.#loadingMore) this.#status = 'idle';
    this.#loadingMore = false;
  }

  /** The connection is back: the first page is loaded again if it failed or is a kept one. */
  readonly #onOnline = (): void => {
    // A kept page shown, or an error, means a query was loaded.
    if (!this.#request && (this.#asOf !== null || this.#status === 'error'))
      void this.#fetchPage(this.#query!, null);
  };

  /** Starts over with a new query: the kept first page at once, if any, then the server's. */
  async load(query: ThreadQuery): Promise<void> {
    this.#request?.abort();
    const signal = (this.#request = new AbortController()).signal;
    this.#query = query;
    this.#status = 'loading';
    this.#error = this.#moreError = this.#asOf = null;
    this.#loadingMore = false;
    this.#comments = this.#added = [];
    this.#ids.clear();
    this.#total = this.#skipped = 0;
    this.#nextCursor = null;
    this.host.requestUpdate();
    const keeping = this.keeping;
    this.#kept = null;
    this.#answered = false;
    this.#tag = keeping?.tag(query) ?? null;
    // The request goes out first (opening IndexedDB costs the task a few ms); the kept page is
    // read alongside, and shows if it is read before the answer.
    const fetching = this.#fetchPage(query, null, signal);
    this.#reading = keeping?.read(query).then((kept) => {
      if (signal.aborted) return null;
      if (kept && !this.#answered) {
        this.#kept = kept;
        this.#tag = kept.page.etag ?? null;
        this.#append(kept.page, null);
        this.host.requestUpdate();
        this.onPage(query, false);
      }
      return kept;
    });
    await fetching;
  }

  /** Appends the next page, if there is one. */
  async loadMore(): Promise<void> {
    // Not while the first page is being refreshed: its answer replaces what is shown. A page
    // ready means a query was loaded.
    if (this.#nextCursor === null || this.#request || this.#status !== 'ready') return;
    this.#loadingMore = true;
    this.#moreError = null;
    this.host.requestUpdate();
    await this.#fetchPage(this.#query!, this.#nextCursor);
  }

  /** Loads again after an error, where it stopped. */
  retry(): Promise<void> {
    // Only a loaded query fails; "load more" does nothing without one.
    return this.#status === 'error' ? this.load(this.#query!) : this.loadMore();
  }

  /** Shows a comment the reader just sent (published or pending) without reloading. */
  add(comment: Comment): void {
    if (this.#ids.has(comment.id)) return;
    this.#ids.add(comment.id);
    this.#added = [...this.#added, comment];
    this.#comments = [...this.#comments, comment];
    if (comment.status === 'published') this.#total++;
    this.host.requestUpdate();
  }

  /** Loads a page; the first one with the kept ETag. `signal` is the load's, which `load` made. */
  async #fetchPage(
    query: ThreadQuery,
    cursor: string | null,
    signal = (this.#request = new AbortController()).signal,
  ): Promise<void> {
    const first = cursor === null;
    const etag = first ? this.#tag : null;
    const ask = (etag: string | null) =>
      query.backend.loadPage(
        query.thread,
        { limit: query.pageSize, cursor, sort: query.sort, etag: etag ?? undefined },
        signal,
      );
    let failed = false;
    try {
      let page = await ask(etag);
      this.#answered ||= first && page !== null;
      if (page === null) {
        // 304: the page kept with that ETag is current, once read; missing or another version
        // (the index is only a hint), the page is asked for again, plainly.
        // Read after the request went out (by `load`); a newer load's is never used: aborted.
        const kept = await this.#reading;
        // Plainly asked, a page always comes (or a failure): null would fail as unreadable below.
        page = kept && etag !== null && kept.page.etag === etag ? kept.page : (await ask(null))!;
      }
      // The render that follows (the tree built, the first comments drawn) of a big page gets a
      // task of its own, apart from the one that checked the page.
      await sliceFor(page.comments.length);
      if (signal.aborted) return;
      // A 304 for the kept page shown: what is shown is current, and not built again.
      if (page !== this.#kept?.page) this.#append(page, cursor);
      if (first) {
        this.#asOf = null;
        this.keeping?.keep(query, page);
      }
    } catch (error) {
      // Unreachable: the kept page is what is shown, once read.
      if (first) await this.#reading;
      if (signal.aborted) return;
      failed = true;
      this.#fail(error, first);
    } finally {
      if (!signal.aborted) {
        this.#request = null;
        this.#loadingMore = false;
        this.host.requestUpdate();
      }
    }
    // After the update is requested, so the host's `updateComplete` includes this page. A kept
    // first page the server could not refresh is told again: it is what the reader gets now.
    if (!signal.aborted && (!failed || (first && this.#asOf !== null))) this.onPage(query, !failed);
  }

  #append(page: ThreadPage, cursor: string | null): void {
    const first = cursor === null;
    // A first page replaces what is shown (the kept one), in place: the reader's own
    // comments it does not list yet stay after it.
    if (first) this.#ids.clear();
    const fresh = [...page.comments, ...(first ? this.#added : [])].filter(
      (comment) => !this.#ids.has(comment.id) && !!this.#ids.add(comment.id),
    );
    this.#comments = first ? fresh : [...this.#comments, ...fresh];
    if (first) {
      this.#total = page.total;
      this.#offers = page.offers ?? NO_OFFERS;
      this.#skipped = 0;
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
    if (!first) this.#moreError = failure;
    // The kept page stays, said to be as of when it was kept.
    else if (this.#kept) this.#asOf = this.#kept.savedAt;
    else {
      this.#status = 'error';
      this.#error = failure;
    }
    this.onError(failure);
  }
}
