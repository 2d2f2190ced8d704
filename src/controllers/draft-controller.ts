import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentsApi } from '../context.js';
import { emit } from '../events.js';
import type { CommentFields } from '../model/types.js';
import type { DraftListener, DraftSession } from '../offline/draft-session.js';
import type { Draft, RemoteDraftChange } from '../offline/drafts.js';
import { identityOf } from '../offline/identity.js';

/** The quiet line about the draft: saved on the device (with the time), or kept only in memory. */
export type DraftStatus = { kind: 'saved'; time: string } | { kind: 'memory-only' } | null;

/** The reply form, as its draft controller sees it. */
export interface DraftHost extends ReactiveControllerHost, EventTarget {
  /** The comment the form replies to; null under the thread. */
  readonly parentId: string | null;
  readonly values: CommentFields;
  /** Whether the reader typed since the form was last filled. */
  readonly edited: boolean;
  load(fields: CommentFields): void;
  draftStatus: DraftStatus;
  otherVersion: CommentFields | null;
  remember: boolean;
}

const sameFields = (a: CommentFields, b: CommentFields): boolean =>
  a.body === b.body && a.name === b.name && a.email === b.email && a.url === b.url && !a.notify === !b.notify;

/**
 * The reply form's draft session: loads the draft of the place the form is in, saves each
 * change, restores the newest draft (and remembered details) once per thread, works out the
 * draft status line, and resolves a draft changed in another tab: followed when untouched
 * here, offered as "Use that version" when edited here too.
 */
export class DraftController implements ReactiveController, DraftListener {
  #api: CommentsApi | undefined;
  #stopListening: (() => void) | null = null;
  /** The thread whose drafts were restored, so a later page does not restore them again. */
  #restoredFor: string | null = null;

  readonly #host: DraftHost;

  constructor(host: DraftHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#stopListening = null;
  }

  /** The section's api arrived or changed: follow its drafts, and restore once its thread is shown. */
  use(api: CommentsApi | undefined): void {
    const changed = api?.drafts !== this.#api?.drafts;
    this.#api = api;
    if (changed) this.#listen();
    if (!api?.ready || api.drafts.scope === this.#restoredFor) return;
    this.#restoredFor = api.drafts.scope;
    // After the comments are on screen: opening localStorage and IndexedDB costs the first
    // render ~10 ms of synchronous work otherwise.
    setTimeout(() => void this.#restore(api), 0);
  }

  /** The form moved under another comment (or the thread): that place's own draft. */
  switchTo(parentId: string | null): void {
    this.#host.load({ ...this.#host.values, body: '' });
    this.#host.otherVersion = null;
    this.#resetStatus();
    void this.#drafts()
      ?.draftFor(parentId)
      .then((draft) => {
        if (draft && this.#host.parentId === parentId && !this.#host.edited) this.#host.load(draft.fields);
      });
  }

  /** The reader changed the form: save it. */
  changed(fields: CommentFields): void {
    void this.#drafts()?.saveDraft(this.#host.parentId, fields);
  }

  /** The reader ticked or unticked "Save my name, email, and website". */
  rememberChanged(fields: CommentFields): void {
    void this.#drafts()?.rememberIdentity(this.#host.remember, identityOf(fields));
  }

  /** The comment is on its way: its draft is gone; the details stay remembered if asked. */
  submitted(fields: CommentFields): void {
    if (this.#host.remember) void this.#drafts()?.rememberIdentity(true, identityOf(fields));
    this.#resetStatus();
  }

  saved(draft: Draft): void {
    const drafts = this.#drafts();
    if (!drafts || !drafts.isOwn(draft) || !drafts.matches(draft, this.#host.parentId)) return;
    // Screen readers hear it once per draft, not on every keystroke.
    if (this.#host.draftStatus === null) this.#api?.announce(this.#api.messages.draftSavedShort);
    // Bubbles out of the section's shadow root: pages hear it from <recovery-comments>.
    emit(this.#host, 'rc-draft-saved', {
      thread: draft.thread,
      parentId: draft.parentId,
      savedAt: draft.savedAt,
    });
    this.#host.draftStatus = drafts.memoryOnly
      ? { kind: 'memory-only' }
      : { kind: 'saved', time: this.#api!.formatTime(draft.savedAt) };
  }

  remote(change: RemoteDraftChange): void {
    const drafts = this.#drafts();
    const draft = change.draft;
    if (!drafts || draft === null || drafts.isOwn(draft) || !drafts.matches(draft, this.#host.parentId))
      return;
    if (sameFields(draft.fields, this.#host.values)) return;
    if (this.#host.edited) this.#host.otherVersion = draft.fields;
    else this.#host.load(draft.fields);
  }

  memoryOnly(): void {
    this.#host.draftStatus = { kind: 'memory-only' };
  }

  #drafts(): DraftSession | undefined {
    return this.#api?.drafts;
  }

  #listen(): void {
    this.#stopListening?.();
    this.#stopListening = this.#api?.drafts.listen(this) ?? null;
  }

  #resetStatus(): void {
    this.#host.draftStatus = this.#drafts()?.memoryOnly ? { kind: 'memory-only' } : null;
  }

  /** Fills remembered details, and reopens the newest draft under its comment. */
  async #restore(api: CommentsApi): Promise<void> {
    const { drafts } = api;
    const [all, identity] = await Promise.all([drafts.draftsForThread(), drafts.identity()]);
    const host = this.#host;
    if (identity) {
      host.remember = true;
      const values = host.values;
      if (!host.edited)
        host.load({
          body: values.body,
          name: values.name || identity.name,
          email: values.email || identity.email,
          url: values.url || identity.url,
        });
    }
    const draft = all.find((candidate) => candidate.parentId === null || api.has(candidate.parentId));
    // Never overwrite what the reader typed since the page loaded.
    if (!draft || host.edited || host.values.body.trim() !== '') return;
    if (draft.parentId === host.parentId) host.load(draft.fields);
    // The form moves there, and loads that place's draft as it does.
    else api.moveTo(draft.parentId);
  }
}
