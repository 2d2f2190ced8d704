import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { chunkBudget, chunkEnd } from '../model/chunks.js';
import { ONE_TASK } from '../model/next-task.js';
import type { ThreadNode } from '../model/tree.js';

/**
 * The first chunk of a big thread: about a screenful, as its task also parses the page and
 * builds the tree; later chunks are sized by how fast the first ones rendered. A thread of up
 * to ONE_TASK comments renders at once, which is sooner than in chunks: as many as a page read,
 * checked and rendered in one task (`next-task.ts`).
 */
const FIRST_CHUNK = 100;

/**
 * How many top-level conversations are rendered: a big thread grows by a chunk per animation
 * frame, so the page stays responsive while it fills in. The frame is cancelled on disconnect.
 * `filled()` says when the last chunk is in, for what must not compete with rendering.
 */
export class ChunkController implements ReactiveController {
  #shown = 0;
  #roots = 0;
  #frame = 0;
  /** Comments in the chunk being rendered, and when its update began (null when none is). */
  #chunk = 0;
  #began: number | null = null;
  #budget = FIRST_CHUNK;
  /** Called once every top-level node is rendered. */
  #onFilled: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The clock chunks are timed with (injected by tests). */
    private readonly now: () => number = () => performance.now(),
  ) {
    host.addController(this);
  }

  /** How many of the tree's top-level nodes to render now. */
  get shown(): number {
    return this.#shown;
  }

  /**
   * Resolves after the next update that leaves every top-level node rendered: call it with an
   * update pending (one that shows the thread), or it waits for the next update.
   */
  filled(): Promise<void> {
    return new Promise((resolve) => this.#onFilled.push(resolve));
  }

  /** Starts over (a new thread): the first chunk again. */
  reset(): void {
    this.#shown = 0;
    this.#budget = FIRST_CHUNK;
  }

  /**
   * Called before each render with the tree and its comment count; `all` renders every node at
   * once (a linked comment must be rendered to be scrolled to).
   */
  plan(tree: readonly ThreadNode[], comments: number, all: boolean): void {
    this.#roots = tree.length;
    if (all) this.#shown = tree.length;
    else if (this.#shown < tree.length && this.#frame === 0) {
      const budget = this.#shown === 0 && comments <= ONE_TASK ? ONE_TASK : this.#budget;
      const { end, comments: chunk } = chunkEnd(tree, this.#shown, budget);
      this.#chunk = chunk;
      this.#began = this.now();
      this.#shown = end;
    }
  }

  hostUpdated(): void {
    if (this.#began !== null) {
      this.#budget = chunkBudget(this.#chunk, this.now() - this.#began);
      this.#began = null;
    }
    if (this.#shown >= this.#roots) {
      for (const resolve of this.#onFilled.splice(0)) resolve();
      return;
    }
    if (this.#frame !== 0) return;
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
