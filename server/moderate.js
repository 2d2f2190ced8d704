// @ts-check
// `recovery-comments-server moderate …`: the moderation queue from a terminal, straight on the
// database (SQLite's locking, or PostgreSQL's transactions, make that safe while the server runs).
import { redactUrl } from './postgres.js';
import { queueReplyNotifications } from './owner/owner.js';
import { isPostgresLocation, openStore } from './store.js';

/** @typedef {import('./store.js').CommentStore} CommentStore */

/** @typedef {Extract<import('./cli.js').Command, { kind: 'moderate' }>} ModerateCommand */
/** @typedef {{ out: (text: string) => void, err: (text: string) => void }} Output */

const BODY_PREVIEW_LENGTH = 300;

/** Runs a moderate command and returns the process exit code (1 for an unknown id or no database). */
export async function runModerateCommand(
  /** @type {ModerateCommand} */ command,
  /** @type {Output} */ output,
) {
  /** @type {CommentStore} */
  let store;
  try {
    store = await openStore(command.db, { mustExist: true });
  } catch (error) {
    output.err(
      `Cannot open the database ${isPostgresLocation(command.db) ? redactUrl(command.db) : command.db}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  try {
    return command.action === 'list'
      ? await listComments(store, command, output)
      : await changeComment(store, command, output);
  } finally {
    await store.close();
  }
}

/** Makes stored text safe to print on a terminal: a hostile comment must not send escape codes. */
export function printable(/** @type {string} */ text) {
  return text
    .replace(/\r\n|\r|\n/g, ' ⏎ ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');
}

/**
 * @param {CommentStore} store
 * @param {Extract<ModerateCommand, { action: 'list' }>} command
 * @param {Output} output
 */
async function listComments(store, command, output) {
  const comments = await store.listForModeration({ status: command.status, thread: command.thread });
  const where = command.thread === null ? '' : ` in ${printable(command.thread)}`;
  if (comments.length === 0) {
    output.out(`No ${command.status} comments${where}.\n`);
    return 0;
  }
  output.out(`${comments.length} ${command.status} comment${comments.length === 1 ? '' : 's'}${where}:\n`);
  for (const comment of comments) {
    const reply = comment.parentId === null ? '' : `, reply to ${printable(comment.parentId)}`;
    const contact = [comment.author.email, comment.author.url]
      .filter((part) => part !== null)
      .map((part) => printable(String(part)));
    const body = printable(comment.body);
    output.out(
      `\n${printable(comment.id)}  ${comment.createdAt}  ${printable(comment.thread)}${reply}\n` +
        `  ${printable(comment.author.name)}${contact.length > 0 ? ` (${contact.join(', ')})` : ''}\n` +
        `  ${body.length > BODY_PREVIEW_LENGTH ? `${body.slice(0, BODY_PREVIEW_LENGTH)}…` : body}\n`,
    );
  }
  return 0;
}

/**
 * @param {CommentStore} store
 * @param {Extract<ModerateCommand, { action: 'approve' | 'reject' | 'delete' }>} command
 * @param {Output} output
 */
async function changeComment(store, command, output) {
  const id = printable(command.id);
  if (command.action === 'delete') {
    const deleted = await store.deleteComment(command.id);
    if (deleted === 0) return unknownId(id, output);
    const replies = deleted - 1;
    output.out(
      `Deleted comment ${id}${replies > 0 ? ` and its ${replies} repl${replies === 1 ? 'y' : 'ies'}` : ''}.\n`,
    );
    return 0;
  }
  const before = await store.getComment(command.id);
  const comment = await store.setStatus(command.id, command.action === 'approve' ? 'published' : 'rejected');
  // Readers subscribed to the parent hear of it, as when the app approves it (a running server sends).
  if (comment !== null && comment.status === 'published' && before?.status !== 'published') {
    await queueReplyNotifications(store, comment.id);
  }
  if (comment === null) return unknownId(id, output);
  const verb = command.action === 'approve' ? 'Approved (published)' : 'Rejected';
  output.out(`${verb} comment ${id} by ${printable(comment.author.name)} on ${printable(comment.thread)}.\n`);
  return 0;
}

function unknownId(/** @type {string} */ id, /** @type {Output} */ output) {
  output.err(`No comment has the id ${id}.\n`);
  return 1;
}
