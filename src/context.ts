import type { Messages } from './i18n/messages.js';
import type { CommentFields } from './model/types.js';
import type { DraftSession } from './offline/draft-session.js';

/** What became of a submit, as the composer needs to show it. */
export type SubmitOutcome =
  | { ok: true }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: false; message: string; field: string | null };

/**
 * What the comment section gives its reply form (as the form's `api` property). Replaced, not
 * mutated, when it changes; the form calls back through it and never writes into the section.
 */
export interface CommentsApi {
  messages: Messages;
  requireEmail: boolean;
  /** Whether the server offers reply notifications ("Email me when someone replies"). */
  notify: boolean;
  /** The thread's drafts and the remembered details. */
  drafts: DraftSession;
  /** Whether the first page of the thread is shown (drafts are restored then). */
  ready: boolean;
  /** Whether a comment is in the thread (so a draft replying to it can be reopened). */
  has(id: string): boolean;
  /** A time of day in the section's language, for "Draft saved at …". */
  formatTime(ms: number): string;
  /** Sends the reader's comment as a reply to the comment the form is under. */
  submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome>;
  /** Moves the form under a comment (null: the thread), e.g. to a restored draft's place. */
  moveTo(parentId: string | null): void;
  /** Moves the form back under the thread, and focus to the Reply button it came from. */
  cancelReply(): void;
  /** Says something in the section's polite live region. */
  announce(text: string): void;
}
