// @ts-check
// From a read export to the comments to store: which thread each belongs to (the path of its
// page's link, as the element keys threads, or the source's id), which are left out and why,
// which imported comment each reply hangs under, and an order with every parent before its
// replies, whatever the order of the file. Pure: no files, no database.
import { isHttpUrlOrBlank, THREAD_MAX_LENGTH } from '../schemas.js';
import { htmlToText } from './html-text.js';
import { errorAt } from './source.js';

/** @typedef {import('./source.js').SourceExport} SourceExport */
/** @typedef {import('./source.js').SourceComment} SourceComment */
/** @typedef {import('./source.js').SourceThread} SourceThread */
/** @typedef {import('./source.js').SkipReason} SkipReason */
/** @typedef {'link' | 'id'} ThreadFrom */

/**
 * A comment ready for the store.
 * @typedef {object} PlannedComment
 * @property {string} sourceId
 * @property {string | null} sourceParentId the nearest ancestor that is imported too
 * @property {string} thread
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {Date} createdAt
 * @property {'published' | 'pending'} status
 */

/**
 * @typedef {object} ImportPlan
 * @property {string} source
 * @property {PlannedComment[]} comments parents before their replies
 * @property {Map<SkipReason, number>} skipped
 */

/**
 * Plans the import of `data`, read from `file` (named in errors).
 * @param {string} file
 * @param {SourceExport} data
 * @param {{ threadFrom: ThreadFrom }} options
 * @returns {ImportPlan}
 */
export function planImport(file, data, { threadFrom }) {
  /** @type {Map<string, SourceThread>} */
  const threads = new Map();
  for (const thread of data.threads) {
    if (threads.has(thread.id))
      throw errorAt(file, thread.line, `a second post or thread has the id ${thread.id}.`);
    threads.set(thread.id, thread);
  }
  /** @type {Map<string, SourceComment>} */
  const byId = new Map();
  for (const comment of data.comments) {
    if (byId.has(comment.id)) throw errorAt(file, comment.line, `a second comment has the id ${comment.id}.`);
    if (!threads.has(comment.threadId)) {
      throw errorAt(
        file,
        comment.line,
        `comment ${comment.id} belongs to ${comment.threadId}, which the file does not have.`,
      );
    }
    byId.set(comment.id, comment);
  }

  const keys = threadKeys(file, threadFrom);
  const imported = (/** @type {SourceComment} */ comment) =>
    comment.state === 'published' || comment.state === 'pending';

  /** @type {Map<string, string | null>} */
  const parentOf = new Map();
  /**
   * The nearest imported ancestor in the same thread: a reply to a spam or trashed comment
   * hangs under what that one replied to, so no reader's words are lost with it.
   */
  const importedParent = (/** @type {SourceComment} */ comment) => {
    const known = parentOf.get(comment.id);
    if (known !== undefined) return known;
    /** @type {SourceComment[]} */
    const walked = [];
    const seen = new Set([comment.id]);
    /** @type {string | null} */
    let found = null;
    let current = comment;
    for (;;) {
      const parent = current.parentId === null ? undefined : byId.get(current.parentId);
      if (parent === undefined || parent.threadId !== comment.threadId) break;
      if (seen.has(parent.id))
        throw errorAt(file, comment.line, `comment ${comment.id} is its own ancestor.`);
      seen.add(parent.id);
      const cached = parentOf.get(parent.id);
      if (imported(parent)) {
        found = parent.id;
        break;
      }
      if (cached !== undefined) {
        found = cached;
        break;
      }
      walked.push(parent);
      current = parent;
    }
    for (const skippedAncestor of walked) parentOf.set(skippedAncestor.id, found);
    parentOf.set(comment.id, found);
    return found;
  };

  /** @type {Map<SkipReason, number>} */
  const skipped = new Map();
  /** @type {PlannedComment[]} */
  const comments = [];
  const placed = new Set();
  for (const first of data.comments) {
    if (!imported(first)) {
      const reason = /** @type {SkipReason} */ (first.state);
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      continue;
    }
    // Its unplaced ancestors first, oldest ancestor first; a loop, not recursion, so a chain of
    // 10,000 replies does not overflow the stack.
    /** @type {SourceComment[]} */
    const chain = [];
    const inChain = new Set();
    for (let comment = first; !placed.has(comment.id);) {
      if (inChain.has(comment.id))
        throw errorAt(file, comment.line, `comment ${comment.id} is its own ancestor.`);
      inChain.add(comment.id);
      chain.push(comment);
      const parentId = importedParent(comment);
      const parent = parentId === null ? undefined : byId.get(parentId);
      if (parent === undefined) break;
      comment = parent;
    }
    for (const comment of chain.reverse()) {
      placed.add(comment.id);
      comments.push({
        sourceId: comment.id,
        sourceParentId: importedParent(comment),
        thread: keys(/** @type {SourceThread} */ (threads.get(comment.threadId))),
        author: {
          name: comment.author.name,
          email: comment.author.email,
          url:
            comment.author.url !== null && isHttpUrlOrBlank(comment.author.url) ? comment.author.url : null,
        },
        body: htmlToText(comment.html),
        createdAt: comment.createdAt,
        status: comment.state === 'pending' ? 'pending' : 'published',
      });
    }
  }
  return { source: data.source, comments, skipped };
}

/**
 * The thread id of each source thread, checked once each: the path of its link (what the
 * element uses by default), or the source's own identifier.
 * @param {string} file
 * @param {ThreadFrom} threadFrom
 */
function threadKeys(file, threadFrom) {
  /** @type {Map<string, string>} */
  const cache = new Map();
  /** @type {Map<string, { link: string, search: string }>} */
  const byPath = new Map();
  return (/** @type {SourceThread} */ thread) => {
    const cached = cache.get(thread.id);
    if (cached !== undefined) return cached;
    const key = threadFrom === 'id' ? fromId(thread) : fromLink(thread);
    if (key.length > THREAD_MAX_LENGTH) {
      throw errorAt(
        file,
        thread.line,
        `the thread id "${key.slice(0, 80)}…" is longer than ${THREAD_MAX_LENGTH} characters.`,
      );
    }
    cache.set(thread.id, key);
    return key;
  };

  function fromId(/** @type {SourceThread} */ thread) {
    if (thread.identifier === '') {
      throw errorAt(
        file,
        thread.line,
        `the thread at ${thread.link || thread.id} has no id of its own; use --thread-from link.`,
      );
    }
    return thread.identifier;
  }

  function fromLink(/** @type {SourceThread} */ thread) {
    /** @type {URL} */
    let url;
    try {
      url = new URL(thread.link);
    } catch {
      throw errorAt(
        file,
        thread.line,
        thread.link === ''
          ? `the post or thread ${thread.id} has comments but no <link>; use --thread-from id.`
          : `"${thread.link}" is not a URL; use --thread-from id.`,
      );
    }
    const other = byPath.get(url.pathname);
    if (other !== undefined && other.search !== url.search) {
      // Plain permalinks (/?p=12) all have the path "/": keyed by path they would be one thread.
      throw errorAt(
        file,
        thread.line,
        `${thread.link} and ${other.link} have the same path (${url.pathname}), and threads are keyed by path. ` +
          'Switch the site to pretty permalinks before exporting, or use --thread-from id and give each page thread="…".',
      );
    }
    byPath.set(url.pathname, { link: thread.link, search: url.search });
    return url.pathname;
  }
}
