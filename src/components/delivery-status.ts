import type { Delivery } from '../model/types.js';
import { element } from './comment-article.js';
import type { CommentViewOptions } from './comment-view.js';

/**
 * The line under the reader's own comment on its way: queued, sending, or failed with Retry and
 * Edit. Only the writing side makes such comments, so it is the writing side's (`writing.ts`
 * hands it to `comment-article.ts` as it starts), and so are its words.
 */
export function deliveryStatus(delivery: Delivery, { messages: m, online }: CommentViewOptions): HTMLElement {
  if (delivery.state === 'failed') {
    const button = (part: string, action: string, label: string) =>
      element('button', { type: 'button', class: 'reply', part, 'data-action': action }, label);
    return element(
      'div',
      { class: 'unsent failed', part: 'status' },
      element('p', {}, m.couldNotSend(delivery.error ?? m.sendFailed)),
      button('retry-button', 'retry', m.retrySend),
      ' ',
      button('edit-button', 'edit', m.edit),
    );
  }
  const waiting = delivery.state === 'queued' && !online;
  return element('p', { class: 'pending', part: 'status' }, waiting ? m.waitingForConnection : m.sending);
}
