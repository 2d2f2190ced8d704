import type { CommentsApi } from '../context.js';
import { RcComposer } from '../components/composer.js';
import { OfflineController, type OfflineScope } from '../controllers/offline-controller.js';
import { ReplyController, type ReplyHost, type ReplyParts } from '../controllers/reply-controller.js';
import { enWriting } from '../i18n/en-writing.js';
import { sharedDeviceStore, type KeyValueStore } from '../offline/storage.js';

// Failed loads are worded with the writing side too: only a reader who met one needs it.
export { describeError } from '../i18n/error-text.js';

/** What the section gives the reply form; the writing side adds drafts and the ways back to it. */
export type ApiBase = Omit<CommentsApi, 'drafts' | 'submit' | 'moveTo' | 'cancelReply'>;

/** The section's parts the writing side works with. */
export interface WritingParts extends Omit<ReplyParts, 'offline'> {
  /** Days after which drafts and pending echoes are dropped. */
  ages(): { draftDays: number; pendingDays: number };
}

/** The writing side of one section, once its code is on the device. */
export interface Writing {
  offline: OfflineController;
  reply: ReplyController;
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
  const offline: OfflineController = new OfflineController(
    host,
    (settlement) => reply.settle(settlement),
    parts.ages,
  );
  const reply = new ReplyController(host, { ...parts, offline });
  return {
    offline,
    reply,
    configure: (store, scope) => offline.configure(store ?? sharedDeviceStore(), scope),
    provide: (base) => {
      reply.composer.api = {
        ...base,
        drafts: offline,
        submit: (fields, honeypot) => reply.submit(fields, honeypot),
        moveTo: (parentId) => reply.moveTo(parentId),
        cancelReply: () => reply.cancel(),
      };
    },
  };
}
