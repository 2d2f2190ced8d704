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
/** How long the scroll position is kept on the comment while sizes settle (frames, ~2 s). */
const MAX_FRAMES = 120;
/** Frames without movement after which the position counts as settled. */
const STILL_FRAMES = 5;
/** What a reader does to scroll for themselves: the element stops holding the position then. */
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * The comment the page URL links to (`#comment-<id>`): highlighted, loaded (a bounded number of
 * extra pages) and scrolled to, wherever the section is on the page. Off-screen comments have
 * estimated sizes (`content-visibility: auto`) that change as they come into view, and a page
 * may ask for smooth scrolling: so the jump is instant, and repeated each frame until the
 * comment stays put at the top, or the reader scrolls themselves.
 */
export class LinkTargetController implements ReactiveController {
  #targetId: string | null = null;
  #pages = 0;
  /** Counts jumps, so a newer jump, a disconnect or the reader's own scrolling ends an older one. */
  #jump = 0;
  #listening: AbortController | null = null;
  /** Listens for the reader's own scrolling while a jump holds the position. */
  #reader: AbortController | null = null;

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
    this.#stop();
  }

  /** Starts over: a new thread may need its own pages loaded to find the comment. */
  reset(): void {
    this.#pages = 0;
  }

  /** Scrolls to the linked comment when it is in the thread; else loads another page to look in. */
  async reveal(): Promise<void> {
    const id = this.#targetId;
    if (id === null) return;
    if (this.thread.has(id)) await this.#jumpTo(id);
    else if (this.thread.hasMore() && this.#pages < MAX_PAGES) {
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

  async #jumpTo(id: string): Promise<void> {
    const jump = ++this.#jump;
    const reader = (this.#reader = new AbortController());
    for (const type of READER_INPUT)
      addEventListener(type, this.#stop, { passive: true, signal: reader.signal });
    await this.host.updateComplete;
    let still = 0;
    for (let frame = 0; frame < MAX_FRAMES && still < STILL_FRAMES && jump === this.#jump; frame++) {
      const element = this.thread.find(id);
      if (!element) break;
      const before = element.getBoundingClientRect().top;
      // Instant, whatever the page's scroll-behavior: a smooth scroll aims at sizes that change under it.
      element.scrollIntoView({ block: 'start', behavior: 'instant' });
      still = element.getBoundingClientRect().top === before ? still + 1 : 0;
      await nextFrame();
    }
    if (jump === this.#jump) this.#stop();
  }

  readonly #stop = (): void => {
    this.#jump++;
    this.#reader?.abort();
  };
}
