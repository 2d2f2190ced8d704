// @ts-check
// Atom 1.0 (RFC 4287) feeds of comments, as plain text: no markup from a comment ever reaches a
// feed reader, and every string is escaped, with the characters XML 1.0 cannot carry at all
// (most control characters, lone surrogates) replaced, so a hostile comment cannot break the
// document.
import { createHash } from 'node:crypto';

/**
 * @typedef {object} FeedOptions
 * @property {string} key what the feed is of, for its permanent id ('site', or 'thread:' + id)
 * @property {string} title
 * @property {string | null} pageUrl the page of the thread, for the feed's link; null for none
 * @property {import('./store.js').FeedComment[]} comments newest first
 */

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text made safe for XML character data and attribute values. */
export function xmlText(/** @type {string} */ text) {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A permanent, unique id that needs no host name (which a server behind proxies may not know):
 * a name-based UUID (RFC 9562 version 8, from SHA-256) of what it identifies.
 * @param {string} name
 */
export function feedUrn(name) {
  const hex = createHash('sha256').update(`recovery-comments:${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The link to a comment on its page, or null when the page is not known. */
export function commentLink(/** @type {string | null} */ pageUrl, /** @type {string} */ id) {
  return pageUrl === null ? null : `${pageUrl}#comment-${encodeURIComponent(id)}`;
}

/** When an entry last changed: its edit, else its creation. */
const updatedOf = (/** @type {import('./store.js').FeedComment} */ comment) =>
  comment.editedAt ?? comment.createdAt;

/** A whole Atom document. */
export function atomFeed(/** @type {FeedOptions} */ { key, title, pageUrl, comments }) {
  // The feed changed when its newest entry did; an empty feed has never changed.
  const updated = comments.reduce(
    (latest, comment) => (updatedOf(comment) > latest ? updatedOf(comment) : latest),
    '1970-01-01T00:00:00.000Z',
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${feedUrn(key)}</id>`,
    `  <title type="text">${xmlText(title)}</title>`,
    `  <updated>${xmlText(updated)}</updated>`,
    '  <generator>recovery-comments</generator>',
  ];
  if (pageUrl !== null) lines.push(`  <link rel="alternate" type="text/html" href="${xmlText(pageUrl)}"/>`);
  for (const comment of comments) {
    const name = comment.author.name.trim() || 'Anonymous';
    const link = commentLink(comment.pageUrl, comment.id);
    lines.push(
      '  <entry>',
      `    <id>${feedUrn(`comment:${comment.id}`)}</id>`,
      `    <title type="text">${xmlText(`${name} on ${comment.thread}`)}</title>`,
      `    <author><name>${xmlText(name)}</name></author>`,
      `    <published>${xmlText(comment.createdAt)}</published>`,
      `    <updated>${xmlText(updatedOf(comment))}</updated>`,
    );
    if (link !== null) lines.push(`    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`);
    lines.push(`    <content type="text">${xmlText(comment.body)}</content>`, '  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
