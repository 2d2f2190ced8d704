/**
 * Every string the reader sees. A locale provides all of them (English is the fallback); site
 * owners may override any through the element's `messages` property. Functions receive the
 * values to place; counts should go through Intl.PluralRules of the locale.
 */
export interface Messages {
  /** "14 Responses to “Title”". */
  heading: (count: number, title: string) => string;
  /** "14 Responses", when the page has no title. */
  headingNoTitle: (count: number) => string;
  empty: string;
  loading: string;
  loadError: string;
  retry: string;
  loadMore: string;
  loadingMore: string;
  /** How many entries of the server's answer were not valid comments. */
  skipped: (count: number) => string;
  /** Over a thread kept on the device, shown because it could not be refreshed: since when, and why. */
  shownAsOf: (time: string, offline: boolean) => string;
  /** Near the top of the section, when a restored reply draft is out of sight further down. */
  draftKept: (name: string) => string;
  /** The button beside it, which takes the reader to that draft. */
  goToDraft: string;
  /** After the author's name: "Anon says:". */
  says: string;
  reply: string;
  /** The Reply button's accessible name. */
  replyTo: (name: string) => string;
  /** Above a reply shown below its real depth. */
  inReplyTo: (name: string) => string;
  replyToRemoved: string;
  /** Under a long list of replies of which only the first few are shown. */
  showMoreReplies: (count: number) => string;
  anonymous: string;
  /** The accessible name of a comment: author and date. */
  commentLabel: (name: string, date: string) => string;
  awaitingModeration: string;
  /** Under the comment field near the length limit: how many characters are left. */
  charactersLeft: (count: number) => string;
  /** Under the comment field over the length limit: by how many characters. */
  charactersOver: (count: number) => string;
  leaveReply: string;
  leaveReplyTo: (name: string) => string;
  cancelReply: string;
  requiredNote: string;
  emailNote: string;
  fieldComment: string;
  fieldName: string;
  fieldEmail: string;
  fieldWebsite: string;
  /** Label of the hidden anti-spam field; no person sees it. */
  honeypot: string;
  postComment: string;
  posting: string;
  errorBodyRequired: string;
  errorNameRequired: string;
  errorEmailRequired: string;
  errorEmailInvalid: string;
  errorUrlInvalid: string;
  /** Above the form when fields need correcting. */
  errorSummary: (count: number) => string;
  sendFailed: string;
  /** No connection to the comments server, when sending. */
  offline: string;
  /** No connection to the comments server, when loading. */
  unreachable: string;
  timeout: string;
  /** The server answered with something that is not the comments API. */
  errorInvalidResponse: string;
  /** The server failed without saying why. */
  errorServer: (status: number) => string;
  /** The page's Content Security Policy blocks the comments server: a message for the site owner. */
  errorBlocked: (origin: string) => string;
  rateLimited: (seconds: number | null) => string;
  posted: string;
  configError: string;
  configNoEndpoint: string;
  configBadEndpoint: (endpoint: string) => string;
  configUnknownBackend: (name: string) => string;
  waitingForConnection: string;
  sending: string;
  couldNotSend: (reason: string) => string;
  retrySend: string;
  edit: string;
  /** The quiet line under the form, with the time. */
  draftSaved: (time: string) => string;
  /** Announced to screen readers once per draft. */
  draftSavedShort: string;
  draftMemoryOnly: string;
  discardDraft: string;
  draftDiscarded: string;
  undo: string;
  rememberMe: string;
  draftChangedElsewhere: string;
  useOtherVersion: string;
  /** The reply form's checkbox, shown when the server can email replies. */
  notifyMe: string;
  /** Beside that checkbox while the email field is empty. */
  notifyNeedsEmail: string;
  /** Announced after sending with the box ticked: a confirmation email is on its way. */
  notifyConfirm: string;
  /** The label beside the name of the site owner on their comments. */
  byOwner: string;
  /** Beside the date of a comment its author changed. */
  edited: string;
  /** The reader's own comment, while they may still change it: "Delete". */
  deleteComment: string;
  /** Asked in place before deleting, with Delete and Keep. */
  deleteAsk: string;
  keep: string;
  /** The heading of the form when it edits the reader's own comment. */
  editHeading: string;
  saveEdit: string;
  cancelEdit: string;
  /** Announced when the server took an edit (published). */
  changeSaved: string;
  /** Announced when the server deleted the reader's comment. */
  deleted: string;
}

/**
 * The strings only the writing side shows (the reply form, drafts, the reader's own comments on
 * their way) and the wording of failures (a failed load fetches the writing side at once): they
 * come with the writing side, so the thread's first render carries none of them.
 */
export type WritingKey =
  | 'charactersLeft'
  | 'notifyMe'
  | 'notifyNeedsEmail'
  | 'notifyConfirm'
  | 'charactersOver'
  | 'leaveReplyTo'
  | 'cancelReply'
  | 'requiredNote'
  | 'emailNote'
  | 'fieldComment'
  | 'fieldName'
  | 'fieldEmail'
  | 'fieldWebsite'
  | 'honeypot'
  | 'postComment'
  | 'posting'
  | 'errorBodyRequired'
  | 'errorNameRequired'
  | 'errorEmailRequired'
  | 'errorEmailInvalid'
  | 'errorUrlInvalid'
  | 'errorSummary'
  | 'posted'
  | 'draftSaved'
  | 'draftSavedShort'
  | 'draftMemoryOnly'
  | 'discardDraft'
  | 'draftDiscarded'
  | 'undo'
  | 'rememberMe'
  | 'draftChangedElsewhere'
  | 'useOtherVersion'
  | 'deleteComment'
  | 'deleteAsk'
  | 'keep'
  | 'editHeading'
  | 'saveEdit'
  | 'cancelEdit'
  | 'changeSaved'
  | 'deleted'
  | 'draftKept'
  | 'goToDraft'
  | 'sendFailed'
  | 'offline'
  | 'unreachable'
  | 'timeout'
  | 'errorInvalidResponse'
  | 'errorServer'
  | 'errorBlocked'
  | 'rateLimited'
  | 'waitingForConnection'
  | 'sending'
  | 'couldNotSend'
  | 'retrySend'
  | 'edit';

export type WritingMessages = Pick<Messages, WritingKey>;
export type ThreadMessages = Omit<Messages, WritingKey>;
