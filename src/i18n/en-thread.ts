import type { ThreadMessages } from './messages.js';

const plural = new Intl.PluralRules('en');
/**
 * 12,345 as English writes it. Not toLocaleString: the first number a page formats loads ICU's
 * number data, measured at 50–200 ms on this machine, all of it before the heading can show.
 */
const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ',');
const responses = (count: number) =>
  plural.select(count) === 'one' ? 'One Response' : `${grouped(count)} Responses`;

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
  skipped: (count) =>
    `${count} ${plural.select(count) === 'one' ? 'comment' : 'comments'} could not be shown.`,
  says: 'says:',
  reply: 'Reply',
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  replyToRemoved: 'in reply to a comment that is no longer here',
  showMoreReplies: (count) =>
    plural.select(count) === 'one' ? 'Show 1 more reply' : `Show ${grouped(count)} more replies`,
  anonymous: 'Anonymous',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Your comment is awaiting moderation.',
  leaveReply: 'Leave a Reply',
  sendFailed: 'Your comment could not be sent. Your text is still here.',
  offline: 'You seem to be offline. Your text is still here; try again when you are connected.',
  unreachable: 'Could not reach the comments server.',
  timeout: 'The comments server did not answer in time. Your text is still here.',
  errorInvalidResponse: 'The comments server sent an answer this page cannot read.',
  errorServer: (status) => `The comments server had a problem (${status}).`,
  errorBlocked: (origin) =>
    `This page's Content Security Policy does not allow connections to ${origin}. The site owner needs to add it to connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Too many comments in a short time. Please wait a moment and try again.'
      : `Too many comments in a short time. Please try again in ${Math.ceil(seconds)} seconds.`,
  configError: 'The comments section is not set up correctly:',
  configNoEndpoint: 'the endpoint attribute is missing.',
  configBadEndpoint: (endpoint) => `the endpoint "${endpoint}" is not a valid URL.`,
  configUnknownBackend: (name) => `unknown backend "${name}".`,
  waitingForConnection: 'Waiting for a connection — it will be sent automatically.',
  sending: 'Sending…',
  couldNotSend: (reason) => `Couldn't send: ${reason}`,
  retrySend: 'Retry',
  edit: 'Edit',
  byOwner: 'Site owner',
};
