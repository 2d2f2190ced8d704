import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { EditGrant } from '../backend/backend.js';
import type { Messages } from '../i18n/messages.js';
import type { Comment } from '../model/types.js';
import type { QueuedChange } from '../offline/outbox.js';
import { OwnComments } from '../offline/own-comments.js';
import type { KeyValueStore } from '../offline/storage.js';

/** setTimeout's longest delay; a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The reader's own comments they may still change (contract v1.1): the tokens of this thread,
 * Edit and Delete on those comments until their window ends (a timer takes them away, not the
 * next render), the inline "Delete this comment? Delete / Keep", and what the server answered
 * to a change, shown in place until the thread is loaded again.
 */
export class OwnCommentsController implements ReactiveController {
  #own: OwnComments | null = null;
  #scope: { endpoint: string; thread: string } | null = null;
  #grants = new Map<string, EditGrant>();
  #changed: Comment[] = [];
  #confirming: string | null = null;
  #notes = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly messages: () => Messages,
  ) {
    host.addController(this);
  }

  /** Comments as the server answered the reader's changes (a deleted one marked `removed`); replaced, never mutated. */
  get changed(): readonly Comment[] {
    return this.#changed;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  hostConnected(): void {
    this.#schedule();
  }

  /** Reads the thread's tokens from a store. */
  async configure(store: KeyValueStore, scope: { endpoint: string; thread: string }): Promise<void> {
    const own = (this.#own = new OwnComments(store));
    this.#scope = scope;
    this.#grants = new Map();
    this.#changed = [];
    this.#notes.clear();
    this.#confirming = null;
    const grants = await own.forThread(scope.endpoint, scope.thread);
    if (this.#own !== own || this.#scope !== scope) return;
    this.#grants = grants;
    this.#schedule();
    this.host.requestUpdate();
  }

  /** Keeps the token of a comment the server just accepted. */
  keep(endpoint: string, thread: string, id: string, grant: EditGrant): void {
    const scope = this.#scope;
    if (scope?.endpoint === endpoint && scope.thread === thread) {
      this.#grants.set(id, grant);
      this.#schedule();
      this.host.requestUpdate();
    }
    void this.#own?.keep(endpoint, thread, id, grant);
  }

  /** Whether Edit and Delete show on a comment: its token is here and its window is open. */
  editable(id: string): boolean {
    return (this.#grants.get(id)?.until ?? 0) > Date.now();
  }

  /**
   * The outbox's change for a comment, or null without its token. A token just past its window
   * still goes: the server's clock decides, and its refusal says why in words.
   */
  changeOf(original: Comment, remove: boolean): QueuedChange | null {
    const grant = this.#grants.get(original.id);
    if (!grant) return null;
    const { delivery: _unsent, removed: _removed, ...comment } = original;
    return { token: grant.token, original: comment, ...(remove && { remove: true as const }) };
  }

  /** The server refused the token (window passed, a reply came, not this comment's): no more Edit. */
  forget(id: string): void {
    this.#grants.delete(id);
    const scope = this.#scope;
    if (scope) void this.#own?.forget(scope.endpoint, scope.thread, id);
    this.host.requestUpdate();
  }

  /** Shows a comment as the server now has it (or, `removed`, not at all). */
  show(comment: Comment): void {
    this.#changed = [...this.#changed.filter((other) => other.id !== comment.id), comment];
    this.host.requestUpdate();
  }

  /** Asks "Delete this comment?" on one comment (null: no longer). */
  ask(id: string | null): void {
    this.#confirming = id;
    if (id !== null) this.#notes.delete(id);
    this.host.requestUpdate();
  }

  /** A message on the comment itself (a delete the server refused). */
  note(id: string, message: string): void {
    this.#notes.set(id, message);
    this.host.requestUpdate();
  }

  /** Edit and Delete (or the question) under one of the reader's own comments; nothing under others. */
  render(comment: Comment): unknown {
    const id = comment.id;
    const note = this.#notes.get(id);
    const shown = note ? html`<p class="state error" part="status" role="alert">${note}</p>` : nothing;
    if (comment.delivery || !this.editable(id)) return shown;
    const m = this.messages();
    if (this.#confirming === id) {
      return html`<p class="confirm" role="group" aria-label=${m.deleteAsk}>
        ${m.deleteAsk}
        <button type="button" class="reply" part="delete-button" data-action="confirm-delete">${m.deleteComment}</button>
        <button type="button" class="reply" data-action="keep">${m.keep}</button>
      </p>`;
    }
    return html`${shown}<button type="button" class="reply" part="edit-button" data-action="change">${m.edit}</button>
      <button type="button" class="reply" part="delete-button" data-action="delete">${m.deleteComment}</button>`;
  }

  /** Takes Edit and Delete away from comments whose window ended, at the moment it ends. */
  #schedule(): void {
    clearTimeout(this.#timer);
    const now = Date.now();
    const open = [...this.#grants.values()].map((grant) => grant.until).filter((until) => until > now);
    if (open.length === 0) return;
    const next = Math.min(...open);
    this.#timer = setTimeout(
      () => {
        this.host.requestUpdate();
        this.#schedule();
      },
      Math.min(MAX_TIMER_MS, next - now + 1),
    );
  }
}
