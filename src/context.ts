import { createContext } from '@lit/context';
import type { Messages } from './i18n/messages.js';
import type { CommentFields } from './model/types.js';

/** What became of a submit, as the composer needs to show it. */
export type SubmitOutcome =
  | { ok: true }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: false; message: string; field: string | null };

/** What the comment section offers its child elements. Replaced (not mutated) when it changes. */
export interface CommentsApi {
  messages: Messages;
  requireEmail: boolean;
  /** Sends the reader's comment as a reply to the comment the form is under. */
  submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome>;
  /** Moves the form back under the thread. */
  cancelReply(): void;
  /** The reader changed the form: save the draft. */
  fieldsChanged(fields: CommentFields): void;
  /** The reader ticked or unticked "Save my name, email, and website". */
  rememberChanged(remember: boolean, fields: CommentFields): void;
}

/** Provided by `<recovery-comments>`, consumed by `<rc-composer>`. */
export const commentsContext = createContext<CommentsApi>(Symbol('rc-comments'));
