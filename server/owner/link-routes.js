// @ts-check
// GET and POST /links/:token, what links in emails open. GET only shows a page with a button
// (mail scanners and link previews fetch URLs; they must not approve anything); the POST the
// button makes acts, once, and says what happened. The token is the whole authority: it is
// signed, single-purpose, expiring, and used once.
import { renderPage, PAGE_CSP } from './html-page.js';
import { commentLink } from './notifier.js';

/** @typedef {import('./signed-links.js').LinkClaims} LinkClaims */
/** @typedef {{ status: number, page: import('./html-page.js').PageContent }} Answer */

const ADMIN = (/** @type {string} */ base) => ({ href: `${base}/admin/`, label: 'Open the moderation app' });

/**
 * @typedef {object} LinkRoutesOptions
 * @property {import('./owner.js').Owner} owner
 */

/** @type {import('fastify').FastifyPluginAsync<LinkRoutesOptions>} */
export const linkRoutes = async (app, { owner }) => {
  // RFC 8058's one-click POST sends a form body (urlencoded or multipart), a button sends an empty
  // urlencoded one; the token in the path is all we need, so any small body is read and ignored.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { bodyLimit: 4096 }, (_request, payload, done) => {
    payload.on('data', () => {});
    payload.on('end', () => done(null, null));
    payload.on('error', done);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', PAGE_CSP);
    reply.header('Cache-Control', 'no-store');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });

  const params = {
    type: 'object',
    required: ['token'],
    properties: { token: { type: 'string', minLength: 1, maxLength: 4000 } },
  };
  const send = (/** @type {import('fastify').FastifyReply} */ reply, /** @type {Answer} */ answer) =>
    reply.code(answer.status).type('text/html; charset=utf-8').send(renderPage(answer.page));

  app.get('/links/:token', { schema: { params } }, async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    return send(reply, await preview(token));
  });

  app.post('/links/:token', { schema: { params } }, async (request, reply) => {
    const { token } = /** @type {{ token: string }} */ (request.params);
    return send(reply, await act(token));
  });

  /** @returns {Promise<Answer | { claims: LinkClaims }>} */
  async function check(/** @type {string} */ token) {
    const result = owner.signer.verify(token);
    if (!result.ok) {
      return result.reason === 'expired'
        ? {
            status: 410,
            page: {
              title: 'This link has expired',
              paragraphs: ['Links in these emails work for 7 days. Nothing was changed.'],
              link: ADMIN(owner.baseUrl()),
            },
          }
        : {
            status: 400,
            page: {
              title: 'This link is not valid',
              paragraphs: ['It may have been cut short or changed when it was copied. Nothing was changed.'],
            },
          };
    }
    // An unsubscribe link keeps working: pressing it twice must not look like an error.
    if (result.claims.purpose !== 'unsubscribe' && (await owner.owner.isLinkUsed(result.claims.nonce))) {
      return {
        status: 409,
        page: { title: 'This link was already used', paragraphs: ['Nothing was changed.'] },
      };
    }
    return { claims: result.claims };
  }

  /** @returns {Promise<Answer>} */
  async function preview(/** @type {string} */ token) {
    const checked = await check(token);
    if (!('claims' in checked)) return checked;
    const { purpose, subject } = checked.claims;
    if (purpose === 'approve' || purpose === 'reject') {
      const comment = await owner.owner.getOwnerComment(subject);
      if (comment === null) return gone();
      const verb = purpose === 'approve' ? 'Approve' : 'Reject';
      return {
        status: 200,
        page: {
          title: `${verb} this comment?`,
          paragraphs: [
            `${comment.author.name} wrote on ${comment.thread.title ?? comment.thread.id}:`,
            `It is ${comment.status} now.`,
          ],
          quote: comment.body,
          button: { label: `${verb} this comment` },
        },
      };
    }
    if (purpose === 'confirm') {
      return {
        status: 200,
        page: {
          title: 'Email me about replies?',
          paragraphs: ['Press the button to get an email each time someone replies to your comment.'],
          button: { label: 'Yes, email me about replies' },
        },
      };
    }
    return {
      status: 200,
      page: {
        title: 'Stop the emails about replies?',
        paragraphs: ['Press the button and you will get no more emails about replies to this comment.'],
        button: { label: 'Stop these emails' },
      },
    };
  }

  /** @returns {Promise<Answer>} */
  async function act(/** @type {string} */ token) {
    const checked = await check(token);
    if (!('claims' in checked)) return checked;
    const { purpose, subject, nonce, expiresAt } = checked.claims;
    if (purpose === 'unsubscribe') {
      const subscription = await owner.owner.getSubscription(subject);
      if (subscription !== null) await owner.owner.setSubscriptionState(subject, 'unsubscribed');
      return {
        status: 200,
        page: {
          title: 'Unsubscribed',
          paragraphs: ['You will get no more emails about replies to this comment.'],
        },
      };
    }
    // Two presses at once: only the first gets past this line.
    if (!(await owner.owner.useLink(nonce, new Date(expiresAt).toISOString()))) {
      return {
        status: 409,
        page: { title: 'This link was already used', paragraphs: ['Nothing was changed.'] },
      };
    }
    if (purpose === 'confirm') {
      const subscription = await owner.owner.getSubscription(subject);
      if (subscription === null) return gone();
      if (subscription.state === 'unconfirmed') await owner.owner.setSubscriptionState(subject, 'confirmed');
      return {
        status: 200,
        page: {
          title: 'Confirmed',
          paragraphs: [
            'You will get an email when someone replies to your comment. Each email has a link to stop them.',
          ],
        },
      };
    }
    const comment = await owner.owner.getOwnerComment(subject);
    if (comment === null) return gone();
    const changed = await owner.owner.moderate([subject], purpose);
    if (changed.length === 0) {
      return {
        status: 200,
        page: {
          title: `Already ${comment.status}`,
          paragraphs: ['Nothing was changed.'],
          link: ADMIN(owner.baseUrl()),
        },
      };
    }
    if (purpose === 'approve') owner.published([subject]);
    const pageLink = commentLink(comment.thread.url, comment.id);
    return {
      status: 200,
      page:
        purpose === 'approve'
          ? {
              title: 'Approved',
              paragraphs: [`The comment by ${comment.author.name} is published.`],
              link:
                pageLink === null ? ADMIN(owner.baseUrl()) : { href: pageLink, label: 'See it on the page' },
            }
          : {
              title: 'Rejected',
              paragraphs: [`The comment by ${comment.author.name} will not be published.`],
              link: ADMIN(owner.baseUrl()),
            },
    };
  }

  /** @returns {Answer} */
  function gone() {
    return { status: 404, page: { title: 'Nothing to do', paragraphs: ['This comment no longer exists.'] } };
  }
};
