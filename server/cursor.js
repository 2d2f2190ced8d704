// @ts-check
// Page cursors are opaque to clients: base64url of the JSON key [createdAt, id] of the last
// top-level comment of the previous page. Anything that does not decode to exactly that shape is
// rejected, so a tampered cursor is a 400 instead of a surprising page.

/** @typedef {{ createdAt: string, id: string }} PageKey */

/** Thrown by decodeCursor for anything that is not a cursor this server produced. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The page cursor is not valid. Please load the comments again from the first page.');
    this.name = 'InvalidCursorError';
  }
}

// The exact shape Date#toISOString produces, which is how the store writes created_at.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_CURSOR_LENGTH = 2048;

/** Turns the key of the last top-level comment of a page into an opaque cursor. */
export function encodeCursor(/** @type {PageKey} */ key) {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor; throws InvalidCursorError for anything else. */
export function decodeCursor(/** @type {string} */ cursor) {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
    throw new InvalidCursorError();
  }
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    !ISO_TIMESTAMP.test(parsed[0]) ||
    parsed[1].length === 0
  ) {
    throw new InvalidCursorError();
  }
  return /** @type {PageKey} */ ({ createdAt: parsed[0], id: parsed[1] });
}
