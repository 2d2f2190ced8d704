import type { BackendError } from '../backend/backend.js';
import type { ThreadController } from '../controllers/thread-controller.js';
import type { ThreadNode } from '../model/tree.js';
import { element } from './comment-article.js';
import { conversations, type CommentViewOptions } from './comment-view.js';
import { placeNodes, say } from './place-nodes.js';

/** What showing the thread's states needs, besides what each comment needs. */
export interface ThreadParts extends CommentViewOptions {
  thread: ThreadController;
  /** The top-level nodes to show now (a big thread fills in a chunk per frame). */
  tree: readonly ThreadNode[];
  /** What is wrong with the configuration, in words; null when nothing is. */
  configError: string | null;
  /** A failed load in the reader's words. */
  describe: (error: BackendError) => string;
}

const STATE = { class: 'state', part: 'state' };
const ALERT = { class: 'state error', part: 'state', role: 'alert' };

/**
 * The thread, or its loading, empty, error or misconfigured state, and "Load more", as plain
 * DOM: each element is made once, when first needed, and then only its text and attributes
 * change, so what the reader is on (focus, a selection, the form under a comment) stays.
 * The buttons carry `data-action` ("reload", "more"), handled by the section's one listener.
 */
export class ThreadStates {
  readonly #list = element('ol', { class: 'thread', part: 'thread' });
  // Each element is made the first time it shows (fields, not keys of a map: the minifier
  // shortens their names).
  #config?: HTMLElement;
  #loading?: HTMLElement;
  #failed?: HTMLElement;
  #skippedAll?: HTMLElement;
  #empty?: HTMLElement;
  #skipped?: HTMLElement;
  #moreButton?: HTMLElement;
  #moreRow?: HTMLElement;
  #moreError?: HTMLElement;

  /** The section's nodes for the thread as it is now, in order. */
  nodes(parts: ThreadParts): HTMLElement[] {
    const { messages: m, thread, tree } = parts;
    const shown = parts.configError === null && (thread.status === 'ready' || thread.status === 'error');
    // Only what shows stays in the list: a new thread, or the same again, starts it afresh.
    placeNodes(this.#list, shown ? conversations(tree, parts) : []);
    if (parts.configError !== null)
      return [said((this.#config ??= element('p', ALERT)), `${m.configError} ${parts.configError}`)];
    if (!shown) return [said((this.#loading ??= element('p', STATE)), m.loading)];
    const nodes: HTMLElement[] = [];
    if (thread.status === 'error') {
      // The reader's own unsent comments still show below the error.
      const failed = (this.#failed ??= element(
        'div',
        ALERT,
        element('p', {}),
        element('button', { class: 'retry', type: 'button', 'data-action': 'reload' }),
      ));
      say(failed.firstChild!, `${m.loadError} ${thread.error ? parts.describe(thread.error) : ''}`);
      say(failed.lastChild!, m.retry);
      nodes.push(failed);
      if (tree.length === 0) return nodes;
    } else if (tree.length === 0) {
      // Entries the server sent but that were not comments are said, not passed off as "no comments".
      if (thread.skipped > 0)
        return [said((this.#skippedAll ??= element('p', ALERT)), m.skipped(thread.skipped))];
      const empty = (this.#empty ??= element('div', STATE, element('slot', { name: 'empty' })));
      say(empty.firstChild!, m.empty);
      return [empty];
    }
    if (thread.skipped > 0)
      nodes.push(said((this.#skipped ??= element('p', STATE)), m.skipped(thread.skipped)));
    nodes.push(this.#list);
    if (thread.nextCursor !== null) nodes.push(this.#more(parts));
    return nodes;
  }

  /** The row with "Load more", and what went wrong loading more. */
  #more({ messages: m, thread, describe }: ThreadParts): HTMLElement {
    const button = (this.#moreButton ??= element('button', {
      class: 'more',
      part: 'load-more',
      type: 'button',
      'data-action': 'more',
    }));
    button.toggleAttribute('disabled', thread.loadingMore);
    say(button, thread.loadingMore ? m.loadingMore : m.loadMore);
    const row = (this.#moreRow ??= element('div', { class: 'more-row' }));
    const failed = thread.moreError
      ? said((this.#moreError ??= element('p', ALERT)), `${m.loadError} ${describe(thread.moreError)}`)
      : null;
    placeNodes(row, [failed, button]);
    return row;
  }
}

/** `node` with its text set, returned. */
function said(node: HTMLElement, text: string): HTMLElement {
  say(node, text);
  return node;
}
