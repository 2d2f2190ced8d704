// @ts-check
// PostgreSQL's text cannot hold U+0000, which readers may send (and SQLite keeps): a comment,
// name or thread id must come back exactly as sent on both engines. So the PostgreSQL store
// writes every user-given string through toStored and reads it back through fromStored: U+0000
// becomes U+FFFF '0', and U+FFFF itself (a noncharacter, never in real text) is doubled. Any
// other string, i.e. all real text, is stored unchanged and stays readable and searchable in SQL.

const MARK = '\uffff';
const NEEDS_ESCAPE = /[\u0000\uffff]/;

/** The form of `text` PostgreSQL can store. */
export function toStored(/** @type {string} */ text) {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\u0000\uffff]/g, (char) => (char === MARK ? MARK + MARK : `${MARK}0`));
}

/** The text that toStored turned into `stored`. */
export function fromStored(/** @type {string} */ stored) {
  if (!stored.includes(MARK)) return stored;
  return stored.replace(/\uffff([\uffff0])/g, (_match, next) => (next === MARK ? MARK : '\u0000'));
}

/** toStored for a value that may be null. */
export function toStoredOrNull(/** @type {string | null} */ text) {
  return text === null ? null : toStored(text);
}

/** The columns of a comment row that hold what readers or seed files gave. */
const USER_TEXT = /** @type {const} */ ([
  'id',
  'thread',
  'parent_id',
  'root_id',
  'author_name',
  'author_email',
  'author_url',
  'body',
  'client_id',
]);

/**
 * A row with its user-given text mapped by `convert` (toStored before writing, fromStored after
 * reading); other columns are copied as they are.
 * @template {Record<string, unknown>} Row
 * @param {Row} row
 * @param {(text: string) => string} convert
 * @returns {Row}
 */
export function mapRowText(row, convert) {
  /** @type {Record<string, unknown>} */
  const mapped = { ...row };
  for (const column of USER_TEXT) {
    const value = mapped[column];
    if (typeof value === 'string') mapped[column] = convert(value);
  }
  return /** @type {Row} */ (mapped);
}
