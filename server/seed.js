// @ts-check
// Starting comments for demos and tests, from a JSON file:
//   { "threads": { "<threadId>": [ { "id", "parentId", "author": { "name", "email", "url" },
//                                    "body", "createdAt", "status" } ] } }
// createdAt is an ISO date or a time relative to now ("-3d", "-5h", "-40m", "-30s", "-2w",
// "now"), so a demo always looks recent. A thread is seeded only while it has no comments, so
// restarting on a file database never duplicates anything.
import { readFileSync } from 'node:fs';
import { isHttpUrlOrBlank } from './schemas.js';

/** @typedef {import('./store.js').NewComment} NewComment */
/** @typedef {Map<string, NewComment[]>} Seed threads and their comments, parents before replies */

/** A seed file that cannot be used, with a message that says where and why. */
export class SeedError extends Error {
  constructor(/** @type {string} */ message) {
    super(message);
    this.name = 'SeedError';
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE_TIME = /^-(\d{1,6})([smhdw])$/;
const STATUSES = new Set(['published', 'pending', 'rejected']);

/** Reads "-3d"-style relative times, "now" and ISO dates; null for anything else. */
export function parseSeedTime(/** @type {string} */ value, /** @type {number} */ now = Date.now()) {
  if (value === 'now') return new Date(now);
  const relative = RELATIVE_TIME.exec(value);
  if (relative !== null) {
    const unit = /** @type {keyof typeof UNIT_MS} */ (relative[2]);
    return new Date(now - Number(relative[1]) * UNIT_MS[unit]);
  }
  // Only full dates with a time: Date.parse alone would take "3" or "March" too.
  const calendar = /^(\d{4})-(\d{2})-(\d{2})T/.exec(value);
  if (calendar === null) return null;
  // Date rolls "02-30" over into March; a seed with that date has a typo worth reporting.
  const [year, month, day] = calendar.slice(1).map(Number);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Validates parsed seed JSON and puts each thread's comments in insertion order. */
export function parseSeed(/** @type {unknown} */ data, /** @type {number} */ now = Date.now()) {
  if (!isObject(data) || !isObject(data.threads)) {
    throw new SeedError('The seed must be a JSON object with a "threads" object.');
  }
  /** @type {Seed} */
  const seed = new Map();
  for (const [thread, entries] of Object.entries(data.threads)) {
    const where = `threads[${JSON.stringify(thread)}]`;
    if (thread === '' || thread.length > 512)
      throw new SeedError(`${where}: a thread id must be 1 to 512 characters long.`);
    if (!Array.isArray(entries)) throw new SeedError(`${where} must be an array of comments.`);
    const comments = entries.map((entry, index) => parseSeedComment(entry, `${where}[${index}]`, now));
    seed.set(thread, parentsFirst(comments, where));
  }
  return seed;
}

/** Reads and validates a seed file. */
export function readSeedFile(/** @type {string} */ path, /** @type {number} */ now = Date.now()) {
  /** @type {unknown} */
  let data;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SeedError(
      `Cannot read the seed file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseSeed(data, now);
  } catch (error) {
    if (error instanceof SeedError) throw new SeedError(`${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Seeds every thread that has no comments yet; returns the number of comments inserted per thread.
 * @param {import('./store.js').CommentStore} store
 * @param {Seed} seed
 */
export async function applySeed(store, seed) {
  /** @type {Map<string, number>} */
  const inserted = new Map();
  for (const [thread, comments] of seed) inserted.set(thread, await store.seedThread(thread, comments));
  return inserted;
}

/**
 * @param {unknown} entry
 * @param {string} where
 * @param {number} now
 * @returns {NewComment & { id: string }}
 */
function parseSeedComment(entry, where, now) {
  if (!isObject(entry)) throw new SeedError(`${where} must be an object.`);
  const { id, parentId = null, author, body, createdAt = 'now', status = 'published' } = entry;
  if (typeof id !== 'string' || id === '') throw new SeedError(`${where}.id must be a non-empty string.`);
  if (parentId !== null && (typeof parentId !== 'string' || parentId === '')) {
    throw new SeedError(`${where}.parentId must be null or a comment id.`);
  }
  if (!isObject(author) || typeof author.name !== 'string' || author.name.trim() === '') {
    throw new SeedError(`${where}.author.name must be a non-empty string.`);
  }
  const email = optionalString(author.email, `${where}.author.email`);
  const url = optionalString(author.url, `${where}.author.url`);
  // The same rule as for readers: the element must never be handed a javascript: link.
  if (url !== null && !isHttpUrlOrBlank(url))
    throw new SeedError(`${where}.author.url must be an http:// or https:// address.`);
  if (typeof body !== 'string' || body.trim() === '')
    throw new SeedError(`${where}.body must be a non-empty string.`);
  const date = typeof createdAt === 'string' ? parseSeedTime(createdAt, now) : null;
  if (date === null) {
    throw new SeedError(
      `${where}.createdAt must be an ISO date or a relative time such as "-3d", "-5h" or "-40m".`,
    );
  }
  if (typeof status !== 'string' || !STATUSES.has(status)) {
    throw new SeedError(`${where}.status must be "published", "pending" or "rejected".`);
  }
  return {
    id,
    parentId,
    author: { name: author.name, email, url },
    body,
    createdAt: date,
    status: /** @type {import('./store.js').CommentStatus} */ (status),
  };
}

/**
 * Orders comments so every parent comes before its replies, whatever order the file uses.
 * @param {(NewComment & { id: string })[]} comments
 * @param {string} where
 */
function parentsFirst(comments, where) {
  const ids = new Set();
  for (const comment of comments) {
    if (ids.has(comment.id))
      throw new SeedError(`${where}: the id ${JSON.stringify(comment.id)} is used twice.`);
    ids.add(comment.id);
  }
  const placed = new Set();
  /** @type {NewComment[]} */
  const ordered = [];
  let waiting = comments;
  while (waiting.length > 0) {
    const stillWaiting = waiting.filter((comment) => {
      if (comment.parentId != null && !placed.has(comment.parentId)) return true;
      ordered.push(comment);
      placed.add(comment.id);
      return false;
    });
    if (stillWaiting.length === waiting.length) {
      const orphan = stillWaiting[0];
      throw new SeedError(
        `${where}: comment ${JSON.stringify(orphan.id)} replies to ${JSON.stringify(orphan.parentId)}, ` +
          'which is not a comment of this thread (or the replies form a cycle).',
      );
    }
    waiting = stillWaiting;
  }
  return ordered;
}

/** @returns {value is Record<string, unknown>} */
function isObject(/** @type {unknown} */ value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(/** @type {unknown} */ value, /** @type {string} */ where) {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new SeedError(`${where} must be a string or null.`);
  return value;
}
