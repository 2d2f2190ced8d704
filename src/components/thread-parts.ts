import { html, nothing, type TemplateResult } from 'lit';
import type { BackendError } from '../backend/backend.js';
import type { ThreadController } from '../controllers/thread-controller.js';
import type { ThreadNode } from '../model/tree.js';
import { renderConversations, type CommentViewOptions } from './comment-view.js';

/** What rendering the thread's states needs, besides what each comment needs. */
export interface ThreadParts extends CommentViewOptions {
  thread: ThreadController;
  /** The top-level nodes to render now (a big thread fills in a chunk per frame). */
  tree: readonly ThreadNode[];
  /** What is wrong with the configuration, in words; null when nothing is. */
  configError: string | null;
  /** A failed load in the reader's words. */
  describe: (error: BackendError) => string;
  onClick: (event: Event) => void;
}

/** The thread, or its loading, empty, error or misconfigured state, and "Load more". */
export function renderThread(parts: ThreadParts): unknown {
  const { messages: m, thread, tree } = parts;
  if (parts.configError !== null) {
    return html`<p class="state error" part="state" role="alert">${m.configError} ${parts.configError}</p>`;
  }
  if (thread.status === 'loading' || thread.status === 'idle') {
    return html`<p class="state" part="state">${m.loading}</p>`;
  }
  let head: unknown = nothing;
  if (thread.status === 'error') {
    // The reader's own unsent comments still show below the error.
    head = html`<div class="state error" part="state" role="alert">
      <p>${m.loadError} ${thread.error ? parts.describe(thread.error) : ''}</p>
      <button class="retry" type="button" @click=${() => thread.retry()}>${m.retry}</button>
    </div>`;
    if (tree.length === 0) return head;
  } else if (tree.length === 0) {
    // Entries the server sent but that were not comments are said, not passed off as "no comments".
    return thread.skipped > 0
      ? html`<p class="state error" part="state" role="alert">${m.skipped(thread.skipped)}</p>`
      : html`<div class="state" part="state"><slot name="empty">${m.empty}</slot></div>`;
  }
  return html`
    ${head}
    ${thread.skipped > 0 ? html`<p class="state" part="state">${m.skipped(thread.skipped)}</p>` : nothing}
    <ol class="thread" part="thread" @click=${parts.onClick}>${renderConversations(tree, parts)}</ol>
    ${thread.nextCursor === null ? nothing : renderMore(parts)}
  `;
}

function renderMore({ messages: m, thread, describe }: ThreadParts): TemplateResult {
  return html`<div class="more-row">
    ${
      thread.moreError
        ? html`<p class="state error" part="state" role="alert">${m.loadError} ${describe(thread.moreError)}</p>`
        : nothing
    }
    <button class="more" part="load-more" type="button" ?disabled=${thread.loadingMore} @click=${() => thread.loadMore()}>
      ${thread.loadingMore ? m.loadingMore : m.loadMore}
    </button>
  </div>`;
}
