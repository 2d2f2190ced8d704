import type { WritingMessages } from './messages.js';

const plural = new Intl.PluralRules('en');
const characters = (count: number) =>
  `${count.toLocaleString('en')} ${plural.select(count) === 'one' ? 'character' : 'characters'}`;

/** English for the reply form and drafts: it comes with the writing side (`write/writing.ts`). */
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
  errorSummary: (count) =>
    `Please correct ${plural.select(count) === 'one' ? 'the field' : `${count} fields`} below.`,
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
};
