import type { CommentFields } from '../model/types.js';
import type { Draft, RemoteDraftChange } from './drafts.js';
import type { Identity } from './identity.js';

/** What a form hears about its drafts. */
export interface DraftListener {
  /** A draft was stored (by this tab or, through `remote`, another). */
  saved(draft: Draft): void;
  /** Another tab saved or deleted a draft. */
  remote(change: RemoteDraftChange): void;
  /** Device storage failed: drafts now live only in this window. */
  memoryOnly(): void;
}

/**
 * The drafts and remembered details of one thread, as the reply form uses them: it loads,
 * saves and restores its own draft through this, and nothing flows back to the section.
 */
export interface DraftSession {
  /** Which endpoint and thread: a new one means drafts are restored again. */
  readonly scope: string;
  /** When drafts are not on the device but only in this window. */
  readonly memoryOnly: boolean;
  /** The draft under one parent (null: the form under the thread), if any. */
  draftFor(parentId: string | null): Promise<Draft | undefined>;
  /** The thread's drafts, newest first. */
  draftsForThread(): Promise<Draft[]>;
  /** Saves what the reader typed (every keystroke; writes are coalesced). */
  saveDraft(parentId: string | null, fields: CommentFields): Promise<void>;
  /** Whether a draft is this tab's own, and whether it is the one under `parentId` here. */
  isOwn(draft: Draft): boolean;
  matches(draft: Draft | null, parentId: string | null): boolean;
  identity(): Promise<Identity | null>;
  rememberIdentity(remember: boolean, identity: Identity): Promise<void>;
  /** Listens until the returned function is called; there is one listener, the form (a new one replaces it). */
  listen(listener: DraftListener): () => void;
}
