import type { ThreadMessages } from './messages.js';

const plural = new Intl.PluralRules('en');
const responses = (count: number) =>
  plural.select(count) === 'one' ? 'One Response' : `${count.toLocaleString('en')} Responses`;

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
    plural.select(count) === 'one' ? 'Show 1 more reply' : `Show ${count.toLocaleString('en')} more replies`,
  anonymous: 'Anonymous',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Your comment is awaiting moderation.',
  leaveReply: 'Leave a Reply',
  configError: 'The comments section is not set up correctly:',
  configNoEndpoint: 'the endpoint attribute is missing.',
  configBadEndpoint: (endpoint) => `the endpoint "${endpoint}" is not a valid URL.`,
  configUnknownBackend: (name) => `unknown backend "${name}".`,
  byOwner: 'Site owner',
};
