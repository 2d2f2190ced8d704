import { describeError } from '../i18n/error-text.js';
import type { Delivery } from '../model/types.js';
import { element } from './comment-article.js';
import type { CommentViewOptions } from './comment-view.js';

/**
 * The line under the reader's own comment on its way: queued, sending, or failed with Retry and
 * Edit. Only the writing side makes such comments, so it is the writing side's (`writing.ts`
 * hands it to `comment-article.ts` as it starts), and so are its words.
 */
export function deliveryStatus(delivery: Delivery, { messages: m, online }: CommentViewOptions): HTMLElement {
  const { error } = delivery;
  if (delivery.state === 'failed') {
    // Worded now, in the page's language now; an entry an earlier version stored keeps its words.
    const reason =
      error === null
        ? m.sendFailed
        : typeof error === 'string'
          ? error
          : describeError(error, m, delivery.endpoint);
    const button = (part: string, action: string, label: string) =>
      element('button', { type: 'button', class: 'reply', part, 'data-action': action }, label);
    return element(
      'div',
      { class: 'failed', part: 'status' },
      element('p', {}, m.couldNotSend(reason)),
      button('retry-button', 'retry', m.retrySend),
      ' ',
      button('edit-button', 'edit', m.edit),
    );
  }
  const waiting = delivery.state === 'queued' && !online;
  return element('p', { class: 'pending', part: 'status' }, waiting ? m.waitingForConnection : m.sending);
}
