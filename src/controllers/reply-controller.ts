import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findComment } from '../components/comment-view.js';
import type { RcComposer } from '../components/composer.js';
import type { SubmitOutcome } from '../context.js';
import { emit } from '../events.js';
import { describeError } from '../i18n/error-text.js';
import { fieldsOf, newComment } from '../model/new-comment.js';
import { pageUrlOf } from '../model/page-url.js';
import { defaultThreadTitle } from '../model/thread-id.js';
import { echoOf, localId } from '../model/thread-view.js';
import { findNode, type ThreadNode } from '../model/tree.js';
import type { CommentFields, NewComment } from '../model/types.js';
import type { Settlement } from '../offline/outbox.js';
import type { LocaleController } from './locale-controller.js';
import type { OfflineController } from './offline-controller.js';
import type { ThreadController } from './thread-controller.js';

/** What a refused comment comes back with. */
export interface Refusal {
  message: string;
  field: string | null;
}

/** The section, as replying sees it: it fires the public events and holds the rendered thread. */
export interface ReplyHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: ParentNode;
  readonly endpoint: string;
  /** The thread-title attribute; empty for the page's own title. */
  readonly threadTitle: string;
}

/** The parts of the section replying works with. */
export interface ReplyParts {
  offline: OfflineController;
  thread: ThreadController;
  locale: LocaleController;
  /** The thread being shown; null when the section is misconfigured. */
  threadId(): string | null;
  /** What is wrong with the configuration, in words. */
  configError(): string;
  /** The displayed tree, to name the author being replied to. */
  tree(): readonly ThreadNode[];
  announce(text: string): void;
}

const COMPOSER_PARTS =
  'composer, composer-heading, field, label, input, field-error, form-error, submit-button, cancel-button, discard-button, draft-status';

/** The one reply form, with its parts re-exported so the page can style them. */
function createComposer(): RcComposer {
  const composer = document.createElement('rc-composer');
  composer.setAttribute('exportparts', COMPOSER_PARTS);
  // The page's notice (slot="notice") is passed on into the form's own notice slot.
  const notice = document.createElement('slot');
  notice.name = 'notice';
  notice.slot = 'notice';
  composer.append(notice);
  return composer;
}

/**
 * Replying: the one reply form and where it is (the one owner of the reply target), and a
 * comment's way out: built when the reader presses Post Comment, announced by a cancelable
 * `rc-before-submit`, queued in the outbox, and settled in place when the server answers:
 * shown (published or pending), handed back to its form, or marked as failed.
 */
export class ReplyController implements ReactiveController {
  /** The reply form; the section renders it under `target`, or under the thread. */
  readonly composer = createComposer();
  #target: string | null = null;

  constructor(
    private readonly host: ReplyHost,
    private readonly parts: ReplyParts,
  ) {
    host.addController(this);
  }

  /** The comment the form is under; null when it is under the thread. */
  get target(): string | null {
    return this.#target;
  }

  /** Before each render: the form learns where it is and whom it answers. */
  hostUpdate(): void {
    const composer = this.composer;
    const thread = this.parts.thread;
    composer.parentId = this.#target;
    composer.replyingTo =
      this.#target === null ? undefined : findNode(this.parts.tree(), this.#target)?.comment.author.name;
    composer.headed = thread.status === 'ready' && thread.total > 0;
  }

  /** Moves the form under a comment (null: the thread). */
  moveTo(parentId: string | null): void {
    this.#target = parentId;
    this.host.requestUpdate();
  }

  /** Reply on a comment: the form goes there, with the caret in it. */
  open(id: string): void {
    this.moveTo(id);
    this.composer.focusBody();
  }

  /** Cancel reply (or Escape): the form goes back under the thread, focus to the Reply it came from. */
  cancel(): void {
    const id = this.#target;
    this.moveTo(null);
    if (id !== null)
      void this.host.updateComplete.then(() => this.#find(id)?.querySelector<HTMLElement>('.reply')?.focus());
  }

  /** "Edit" on a comment that could not be sent: out of the outbox, back into its form. */
  async edit(clientId: string): Promise<void> {
    const entry = await this.parts.offline.edit(clientId);
    if (entry) this.#handBack(entry.request, null);
  }

  /** Queues what the reader wrote as a reply to the form's place. */
  async submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome> {
    const { offline, locale } = this.parts;
    const thread = this.parts.threadId();
    if (thread === null) return { ok: false, message: this.parts.configError(), field: null };
    const request = newComment(fields, honeypot, this.#target, {
      pageUrl: pageUrlOf(),
      threadTitle: this.host.threadTitle || defaultThreadTitle(),
    });
    if (!emit(this.host, 'rc-before-submit', { comment: request }, true))
      return { ok: false, cancelled: true };
    await offline.send(request);
    emit(this.host, 'rc-queued', { comment: request, thread });
    this.moveTo(null);
    const m = locale.text;
    this.parts.announce(navigator.onLine === false ? m.waitingForConnection : m.sending);
    await this.host.updateComplete;
    this.#focus(localId(request.clientId));
    return { ok: true };
  }

  /** What became of a queued comment. */
  settle(settlement: Settlement): void {
    const here = settlement.entry.thread === this.parts.threadId();
    if (settlement.kind === 'sent') return this.#sent(settlement, here);
    const { error } = settlement;
    const m = this.parts.locale.text;
    const message = describeError(error, m, this.host.endpoint);
    if (settlement.kind === 'rejected' && here)
      this.#handBack(settlement.entry.request, { message, field: error.field });
    else if (here) this.parts.announce(m.couldNotSend(message));
    const retryable = settlement.kind === 'failed';
    emit(this.host, 'rc-failed', { message, status: error.status, field: error.field, retryable });
  }

  #sent({ entry, result, elsewhere }: Extract<Settlement, { kind: 'sent' }>, here: boolean): void {
    const { offline, thread, locale } = this.parts;
    const status = result.status === 201 ? 'published' : 'pending';
    const comment = result.comment ?? echoOf(entry.request, status, new Date().toISOString());
    const pending = comment.status === 'pending';
    if (elsewhere) {
      // Sent by another tab: shown here too, without announcing or firing events for it.
      if (here && pending) offline.showPending(comment);
      else if (here) thread.add(comment);
      return;
    }
    // Kept even when the answer comes after the reader left the thread: it shows on their return.
    if (pending) void offline.addPending(entry, comment);
    if (here) {
      if (!pending) thread.add(comment);
      const m = locale.text;
      const said = pending ? m.awaitingModeration : m.posted;
      // The server sent a confirmation email; nothing is sent about replies until it is opened.
      this.parts.announce(entry.request.notify ? `${said} ${m.notifyConfirm}` : said);
      const root = this.host.renderRoot as ShadowRoot;
      if (this.#find(localId(entry.request.clientId))?.contains(root.activeElement))
        void this.host.updateComplete.then(() => this.#focus(comment.id));
    }
    emit(this.host, 'rc-submitted', { comment, status: result.status });
  }

  /** A refused or unsent comment goes back into its form, under its parent. */
  #handBack(request: NewComment, refusal: Refusal | null): void {
    this.moveTo(request.parentId);
    this.composer.handBack(fieldsOf(request), refusal);
    if (refusal) this.parts.announce(refusal.message);
  }

  #find(id: string): HTMLElement | null {
    return findComment(this.host.renderRoot, id);
  }

  #focus(id: string): void {
    this.#find(id)?.querySelector<HTMLElement>(':scope > article')?.focus();
  }
}
