// @ts-check
// What happens to a new comment: published at once, held for a moderator, or filed as spam.
// Pure: the caller looks up whether the email already has an approved comment.
import { BlockList, isIP } from 'node:net';

/**
 * @typedef {object} TrustRules
 * @property {boolean} trustApproved publish at once when the email already has a published comment
 * @property {number} maxLinks hold a comment with more links than this (even with moderation off)
 * @property {string[]} blockedWords matched, ignoring case, in the name, email, website and text
 * @property {string[]} blockedEmails a whole address, or "@example.com" for a whole domain
 * @property {string[]} blockedIps an address or a CIDR range, IPv4 or IPv6
 */

/** The rules of a new server: WordPress's defaults (trust approved authors, hold above 2 links). */
export const DEFAULT_TRUST_RULES = Object.freeze({
  trustApproved: true,
  maxLinks: 2,
  blockedWords: /** @type {string[]} */ ([]),
  blockedEmails: /** @type {string[]} */ ([]),
  blockedIps: /** @type {string[]} */ ([]),
});

/** Longest list a rule may hold, and longest entry: a settings form, not a spam database. */
export const MAX_RULE_ENTRIES = 1_000;
const MAX_ENTRY_LENGTH = 200;

/** Bad trust rules; `field` names the rule. */
export class TrustRulesError extends Error {
  constructor(/** @type {string} */ field, /** @type {string} */ message) {
    super(message);
    this.name = 'TrustRulesError';
    this.field = field;
  }
}

/**
 * @typedef {object} NewCommentFacts
 * @property {{ name: string, email: string | null, url: string | null }} author
 * @property {string} body
 * @property {string | null} ip the client address as the server saw it
 * @property {boolean} emailHasPublished an earlier comment with this email is published
 * @property {'pre' | 'off'} moderation
 */

/** @typedef {{ status: 'published' | 'pending' | 'spam', reason: string }} Decision */

// A scheme-ful URL, or a bare www. host that is not already part of one.
const LINK = /https?:\/\/|(?<![/\w.-])www\./gi;

/** How many links a text holds, the way a spammer would write them. */
export function countLinks(/** @type {string} */ text) {
  return text.match(LINK)?.length ?? 0;
}

/**
 * Decides a new comment's status.
 * @param {NewCommentFacts} facts
 * @param {TrustRules} rules
 * @returns {Decision}
 */
export function decideStatus(facts, rules) {
  const blocked = blockReason(facts, rules);
  if (blocked !== null) return { status: 'spam', reason: blocked };
  const links = countLinks(facts.body);
  if (links > rules.maxLinks)
    return { status: 'pending', reason: `${links} links (more than ${rules.maxLinks})` };
  if (facts.moderation === 'off') return { status: 'published', reason: 'moderation is off' };
  if (rules.trustApproved && facts.author.email !== null && facts.emailHasPublished) {
    return { status: 'published', reason: 'this email already has an approved comment' };
  }
  return { status: 'pending', reason: 'pre-moderation' };
}

/**
 * @param {NewCommentFacts} facts
 * @param {TrustRules} rules
 */
function blockReason(facts, rules) {
  const email = facts.author.email?.toLowerCase() ?? null;
  if (email !== null) {
    for (const entry of rules.blockedEmails) {
      const rule = entry.toLowerCase();
      if (rule.startsWith('@') ? email.endsWith(rule) : email === rule) return `blocked email ${entry}`;
    }
  }
  if (
    facts.ip !== null &&
    rules.blockedIps.length > 0 &&
    ipBlockList(rules.blockedIps).check(...ipOf(facts.ip))
  ) {
    return 'blocked IP address';
  }
  const haystack = [facts.author.name, facts.author.email ?? '', facts.author.url ?? '', facts.body]
    .join('\n')
    .toLowerCase();
  for (const word of rules.blockedWords) {
    if (haystack.includes(word.toLowerCase())) return `blocked word ${word}`;
  }
  return null;
}

/** @returns {[string, 'ipv4' | 'ipv6']} */
function ipOf(/** @type {string} */ address) {
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; ranges are written in IPv4.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped !== null) return [mapped[1], 'ipv4'];
  return [address, isIP(address) === 6 ? 'ipv6' : 'ipv4'];
}

/** @type {WeakMap<string[], BlockList>} */
const blockLists = new WeakMap();

function ipBlockList(/** @type {string[]} */ entries) {
  let list = blockLists.get(entries);
  if (list === undefined) {
    list = new BlockList();
    for (const entry of entries) {
      const { address, prefix, family } = parseIpRule(entry);
      if (prefix === null) list.addAddress(address, family);
      else list.addSubnet(address, prefix, family);
    }
    blockLists.set(entries, list);
  }
  return list;
}

/**
 * Reads "203.0.113.7", "203.0.113.0/24" or "2001:db8::/32"; throws TrustRulesError otherwise.
 * @param {string} entry
 * @returns {{ address: string, prefix: number | null, family: 'ipv4' | 'ipv6' }}
 */
export function parseIpRule(entry) {
  const [address, prefixText, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  const family = version === 6 ? 'ipv6' : 'ipv4';
  const maxPrefix = version === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? null : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (version === 0 || rest.length > 0 || (prefix !== null && !(prefix >= 0 && prefix <= maxPrefix))) {
    throw new TrustRulesError(
      'blockedIps',
      `"${entry}" is not an IP address or range (such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32).`,
    );
  }
  return { address, prefix, family };
}

/**
 * Checks rules from a flag or the settings form, and returns them cleaned (entries trimmed,
 * blanks and duplicates dropped). Throws TrustRulesError naming the rule.
 * @param {unknown} input
 * @returns {TrustRules}
 */
export function normalizeTrustRules(input) {
  const value = /** @type {Record<string, unknown>} */ (
    typeof input === 'object' && input !== null ? input : {}
  );
  const trustApproved = value.trustApproved ?? DEFAULT_TRUST_RULES.trustApproved;
  if (typeof trustApproved !== 'boolean')
    throw new TrustRulesError('trustApproved', 'trustApproved must be true or false.');
  const maxLinks = value.maxLinks ?? DEFAULT_TRUST_RULES.maxLinks;
  if (!(
    Number.isInteger(maxLinks) &&
    /** @type {number} */ (maxLinks) >= 0 &&
    /** @type {number} */ (maxLinks) <= 1000
  )) {
    throw new TrustRulesError('maxLinks', 'The number of links must be a whole number from 0 to 1000.');
  }
  const list = (/** @type {'blockedWords' | 'blockedEmails' | 'blockedIps'} */ field) => {
    const raw = value[field] ?? [];
    if (!Array.isArray(raw) || raw.some((entry) => typeof entry !== 'string')) {
      throw new TrustRulesError(field, `${field} must be a list of text entries.`);
    }
    const entries = [...new Set(raw.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
    if (entries.length > MAX_RULE_ENTRIES) {
      throw new TrustRulesError(field, `${field} may hold at most ${MAX_RULE_ENTRIES} entries.`);
    }
    const long = entries.find((entry) => entry.length > MAX_ENTRY_LENGTH);
    if (long !== undefined) {
      throw new TrustRulesError(
        field,
        `"${long.slice(0, 40)}…" is too long: at most ${MAX_ENTRY_LENGTH} characters.`,
      );
    }
    return entries;
  };
  const blockedEmails = list('blockedEmails');
  const badEmail = blockedEmails.find((entry) => !/^(?:[^\s@]+@|@)[^\s@]+$/.test(entry));
  if (badEmail !== undefined) {
    throw new TrustRulesError(
      'blockedEmails',
      `"${badEmail}" is not an email address or an @domain (such as spam@example.com or @example.com).`,
    );
  }
  const blockedIps = list('blockedIps');
  for (const entry of blockedIps) parseIpRule(entry);
  return {
    trustApproved,
    maxLinks: /** @type {number} */ (maxLinks),
    blockedWords: list('blockedWords'),
    blockedEmails,
    blockedIps,
  };
}
