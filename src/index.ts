/** The package entry: defines `<recovery-comments>` and `<rc-composer>`, and exports their types. */
export { RecoveryComments } from './recovery-comments.js';
export { RcComposer } from './components/composer.js';
export { RestBackend } from './backend/rest.js';
export { BackendError } from './backend/backend.js';
export type { CommentsBackend, PageRequest, PostResult, BackendErrorKind } from './backend/backend.js';
export type { Comment, Author, CommentStatus, NewComment, ThreadPage, SortOrder } from './model/types.js';
export type { Messages } from './i18n/messages.js';
export type * from './events.js';
