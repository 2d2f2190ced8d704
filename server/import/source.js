// @ts-check
// What every export format is read into before anything is stored: threads and comments in the
// source's own terms (its ids, its statuses, its HTML), plus the date rules both formats share.
import { ImportError } from './xml.js';

/**
 * Why a comment of the file is not imported.
 * @typedef {'spam' | 'trash' | 'deleted' | 'pingback' | 'trackback' | 'other type'} SkipReason
 */

/**
 * A post (WordPress) or thread (Disqus) of the file.
 * @typedef {object} SourceThread
 * @property {string} id the source's id of it, which comments refer to
 * @property {string} identifier what `--thread-from id` keys it by
 * @property {string} link its URL as the file gives it ('' when none)
 * @property {number} line
 */

/**
 * A comment of the file, as the source has it.
 * @typedef {object} SourceComment
 * @property {string} id
 * @property {string} threadId SourceThread.id
 * @property {string | null} parentId
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} html
 * @property {Date} createdAt
 * @property {'published' | 'pending' | SkipReason} state
 * @property {number} line
 */

/**
 * A whole export file, read.
 * @typedef {object} SourceExport
 * @property {string} source names the site it came from; with each comment's id it is what makes
 *   a second import of the same site skip what the first one stored
 * @property {SourceThread[]} threads
 * @property {SourceComment[]} comments
 */

const SQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads "2024-03-05 14:02:09" (WordPress's GMT columns) and ISO 8601 ("2024-03-05T14:02:09Z",
 * Disqus) as UTC unless a zone is given; null for anything else, such as WordPress's
 * "0000-00-00 00:00:00" or a 31st of February.
 */
export function parseUtcDate(/** @type {string} */ text) {
  const match = SQL_DATE.exec(text.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
  const zone = match[8] ?? 'Z';
  const local = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  const check = new Date(local);
  if (
    year < 1000 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  if (zone === 'Z') return check;
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) ?? [];
  const offset = (Number(hours) * 60 + Number(minutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return new Date(local - offset);
}

/** An ImportError that points at a line of the file. */
export function errorAt(
  /** @type {string} */ file,
  /** @type {number} */ line,
  /** @type {string} */ message,
) {
  return new ImportError(`${file}:${line}: ${message}`);
}

/** Trims a field; blank is null. */
export function optional(/** @type {string} */ text) {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
