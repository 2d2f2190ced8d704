import { expect } from '@open-wc/testing';
import type { CommentViewOptions } from '../../src/components/comment-view.js';
import { deliveryStatus } from '../../src/components/delivery-status.js';
import { enThread } from '../../src/i18n/en-thread.js';
import { enWriting } from '../../src/i18n/en-writing.js';
import { messages as de } from '../../src/i18n/locales/de.js';
import type { Messages } from '../../src/i18n/messages.js';
import type { Delivery } from '../../src/model/types.js';

const en = { ...enThread, ...enWriting } as Messages;
const endpoint = 'https://comments.example.org/api';

/** The failed line's words, as a page in `m`'s language shows them. */
const reason = (error: Delivery['error'], m: Messages) =>
  deliveryStatus({ state: 'failed', clientId: 'c1', endpoint, error }, {
    messages: m,
    online: true,
  } as CommentViewOptions).querySelector('p')!.textContent;

describe('deliveryStatus', () => {
  it("words a kept failure in the page's language, the endpoint's origin in a CSP refusal", () => {
    const blocked = { kind: 'blocked', message: 'CSP', status: null, code: null, retryAfter: null } as const;
    expect(reason(blocked, de)).to.equal(de.couldNotSend(de.errorBlocked('https://comments.example.org')));
    const limited = { kind: 'http', message: 'Slow down.', status: 429, code: 'x', retryAfter: 30 } as const;
    expect(reason(limited, de)).to.equal(de.couldNotSend(de.rateLimited(30)));
    // The server's own words, where it sent them: they are the most useful ones.
    const refused = {
      kind: 'http',
      message: 'Too many links.',
      status: 400,
      code: 'links',
      retryAfter: null,
    } as const;
    expect(reason(refused, de)).to.equal(de.couldNotSend('Too many links.'));
  });

  it('shows the words an earlier version kept, and a general line when there is no error', () => {
    expect(reason('Could not reach the comments server.', de)).to.equal(
      de.couldNotSend('Could not reach the comments server.'),
    );
    expect(reason(null, en)).to.equal(en.couldNotSend(en.sendFailed));
  });
});
