// @ts-check
// GET /threads/:thread/feed.atom and GET /feed.atom (contract v1.1): the newest published
// comments of a thread, or of the whole site, as Atom, with links back to each comment.
import { atomFeed } from './atom.js';
import { CACHE_CONTROL, conditionalGet } from './http-cache.js';
import { threadParamsSchema } from './schemas.js';

/** Entries per feed: feed readers poll, so the newest are what matters. */
export const FEED_LENGTH = 50;

/**
 * @typedef {object} FeedRoutesOptions
 * @property {import('./store.js').CommentStore} store
 * @property {import('./comment-routes.js').RouteRateLimit} readLimit
 */

/** @type {import('fastify').FastifyPluginAsync<FeedRoutesOptions>} */
export const feedRoutes = async (app, { store, readLimit }) => {
  const options = { config: { rateLimit: readLimit }, onSend: conditionalGet(CACHE_CONTROL.feed) };
  const send = (/** @type {import('fastify').FastifyReply} */ reply, /** @type {string} */ xml) =>
    reply.type('application/atom+xml; charset=utf-8').send(xml);

  app.get(
    '/threads/:thread/feed.atom',
    { ...options, schema: { params: threadParamsSchema } },
    async (request, reply) => {
      const { thread } = /** @type {{ thread: string }} */ (request.params);
      const comments = await store.recentPublished({ thread, limit: FEED_LENGTH });
      const pageUrl = comments.find((comment) => comment.pageUrl !== null)?.pageUrl ?? null;
      return send(
        reply,
        atomFeed({ key: `thread:${thread}`, title: `Comments on ${thread}`, pageUrl, comments }),
      );
    },
  );

  app.get('/feed.atom', options, async (_request, reply) => {
    const comments = await store.recentPublished({ thread: null, limit: FEED_LENGTH });
    return send(reply, atomFeed({ key: 'site', title: 'Recent comments', pageUrl: null, comments }));
  });
};
