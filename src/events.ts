import type { Comment, NewComment } from './model/types.js';

/** Detail of `rc-before-submit`: the request about to be sent; cancel the event to stop it. */
export interface BeforeSubmitDetail {
  comment: NewComment;
}
/** Detail of `rc-queued`: the comment is stored in the outbox and will be sent (now, or when online). */
export interface QueuedDetail {
  comment: NewComment;
  thread: string;
}
/** Detail of `rc-draft-saved`: what the reader typed is stored on this device. */
export interface DraftSavedDetail {
  thread: string;
  parentId: string | null;
  savedAt: number;
}
/** Detail of `rc-submitted`: the server accepted the comment (published or pending). */
export interface SubmittedDetail {
  comment: Comment;
  /** 201 published, 202 pending moderation, 200 an earlier send of the same comment. */
  status: number;
}
/**
 * Detail of `rc-failed`: the comment was refused (its text is back in the form) or could not be
 * sent after several tries (it waits, marked "Couldn't send", for the reader to press Retry).
 */
export interface FailedDetail {
  message: string;
  /** True when the comment is still queued and can be retried. */
  retryable: boolean;
  /** HTTP status when the server answered, else null (offline, timeout). */
  status: number | null;
  field: string | null;
}
/** Detail of `rc-loaded`: a page of the thread is shown. */
export interface LoadedDetail {
  thread: string;
  total: number;
  /** Comments shown so far, all pages. */
  count: number;
}
/** Detail of `rc-error`: the thread could not be loaded, or the element is misconfigured. */
export interface ErrorDetail {
  message: string;
  status: number | null;
  /** For the site owner: what to check on the server (also written to the console). */
  hint?: string;
}

/** Every public event of the element, by name. */
export interface RecoveryCommentsEventMap {
  'rc-before-submit': CustomEvent<BeforeSubmitDetail>;
  'rc-queued': CustomEvent<QueuedDetail>;
  'rc-draft-saved': CustomEvent<DraftSavedDetail>;
  'rc-submitted': CustomEvent<SubmittedDetail>;
  'rc-failed': CustomEvent<FailedDetail>;
  'rc-loaded': CustomEvent<LoadedDetail>;
  'rc-error': CustomEvent<ErrorDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges our events into the DOM's map
  interface HTMLElementEventMap extends RecoveryCommentsEventMap {}
}

/** Dispatches a public event (bubbling, composed); returns false when a listener cancelled it. */
export function emit<K extends keyof RecoveryCommentsEventMap>(
  target: EventTarget,
  type: K,
  detail: RecoveryCommentsEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
