import { showDeliveriesWith } from '../components/comment-article.js';
import type { CommentViewOptions } from '../components/comment-view.js';
import { RcComposer } from '../components/composer.js';
import { deliveryStatus } from '../components/delivery-status.js';
import type { CommentsApi } from '../context.js';
import { OfflineController, type OfflineScope } from '../controllers/offline-controller.js';
import { OwnCommentsController } from '../controllers/own-comments-controller.js';
import { ReplyController, type ReplyHost, type ReplyParts } from '../controllers/reply-controller.js';
import { enWriting } from '../i18n/en-writing.js';
import { formatTime } from '../i18n/format-time.js';
import { editedId } from '../model/edit-place.js';
import { keepUnchanged } from '../model/keep-unchanged.js';
import { keepNodesWith } from '../model/thread-view.js';
import type { Comment } from '../model/types.js';
import { sharedDeviceStore, type KeyValueStore } from '../offline/storage.js';
import { ownCommentStyles } from '../styles/own-comments.js';
import { draftNotice, type DraftNotice } from './draft-notice.js';
import { liveConversations, ownControls } from './live-conversation.js';

// Keeping the thread on the device comes in this file too: it is not needed before the first render.
export { keepThread } from '../offline/thread-cache.js';

// Sending to the REST backend comes in this file too (`rest.ts` imports it from here), and the
// errors of what its server refused: only a reader who writes, or met a failure, needs them.
export { changeComment, httpError, parseRetryAfter, postComment } from '../backend/rest-send.js';
// As is telling a request the page's CSP blocked from a lost connection: only a failure needs it.
export { blockedError } from '../backend/csp-blocked.js';

// Failed loads are worded with the writing side too: only a reader who met one needs it.
export { describeError } from '../i18n/error-text.js';

/** What the section gives the reply form; the writing side adds drafts and the ways back to it. */
export type ApiBase = Omit<CommentsApi, 'drafts' | 'submit' | 'moveTo' | 'cancelReply' | 'formatTime'>;

/** The section's parts the writing side works with. */
export interface WritingParts extends Omit<ReplyParts, 'offline' | 'own'> {
  /** Days after which drafts and pending echoes are dropped. */
  ages(): { draftDays: number; pendingDays: number };
}

/** The writing side of one section, once its code is on the device. */
export interface Writing {
  offline: OfflineController;
  reply: ReplyController;
  own: OwnCommentsController;
  /** The reader's own comments on their way, awaiting moderation, or changed; the same array until one changes. */
  readonly echoes: readonly Comment[];
  /** Near the top of the section: a restored reply draft out of sight is kept, and a way to it. */
  notice: DraftNotice;
  /** The node of a conversation this side makes live: the form under a comment, the reader's own comments. */
  conversation: NonNullable<CommentViewOptions['live']>;
  /** Edit and Delete on the reader's own comments, as they are now. */
  mine(): NonNullable<CommentViewOptions['mine']>;
  /** Points drafts and the outbox at a store (the shared IndexedDB one when null) and a thread. */
  configure(store: KeyValueStore | null, scope: OfflineScope): void;
  /** Gives the reply form what it needs; a new value each time it changes. */
  provide(base: ApiBase): void;
}

/**
 * The writing side of a section: the reply form, drafts, the outbox and echoes. It is the
 * bundle's lazily loaded part (`write-controller.ts` imports it), so a reader sees the thread
 * before any of it is downloaded.
 */
export function startWriting(host: ReplyHost, parts: WritingParts): Writing {
  if (!customElements.get('rc-composer')) customElements.define('rc-composer', RcComposer);
  parts.locale.addEnglish(enWriting);
  showDeliveriesWith(deliveryStatus);
  // The look of the reader's own comments, which only this side makes.
  const root = host.renderRoot;
  if (root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ownCommentStyles];
  keepNodesWith(keepUnchanged);
  const offline: OfflineController = new OfflineController(
    host,
    (settlement) => reply.settle(settlement),
    parts.ages,
  );
  const own = new OwnCommentsController(host, () => parts.locale.text);
  const reply = new ReplyController(host, { ...parts, offline, own });
  const notice = draftNotice(host, reply, parts.locale);
  // Changed comments first: an edit queued after one the server took shows as on its way.
  let echoes: [readonly Comment[], readonly Comment[], readonly Comment[]] = [[], [], []];
  let given: ApiBase | null = null;
  let tokensRead = false;
  let configured = 0;
  return {
    offline,
    reply,
    own,
    notice,
    conversation: liveConversations(),
    mine: () => ownControls(own),
    get echoes() {
      const [queued, changed] = [offline.echoes, own.changed];
      if (echoes[0] !== queued || echoes[1] !== changed)
        echoes = [queued, changed, changed.length === 0 ? queued : [...changed, ...queued]];
      return echoes[2];
    },
    configure: (store, scope) => {
      const device = store ?? sharedDeviceStore();
      offline.configure(device, scope);
      // Drafts are restored once the tokens are read: an edit's draft reopens only where the
      // reader may still edit (a missing or broken store just means no tokens).
      tokensRead = false;
      const run = ++configured;
      void own
        .configure(device, scope)
        .catch(() => {})
        .then(() => {
          if (run !== configured) return;
          tokensRead = true;
          if (given) give(given);
        });
    },
    provide: (base) => give((given = base)),
  };
  function give(base: ApiBase): void {
    reply.composer.api = {
      ...base,
      ready: base.ready && tokensRead,
      // A kept edit reopens only on a comment still shown that this browser may change.
      has: (place) => {
        const id = editedId(place);
        return id === null ? base.has(place) : base.has(id) && own.editable(id);
      },
      drafts: offline,
      // Only "Draft saved at …" shows a time: its format comes with the form, not the thread.
      formatTime: (ms) => formatTime(parts.locale.locale, ms),
      submit: (fields, honeypot) => reply.submit(fields, honeypot),
      moveTo: (parentId) => notice.restoredTo(parentId),
      cancelReply: () => reply.cancel(),
    };
  }
}
