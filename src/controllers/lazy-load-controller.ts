import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { commentIdOf } from '../model/comment-link.js';

/**
 * Most readers never scroll to the comments: this says when the section should load, which is
 * when it comes within a screen or so of the viewport, or at once when the URL links to a
 * comment (on arrival, or when the hash changes later).
 */
export class LazyLoadController implements ReactiveController {
  #near = false;
  #observer: IntersectionObserver | null = null;
  #listening: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** Called once, when the section first becomes near. */
    private readonly onNear: () => void,
  ) {
    host.addController(this);
  }

  /** Whether the section is, or has once been, near the viewport (or linked to). */
  get near(): boolean {
    return this.#near;
  }

  hostConnected(): void {
    if (this.#near) return;
    // Every browser that runs the element (constructable style sheets, static blocks) has
    // IntersectionObserver: it needs no test.
    if (commentIdOf(location.hash) !== null || this.#inReach()) {
      // Before the first update: the thread loads at once, with no callback needed.
      this.#near = true;
      return;
    }
    addEventListener('hashchange', this.#onHashChange, {
      signal: (this.#listening = new AbortController()).signal,
    });
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#becomeNear();
      },
      { rootMargin: '100% 0px' },
    );
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#stopWatching();
  }

  /** Within a screen of the viewport now: saves waiting a frame for the observer. */
  #inReach(): boolean {
    const box = this.host.getBoundingClientRect();
    return box.bottom > -innerHeight && box.top < innerHeight * 2 && (box.width > 0 || box.height > 0);
  }

  readonly #onHashChange = (): void => {
    if (commentIdOf(location.hash) !== null) this.#becomeNear();
  };

  #becomeNear(): void {
    this.#stopWatching();
    this.#near = true;
    this.onNear();
  }

  #stopWatching(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#listening?.abort();
  }
}
