import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { element } from '../components/comment-article.js';
import { findComment, type OwnAction } from '../components/comment-view.js';
import type { RcComposer } from '../components/composer.js';
import type { SubmitOutcome } from '../context.js';
import { emit } from '../events.js';
import { describeError } from '../i18n/error-text.js';
import { newClientId } from '../model/client-id.js';
import { editedId, editPlace } from '../model/edit-place.js';
import { fieldsOf, newComment } from '../model/new-comment.js';
import { pageUrlOf } from '../model/page-url.js';
import { defaultThreadTitle } from '../model/thread-id.js';
import { echoOf, localId } from '../model/echo.js';
import { findNode } from '../model/find-node.js';
import type { ThreadNode } from '../model/tree.js';
import type { Comment, CommentFields, NewComment } from '../model/types.js';
import type { Settlement } from '../offline/outbox.js';
import type { LocaleController } from './locale-controller.js';
import type { OfflineController } from './offline-controller.js';
import type { OwnCommentsController } from './own-comments-controller.js';
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
  own: OwnCommentsController;
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
  // The page's notice (slot="notice") is passed on into the form's own notice slot.
  return element(
    'rc-composer',
    { exportparts: COMPOSER_PARTS },
    element('slot', { name: 'notice', slot: 'notice' }),
  ) as RcComposer;
}

/**
 * Replying: the one reply form and where it is (the one owner of the reply target), and a
 * comment's way out: built when the reader presses Post Comment, announced by a cancelable
 * `rc-before-submit`, queued in the outbox, and settled in place when the server answers:
 * shown (published or pending), handed back to its form, or marked as failed. Edits and deletes
 * of the reader's own comments take the same way: the form on the comment (its place is
 * `editPlace(id)`, with a draft of its own), then the outbox.
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

  /** The comment the form is under (replying to it, or editing it); null when it is under the thread. */
  get target(): string | null {
    return editedId(this.#target) ?? this.#target;
  }

  /** Before each render: the form learns where it is and whom it answers. */
  hostUpdate(): void {
    const composer = this.composer;
    const thread = this.parts.thread;
    const editing = editedId(this.#target) !== null;
    composer.parentId = this.#target;
    composer.editing = editing;
    composer.replyingTo =
      this.#target === null || editing ? undefined : this.#comment(this.#target)?.author.name;
    composer.headed = thread.status === 'ready' && thread.total > 0;
  }

  /** Moves the form to a place: under a comment, editing one (`editPlace`), or under the thread (null). */
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
    const place = this.#target;
    const id = editedId(place) ?? place;
    // An edit left as it was is no draft: it would only reopen the form on the next visit.
    if (id !== place && this.composer.values.body === this.#comment(id!)?.body)
      void this.parts.offline.saveDraft(place, { ...this.composer.values, body: '' });
    this.moveTo(null);
    if (id !== null)
      void this.host.updateComplete.then(() => this.#find(id)?.querySelector<HTMLElement>('.reply')?.focus());
  }

  /** "Edit" on a comment that could not be sent: out of the outbox, back into its form. */
  async edit(clientId: string): Promise<void> {
    const entry = await this.parts.offline.edit(clientId);
    if (entry) this.#handBack(entry.request, null);
  }

  /** Edit, Delete and its question on one of the reader's own comments. */
  async act(action: OwnAction, id: string): Promise<void> {
    const own = this.parts.own;
    const asking = action === 'delete';
    if (asking || action === 'keep') {
      own.ask(asking ? id : null);
      // The question takes focus where the reader is, and gives it back when answered.
      await this.host.updateComplete;
      this.#find(id)
        ?.querySelector<HTMLElement>(`:scope>article [data-action=${asking ? 'keep' : 'delete'}]`)
        ?.focus();
      return;
    }
    const comment = this.#comment(id);
    if (!comment) return;
    if (action === 'confirm-delete') {
      own.ask(null);
      await this.#change(comment, comment.body, true);
      return;
    }
    // The edit's own draft if the reader started one before, else the comment as it is. Neither
    // is saved again: a draft is already kept, and the comment's own text is no draft (it would
    // reopen the form on the next visit) until the reader changes it.
    const place = editPlace(id);
    const draft = await this.parts.offline.draftFor(place);
    this.moveTo(place);
    this.composer.handBack(
      { ...this.composer.values, body: draft?.fields.body ?? comment.body },
      null,
      false,
    );
  }

  /** Queues what the reader wrote as a reply to the form's place, or as the edit it is. */
  async submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome> {
    const { offline, locale } = this.parts;
    const thread = this.parts.threadId();
    if (thread === null) return { ok: false, message: this.parts.configError(), field: null };
    const edited = editedId(this.#target);
    if (edited !== null) {
      const comment = this.#comment(edited);
      const queued = comment !== undefined && (await this.#change(comment, fields.body, false));
      return queued ? { ok: true } : { ok: false, message: locale.text.sendFailed, field: null };
    }
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
    this.parts.announce(navigator.onLine ? m.sending : m.waitingForConnection);
    await this.host.updateComplete;
    this.#focus(localId(request.clientId));
    return { ok: true };
  }

  /** Queues an edit or a delete of the reader's own comment; false without its token. */
  async #change(comment: Comment, body: string, remove: boolean): Promise<boolean> {
    const change = this.parts.own.changeOf(comment, remove);
    if (!change) return false;
    const request: NewComment = {
      clientId: newClientId(),
      // The form's place: the edit's draft goes when it is queued, and a refusal returns there.
      parentId: editPlace(comment.id),
      author: { name: comment.author.name, email: null, url: comment.author.url },
      body,
      hp: '',
    };
    await this.parts.offline.send(request, change);
    if (!remove) this.moveTo(null);
    const m = this.parts.locale.text;
    this.parts.announce(navigator.onLine ? m.sending : m.waitingForConnection);
    if (!remove) void this.host.updateComplete.then(() => this.#focus(comment.id));
    return true;
  }

  /** What became of a queued comment. */
  settle(settlement: Settlement): void {
    const here = settlement.entry.thread === this.parts.threadId();
    if (settlement.entry.change) return this.#changeSettled(settlement, here);
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

  /** An edit or delete answered: shown in place; refused, its text back in the form on the comment. */
  #changeSettled(settlement: Settlement, here: boolean): void {
    const { own, offline, locale } = this.parts;
    const { entry, kind } = settlement;
    const { original, remove } = entry.change!;
    const m = locale.text;
    // Given up after many tries: the comment itself says so, with Retry.
    if (kind === 'failed' || !here) return;
    if (kind === 'sent') {
      const comment: Comment = remove
        ? { ...original, removed: true }
        : (settlement.result.comment ?? { ...original, body: entry.request.body });
      if (remove) own.forget(original.id);
      // Held for moderation again: shown to its author as awaiting it, across visits too.
      else if (comment.status === 'pending') void offline.addPending(entry, comment);
      own.show(comment);
      if (!settlement.elsewhere)
        this.parts.announce(
          remove ? m.deleted : comment.status === 'pending' ? m.awaitingModeration : m.changeSaved,
        );
      return;
    }
    // Refused for good (window passed, a reply came, the token is not this comment's): no more
    // Edit, and nothing is lost: an edit's text is back in its form with the server's words.
    const { status, field } = settlement.error;
    if (status === 403 || status === 409) own.forget(original.id);
    const message = m.couldNotSend(describeError(settlement.error, m, this.host.endpoint));
    if (remove) own.note(original.id, message);
    this.#handBack(remove ? null : entry.request, { message, field });
  }

  #sent({ entry, result, elsewhere }: Extract<Settlement, { kind: 'sent' }>, here: boolean): void {
    const { offline, thread, locale } = this.parts;
    const status = result.status === 201 ? 'published' : 'pending';
    const comment = result.comment ?? echoOf(entry.request, status, new Date().toISOString());
    const pending = comment.status === 'pending';
    // v1.1: this browser may change its comment for a while; a v1 server sends no token.
    if (result.edit && result.comment)
      this.parts.own.keep(entry.endpoint, entry.thread, comment.id, result.edit);
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

  /** A refused or unsent comment goes back into its form, under its parent; a refused delete is only said. */
  #handBack(request: NewComment | null, refusal: Refusal | null): void {
    if (request) {
      this.moveTo(request.parentId);
      this.composer.handBack(fieldsOf(request), refusal);
    }
    if (refusal) this.parts.announce(refusal.message);
  }

  /** A comment of the displayed thread (the server's, or the reader's own). */
  #comment(id: string): Comment | undefined {
    return findNode(this.parts.tree(), id)?.comment;
  }

  #find(id: string): HTMLElement | null {
    return findComment(this.host.renderRoot, id);
  }

  #focus(id: string): void {
    this.#find(id)?.querySelector<HTMLElement>(':scope > article')?.focus();
  }
}
