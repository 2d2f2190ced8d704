import type { ThreadMessages } from './messages.js';

// English counts are whole numbers, and its plural rule for them is one for 1, other for the rest.
/**
 * 12,345 as English writes it. Not toLocaleString: the first number a page formats loads ICU's
 * number data, measured at 50–200 ms on this machine, all of it before the heading can show.
 */
const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ',');
const responses = (count: number) => (count === 1 ? 'One Response' : `${grouped(count)} Responses`);

/** English for reading the thread: the default, and the fallback for every other locale. */
export const enThread: ThreadMessages = {
  heading: (count, title) => `${responses(count)} to “${title}”`,
  headingNoTitle: responses,
  empty: 'No comments yet. Be the first to share your thoughts.',
  loading: 'Loading comments…',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  loadMore: 'Load more comments',
  loadingMore: 'Loading more comments…',
  skipped: (count) => `${count} comment${count === 1 ? '' : 's'} could not be shown.`,
  shownAsOf: (time, offline) =>
    `Shown as of ${time}: ${offline ? 'you are offline' : 'the comments server could not be reached'}.`,
  says: 'says:',
  reply: 'Reply',
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  replyToRemoved: 'in reply to a comment that is no longer here',
  showMoreReplies: (count) => (count === 1 ? 'Show 1 more reply' : `Show ${grouped(count)} more replies`),
  anonymous: 'Anonymous',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Your comment is awaiting moderation.',
  leaveReply: 'Leave a Reply',
  configError: 'The comments section is not set up correctly:',
  configNoEndpoint: 'the endpoint attribute is missing.',
  configBadEndpoint: (endpoint) => `the endpoint "${endpoint}" is not a valid URL.`,
  configUnknownBackend: (name) => `unknown backend "${name}".`,
  byOwner: 'Site owner',
  edited: 'edited',
};
