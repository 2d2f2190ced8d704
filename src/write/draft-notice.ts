import type { ReactiveControllerHost } from 'lit';
import { element } from '../components/comment-article.js';
import { say } from '../components/place-nodes.js';
import type { LocaleController } from '../controllers/locale-controller.js';
import type { ReplyController } from '../controllers/reply-controller.js';

/** The note near the top of the section about a restored reply draft out of sight. */
export interface DraftNotice {
  /** Moves the form for a restored draft (the only move from outside), noting it when out of sight. */
  restoredTo(parentId: string | null): void;
  /** The note, while the form is still where the draft reopened it; null otherwise. */
  node(): HTMLElement | null;
}

/**
 * A restored reply draft reopens its form under its comment, which may be far down the thread,
 * out of sight of where the page lands. Then a note near the top of the section says the
 * reader's unsent reply to Name is kept, with a button that takes them to it.
 */
export function draftNotice(
  host: ReactiveControllerHost,
  reply: ReplyController,
  locale: LocaleController,
): DraftNotice {
  /** The comment the restored draft reopened under, while the reader has not gone to it. */
  let at: string | null = null;
  const words = new Text();
  const go = element('button', { class: 'more', type: 'button' });
  go.addEventListener('click', () => {
    const id = at;
    at = null;
    if (id !== null) reply.open(id);
  });
  /** The note's element, the same while it shows: the section places it, this fills it in. */
  const note = element('p', { class: 'state', part: 'state draft-notice' }, words, ' ', go);
  return {
    restoredTo(parentId) {
      reply.moveTo(parentId);
      void host.updateComplete.then(() => {
        const { top } = reply.composer.getBoundingClientRect();
        if (parentId !== null && (top < 0 || top > innerHeight)) {
          at = parentId;
          host.requestUpdate();
        }
      });
    },
    node() {
      if (at === null || reply.target !== at) return null;
      const m = locale.text;
      say(words, m.draftKept(reply.composer.replyingTo || m.anonymous));
      say(go, m.goToDraft);
      return note;
    },
  };
}
