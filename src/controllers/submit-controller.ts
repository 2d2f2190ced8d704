import type { SubmitOutcome } from '../context.js';
import { emit } from '../events.js';
import { describeError } from '../i18n/error-text.js';
import type { Messages } from '../i18n/messages.js';
import { newComment } from '../model/new-comment.js';
import { echoOf, localId } from '../model/thread-view.js';
import type { CommentFields, NewComment } from '../model/types.js';
import type { Settlement } from '../offline/outbox.js';
import type { OfflineController } from './offline-controller.js';
import type { ThreadController } from './thread-controller.js';

/** What a refused comment comes back with. */
export interface Refusal {
  message: string;
  field: string | null;
}

/** What sending needs of the section; it fires the public events on `element`. */
export interface SubmitWiring {
  element: HTMLElement;
  offline: OfflineController;
  thread: ThreadController;
  text(): Messages;
  endpoint(): string;
  /** The thread being shown, or null when the section is misconfigured (with why, in words). */
  threadId(): string | null;
  configError(): string;
  /** Where the form is: the comment being replied to, or null. */
  parentId(): string | null;
  /** The comment is queued: the form goes back under the thread. */
  queued(request: NewComment): Promise<void>;
  /** A refused (or, with no refusal, taken back) comment returns to its form. */
  handBack(request: NewComment, refusal: Refusal | null): void;
  announce(text: string): void;
  /** Moves focus from the reader's echo (if it had it) to the comment that replaces it. */
  replaceFocus(echoId: string, id: string): void;
}

/**
 * Sending a comment: the request is built when the reader presses Post Comment, announced by a
 * cancelable `rc-before-submit`, queued in the outbox, and settled in place when the server
 * answers: shown (published or pending), handed back to its form, or marked as failed.
 */
export class SubmitController {
  constructor(private readonly wiring: SubmitWiring) {}

  /** Queues what the reader wrote as a reply to the form's place. */
  async submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome> {
    const w = this.wiring;
    const thread = w.threadId();
    if (thread === null) return { ok: false, message: w.configError(), field: null };
    const request = newComment(fields, honeypot, w.parentId());
    if (!emit(w.element, 'rc-before-submit', { comment: request }, true))
      return { ok: false, cancelled: true };
    await w.offline.send(request);
    emit(w.element, 'rc-queued', { comment: request, thread });
    const m = w.text();
    w.announce(navigator.onLine === false ? m.waitingForConnection : m.sending);
    await w.queued(request);
    return { ok: true };
  }

  /** What became of a queued comment. */
  settle(settlement: Settlement): void {
    const w = this.wiring;
    const here = settlement.entry.thread === w.threadId();
    if (settlement.kind === 'sent') return this.#sent(settlement, here);
    const { error } = settlement;
    const message = describeError(error, w.text(), w.endpoint());
    if (settlement.kind === 'rejected' && here)
      w.handBack(settlement.entry.request, { message, field: error.field });
    else if (here) w.announce(w.text().couldNotSend(message));
    const retryable = settlement.kind === 'failed';
    emit(w.element, 'rc-failed', { message, status: error.status, field: error.field, retryable });
  }

  #sent({ entry, result, elsewhere }: Extract<Settlement, { kind: 'sent' }>, here: boolean): void {
    const w = this.wiring;
    const status = result.status === 201 ? 'published' : 'pending';
    const comment = result.comment ?? echoOf(entry.request, status, new Date().toISOString());
    const pending = comment.status === 'pending';
    if (elsewhere) {
      // Sent by another tab: shown here too, without announcing or firing events for it.
      if (here && pending) w.offline.showPending(comment);
      else if (here) w.thread.add(comment);
      return;
    }
    // Kept even when the answer comes after the reader left the thread: it shows on their return.
    if (pending) void w.offline.addPending(entry, comment);
    if (here) {
      if (!pending) w.thread.add(comment);
      w.announce(pending ? w.text().awaitingModeration : w.text().posted);
      w.replaceFocus(localId(entry.request.clientId), comment.id);
    }
    emit(w.element, 'rc-submitted', { comment, status: result.status });
  }
}
