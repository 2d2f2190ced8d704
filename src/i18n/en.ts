import type { Messages } from './messages.js';

const plural = new Intl.PluralRules('en');

/** English, the default and the fallback for every other locale. */
export const en: Messages = {
  heading: (count, title) =>
    `${plural.select(count) === 'one' ? 'One Response' : `${count.toLocaleString('en')} Responses`} to “${title}”`,
  headingNoTitle: (count) =>
    plural.select(count) === 'one' ? 'One Response' : `${count.toLocaleString('en')} Responses`,
  empty: 'No comments yet. Be the first to share your thoughts.',
  loading: 'Loading comments…',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  loadMore: 'Load more comments',
  loadingMore: 'Loading more comments…',
  skipped: (count) => `${count} ${count === 1 ? 'comment' : 'comments'} could not be shown.`,
  says: 'says:',
  reply: 'Reply',
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  replyToRemoved: 'in reply to a comment that is no longer here',
  anonymous: 'Anonymous',
  awaitingModeration: 'Your comment is awaiting moderation.',
  leaveReply: 'Leave a Reply',
  leaveReplyTo: (name) => `Leave a Reply to ${name}`,
  cancelReply: 'Cancel reply',
  requiredNote: 'Required fields are marked *',
  emailNote: 'Your email address will not be published.',
  fieldComment: 'Comment',
  fieldName: 'Name',
  fieldEmail: 'Email',
  fieldWebsite: 'Website',
  required: 'required',
  postComment: 'Post Comment',
  posting: 'Posting…',
  errorBodyRequired: 'Please write a comment.',
  errorNameRequired: 'Please enter a name. A pseudonym is fine.',
  errorEmailRequired: 'Please enter your email address. It will not be published.',
  errorEmailInvalid: 'Please enter an email address like name@example.org.',
  errorUrlInvalid: 'Please enter a web address starting with http:// or https://.',
  errorSummary: (count) => `Please correct ${count === 1 ? 'the field' : `${count} fields`} below.`,
  sendFailed: 'Your comment could not be sent. Your text is still here.',
  offline: 'You seem to be offline. Your text is still here; try again when you are connected.',
  timeout: 'The comments server did not answer in time. Your text is still here.',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Too many comments in a short time. Please wait a moment and try again.'
      : `Too many comments in a short time. Please try again in ${Math.ceil(seconds)} seconds.`,
  posted: 'Your comment was posted.',
  configError: 'The comments section is not set up correctly:',
};
