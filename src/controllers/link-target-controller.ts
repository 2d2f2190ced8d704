import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { commentIdOf } from '../model/comment-link.js';

/** What the link target needs of the thread. */
export interface LinkTargetThread {
  /** Whether the comment is in the thread (and so rendered by the next update). */
  has(id: string): boolean;
  /** Whether another page can be loaded. */
  hasMore(): boolean;
  loadMore(): Promise<void>;
  /** The rendered comment, once it is. */
  find(id: string): HTMLElement | null;
}

/** How many extra pages a `#comment-<id>` link may load to find its comment. */
const MAX_PAGES = 20;

/**
 * The comment the page URL links to (`#comment-<id>`): highlighted, loaded (a bounded number of
 * extra pages) and scrolled to, wherever the section is on the page. The scrolling is loaded
 * only when there is a comment to scroll to (`comment-scroll.ts`): most pages link to none.
 */
export class LinkTargetController implements ReactiveController {
  #targetId: string | null = null;
  #pages = 0;
  #listening: AbortController | null = null;
  /** The jump holding the position; aborting it ends it. */
  #jump: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly thread: LinkTargetThread,
  ) {
    host.addController(this);
  }

  /** The id of the linked comment, or null. */
  get targetId(): string | null {
    return this.#targetId;
  }

  hostConnected(): void {
    this.#targetId = commentIdOf(location.hash);
    addEventListener('hashchange', this.#onHashChange, {
      signal: (this.#listening = new AbortController()).signal,
    });
  }

  hostDisconnected(): void {
    this.#listening?.abort();
    this.#jump?.abort();
  }

  /** Starts over: a new thread may need its own pages loaded to find the comment. */
  reset(): void {
    this.#pages = 0;
  }

  /** Scrolls to the linked comment when it is in the thread; else loads another page to look in. */
  async reveal(): Promise<void> {
    const id = this.#targetId;
    if (id === null) return;
    if (this.thread.has(id)) {
      this.#jump?.abort();
      const jump = (this.#jump = new AbortController());
      const find = () => this.thread.find(id);
      await import('./comment-scroll.js').then(
        ({ scrollToComment }) => scrollToComment(find, this.host.updateComplete, jump),
        // Offline before the scrolling code came: one plain jump still finds the comment.
        () => find()?.scrollIntoView(),
      );
    } else if (this.thread.hasMore() && this.#pages < MAX_PAGES) {
      this.#pages++;
      await this.thread.loadMore();
    }
  }

  readonly #onHashChange = (): void => {
    this.#targetId = commentIdOf(location.hash);
    this.#pages = 0;
    this.host.requestUpdate();
    void this.reveal();
  };
}
