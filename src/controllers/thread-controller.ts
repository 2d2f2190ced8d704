import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BackendError, type CommentsBackend } from '../backend/backend.js';
import { buildTree, type ThreadNode } from '../model/tree.js';
import type { Comment, SortOrder } from '../model/types.js';

/** Where the thread is in its life. */
export type ThreadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What to load: changing any of it starts over. */
export interface ThreadQuery {
  backend: CommentsBackend;
  thread: string;
  pageSize: number;
  sort: SortOrder;
}

/**
 * Loads a thread page by page and keeps the comments the reader added. Results of a query
 * that has since been replaced are dropped, so a slow first answer never overwrites a newer one.
 */
export class ThreadController implements ReactiveController {
  status: ThreadStatus = 'idle';
  error: BackendError | null = null;
  /** The error of the last "load more", shown beside its button. */
  moreError: BackendError | null = null;
  loadingMore = false;
  comments: Comment[] = [];
  total = 0;
  nextCursor: string | null = null;
  skipped = 0;

  #query: ThreadQuery | null = null;
  /** The request in flight, aborted when the query changes or the element leaves the page. */
  #request: AbortController | null = null;
  #ids = new Set<string>();
  #treeCache: { comments: readonly Comment[]; maxDepth: number; sort: SortOrder; tree: ThreadNode[] } | null =
    null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onPage: (query: ThreadQuery) => void,
    private readonly onError: (error: BackendError) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // A first page interrupted by a move in the DOM is loaded again.
    if (this.status === 'idle' && this.#query !== null) void this.load(this.#query);
  }

  hostDisconnected(): void {
    if (this.#request === null) return;
    this.#request.abort();
    this.#request = null;
    if (this.status === 'loading') this.status = 'idle';
    this.loadingMore = false;
  }

  /** Starts over with a new query. */
  async load(query: ThreadQuery): Promise<void> {
    this.#request?.abort();
    this.#query = query;
    this.status = 'loading';
    this.error = this.moreError = null;
    this.loadingMore = false;
    this.comments = [];
    this.#ids.clear();
    this.total = this.skipped = 0;
    this.nextCursor = null;
    this.host.requestUpdate();
    await this.#fetchPage(query, null);
  }

  /** Appends the next page, if there is one. */
  async loadMore(): Promise<void> {
    const query = this.#query;
    if (query === null || this.nextCursor === null || this.loadingMore || this.status !== 'ready') return;
    this.loadingMore = true;
    this.moreError = null;
    this.host.requestUpdate();
    await this.#fetchPage(query, this.nextCursor);
  }

  /** Loads again after an error, where it stopped. */
  retry(): Promise<void> {
    if (this.#query === null) return Promise.resolve();
    return this.status === 'error' ? this.load(this.#query) : this.loadMore();
  }

  /** Shows a comment the reader just sent (published or pending) without reloading. */
  add(comment: Comment): void {
    if (this.#ids.has(comment.id)) return;
    this.#ids.add(comment.id);
    this.comments = [...this.comments, comment];
    if (comment.status === 'published') this.total++;
    this.host.requestUpdate();
  }

  /** The reply tree of `comments` (these and the reader's own), rebuilt only when they or the layout change. */
  tree(comments: readonly Comment[], maxDepth: number, sort: SortOrder): ThreadNode[] {
    const cache = this.#treeCache;
    if (cache && cache.comments === comments && cache.maxDepth === maxDepth && cache.sort === sort)
      return cache.tree;
    const tree = buildTree(comments, maxDepth, sort);
    this.#treeCache = { comments, maxDepth, sort, tree };
    return tree;
  }

  async #fetchPage(query: ThreadQuery, cursor: string | null): Promise<void> {
    const first = cursor === null;
    const request = (this.#request = new AbortController());
    const signal = request.signal;
    try {
      const page = await query.backend.loadPage(
        query.thread,
        { limit: query.pageSize, cursor, sort: query.sort },
        signal,
      );
      if (signal.aborted) return;
      const fresh = page.comments.filter((comment) => !this.#ids.has(comment.id));
      for (const comment of fresh) this.#ids.add(comment.id);
      this.comments = [...this.comments, ...fresh];
      if (first) this.total = page.total;
      this.skipped += page.skipped;
      // A cursor that does not move would loop "load more" forever.
      this.nextCursor = page.nextCursor !== cursor ? page.nextCursor : null;
      this.status = 'ready';
      this.loadingMore = false;
      this.onPage(query);
    } catch (error) {
      if (signal.aborted) return;
      const failure =
        error instanceof BackendError
          ? error
          : new BackendError('invalid-response', 'The comments could not be read.');
      if (first) {
        this.status = 'error';
        this.error = failure;
      } else {
        this.moreError = failure;
      }
      this.onError(failure);
    } finally {
      if (!signal.aborted) {
        this.#request = null;
        this.loadingMore = false;
        this.host.requestUpdate();
      }
    }
  }
}
