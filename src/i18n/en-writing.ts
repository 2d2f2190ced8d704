import type { WritingMessages } from './messages.js';

// English counts are whole numbers, and its plural rule for them is one for 1, other for the rest.
const characters = (count: number) =>
  `${count.toLocaleString('en')} ${count === 1 ? 'character' : 'characters'}`;

/** English for the reply form, drafts, unsent comments and failures: it comes with the writing side (`write/writing.ts`). */
export const enWriting: WritingMessages = {
  charactersLeft: (count) => `${characters(count)} left.`,
  charactersOver: (count) => `${characters(count)} too many.`,
  leaveReplyTo: (name) => `Leave a Reply to ${name}`,
  cancelReply: 'Cancel reply',
  requiredNote: 'Required fields are marked *',
  emailNote: 'Your email address will not be published.',
  fieldComment: 'Comment',
  fieldName: 'Name',
  fieldEmail: 'Email',
  fieldWebsite: 'Website',
  honeypot: 'Leave this field empty',
  postComment: 'Post Comment',
  posting: 'Posting…',
  errorBodyRequired: 'Please write a comment.',
  errorNameRequired: 'Please enter a name. A pseudonym is fine.',
  errorEmailRequired: 'Please enter your email address. It will not be published.',
  errorEmailInvalid: 'Please enter an email address like name@example.org.',
  errorUrlInvalid: 'Please enter a web address starting with http:// or https://.',
  errorSummary: (count) => `Please correct ${count === 1 ? 'the field' : `${count} fields`} below.`,
  posted: 'Your comment was posted.',
  draftSaved: (time) => `Draft saved on this device at ${time}.`,
  draftSavedShort: 'Draft saved',
  draftMemoryOnly: 'Your draft is kept only in this window: this browser is not letting the page store it.',
  discardDraft: 'Discard draft',
  draftDiscarded: 'Draft discarded.',
  undo: 'Undo',
  rememberMe: 'Save my name, email, and website in this browser for the next time I comment.',
  draftChangedElsewhere: 'You also changed this draft in another tab.',
  useOtherVersion: 'Use that version',
  draftKept: (name) => `Your unsent reply to ${name} is kept.`,
  goToDraft: 'Go to it',
  notifyMe: 'Email me when someone replies',
  notifyNeedsEmail: 'Needs your email address.',
  notifyConfirm: 'Please confirm by email to be told of replies.',
  deleteComment: 'Delete',
  deleteAsk: 'Delete this comment?',
  keep: 'Keep',
  editHeading: 'Edit your comment',
  saveEdit: 'Save changes',
  cancelEdit: 'Cancel',
  changeSaved: 'Your change was saved.',
  deleted: 'Your comment was deleted.',
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
  waitingForConnection: 'Waiting for a connection — it will be sent automatically.',
  sending: 'Sending…',
  couldNotSend: (reason) => `Couldn't send: ${reason}`,
  retrySend: 'Retry',
  edit: 'Edit',
};
