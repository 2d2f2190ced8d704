/**
 * The package entry: defines `<recovery-comments>` and `<rc-composer>` (through ./define.js, the
 * one module that registers elements), and exports every public class, function and type.
 */
export { defineElements } from './define.js';
export { RecoveryComments } from './recovery-comments.js';
export { RcComposer, type DraftStatus } from './components/composer.js';
export { RestBackend } from './backend/rest.js';
export { BackendError } from './backend/backend.js';
export { DeviceStore } from './offline/storage.js';
export type { CommentsBackend, PageRequest, PostResult, BackendErrorKind } from './backend/backend.js';
export type {
  Comment,
  Author,
  CommentStatus,
  CommentFields,
  Delivery,
  NewComment,
  ThreadPage,
  SortOrder,
} from './model/types.js';
export type { KeyValueStore } from './offline/storage.js';
export type { CommentsApi, SubmitOutcome } from './context.js';
export type { DraftSession, DraftListener } from './offline/draft-session.js';
export type { Draft, RemoteDraftChange } from './offline/drafts.js';
export type { Identity } from './offline/identity.js';
export type { Messages } from './i18n/messages.js';
export type * from './events.js';
