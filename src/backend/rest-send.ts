import { parseApiError, parseEditGrant } from '../model/parse-answer.js';
import { parseComment } from '../model/parse.js';
import type { NewComment } from '../model/types.js';
import { BackendError, type OwnChange, type PostResult } from './backend.js';
import { fetchWithin } from './fetch-within.js';
import { SERVER } from './rest.js';

/**
 * What `RestBackend` sends, and the errors of what the server refused: a new comment, and the reader's change to their own. It comes with
 * the writing side (`write/writing.ts` re-exports it), the only part that sends: a reader who
 * only reads never downloads it. `url` is the thread's comments URL.
 */

/** A request carrying `value` as JSON. */
const withJson = (method: string, value: unknown, headers?: Record<string, string>): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});

/** POSTs a new comment (contract §3). */
export async function postComment(
  url: string,
  comment: NewComment,
  signal: AbortSignal,
): Promise<PostResult> {
  const [response, body] = await fetchWithin(url, withJson('POST', comment), signal, SERVER, true);
  if (!response.ok) throw httpError(response, body);
  return { status: response.status, comment: parseComment(body), edit: parseEditGrant(body) };
}

/** v1.1: PATCHes the reader's own comment with a new body, or DELETEs it (`body: null`). */
export async function changeComment(
  url: string,
  { id, token, body }: OwnChange,
  signal: AbortSignal,
): Promise<PostResult> {
  const headers = { Authorization: `Bearer ${token}` };
  const init = body === null ? { method: 'DELETE', headers } : withJson('PATCH', { body }, headers);
  const [response, answer] = await fetchWithin(
    `${url}/${encodeURIComponent(id)}`,
    init,
    signal,
    SERVER,
    true,
  );
  // A DELETE resent after its first answer was lost finds the comment gone: it is done.
  if (!response.ok && !(body === null && response.status === 404)) throw httpError(response, answer);
  return { status: response.status, comment: parseComment(answer) };
}

/** The error a refused request is, with the server's own message and field when it sent them. */
export function httpError(response: Response, body: unknown): BackendError {
  // parseApiError cuts the server's message to 500 characters already.
  const apiError = parseApiError(body);
  return new BackendError(
    'http',
    apiError?.message ?? `The comments server answered with an error (${response.status}).`,
    response.status,
    apiError?.code ?? null,
    apiError?.field ?? null,
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/**
 * Reads Retry-After as seconds (it may also be an HTTP date). Only a refused request needs it:
 * it comes with the writing side, which the WordPress backend asks for it too.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
