// @ts-check
// Email addresses the server writes into mail headers (--notify, --from, moderators, readers
// who subscribe). Checked once, where they come in: a CR or LF in an address would let its
// writer add headers of their own (header injection), so no control character gets through.

/** Longest address (the RFC 5321 path limit). */
export const MAILBOX_MAX_LENGTH = 254;

// One @, no white space or control character, a dotted domain; deliberately not RFC 5322's
// full grammar (quoted local parts, comments), which no blog commenter needs.
const ADDRESS =
  /^[^\s@\u0000-\u001f\u007f<>()[\]\\,;:"]+@[^\s@\u0000-\u001f\u007f<>()[\]\\,;:"]+\.[^\s@\u0000-\u001f\u007f<>()[\]\\,;:".]+$/u;

/** True for an address safe to put in a header. */
export function isMailbox(/** @type {string} */ text) {
  return text.length <= MAILBOX_MAX_LENGTH && ADDRESS.test(text);
}

/**
 * The address, trimmed and with its domain lower-cased; throws a RangeError that says why not.
 * @param {string} text
 * @param {string} what how the message names it, e.g. "--notify"
 */
export function normalizeMailbox(text, what) {
  if (/[\r\n]/.test(text)) throw new RangeError(`${what}: an email address cannot contain a line break.`);
  const trimmed = text.trim();
  if (!isMailbox(trimmed)) throw new RangeError(`${what}: "${trimmed}" is not an email address.`);
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}
