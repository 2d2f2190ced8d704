import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { chunkEnd } from '../model/chunks.js';
import type { ThreadNode } from '../model/tree.js';

/**
 * Comments rendered per frame in a big thread: about 500 keep each task well under 200 ms here;
 * the first chunk is smaller, as its task also parses the page and builds the tree. A thread of
 * up to ONE_GO comments renders at once, which is sooner than in chunks.
 */
const RENDER_CHUNK = 500;
const FIRST_CHUNK = 250;
const ONE_GO = 1200;

/**
 * How many top-level conversations are rendered: a big thread grows by a chunk per animation
 * frame, so the page stays responsive while it fills in. The frame is cancelled on disconnect.
 */
export class ChunkController implements ReactiveController {
  #shown = 0;
  #roots = 0;
  #frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** How many of the tree's top-level nodes to render now. */
  get shown(): number {
    return this.#shown;
  }

  /** Starts over (a new thread): the first chunk again. */
  reset(): void {
    this.#shown = 0;
  }

  /**
   * Called before each render with the tree and its comment count; `all` renders every node at
   * once (a linked comment must be rendered to be scrolled to).
   */
  plan(tree: readonly ThreadNode[], comments: number, all: boolean): void {
    this.#roots = tree.length;
    if (all) this.#shown = tree.length;
    else if (this.#shown < tree.length && this.#frame === 0) {
      const first = this.#shown === 0;
      const budget = !first ? RENDER_CHUNK : comments <= ONE_GO ? ONE_GO : FIRST_CHUNK;
      this.#shown = chunkEnd(tree, this.#shown, budget);
    }
  }

  hostUpdated(): void {
    if (this.#shown >= this.#roots || this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {
    // Back in the page after a move: carry on filling in.
    if (this.#shown < this.#roots) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }
}
