// @ts-check
// Every error the API sends has one shape, { error: { code, message, field } }, whoever raised
// it: our handlers, fastify's body parser, schema validation, the rate limiter or the router.
// `code` is for programs (and translations), `message` is a sentence a reader can understand,
// `field` names the form field to attach the message to.
import { InvalidCursorError } from './cursor.js';
import { describeValidationError } from './schemas.js';
import { StoreUnavailableError } from './store.js';

/** @typedef {{ error: { code: string, message: string, field: string | null } }} ErrorBody */

/** An error that already knows its HTTP status and its public code, message and field. */
export class ApiError extends Error {
  /**
   * @param {number} statusCode
   * @param {string} code
   * @param {string} message
   * @param {string | null} [field]
   */
  constructor(statusCode, code, message, field = null) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.field = field;
  }

  /** The response body for this error. */
  toBody() {
    /** @type {ErrorBody} */
    const body = { error: { code: this.code, message: this.message, field: this.field } };
    return body;
  }
}

/** @type {Record<string, (error: FastifyishError) => ApiError>} */
const FASTIFY_ERRORS = {
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new ApiError(400, 'invalid_json', 'The request body is not valid JSON.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiError(400, 'invalid_json', 'The request body is empty; a JSON object was expected.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError(
      415,
      'unsupported_media_type',
      'Comments must be sent as JSON (Content-Type: application/json).',
    ),
  // Tied to the body field: the only big thing a reader can type is the comment itself.
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiError(413, 'payload_too_large', 'This comment is too large to send. Please shorten it.', 'body'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new ApiError(400, 'invalid_request', 'The request length does not match its Content-Length header.'),
};

/**
 * The parts of a thrown error the mapping looks at (fastify errors, ajv results, plain errors).
 * @typedef {Error & {
 *   statusCode?: number,
 *   code?: string,
 *   validation?: import('./schemas.js').ValidationIssue[],
 *   validationContext?: string,
 * }} FastifyishError
 */

/** Turns anything thrown while handling a request into the ApiError to answer with. */
export function toApiError(/** @type {unknown} */ thrown) {
  if (thrown instanceof ApiError) return thrown;
  const error = /** @type {FastifyishError} */ (thrown instanceof Error ? thrown : new Error(String(thrown)));
  if (error instanceof InvalidCursorError)
    return new ApiError(400, 'invalid_cursor', error.message, 'cursor');
  if (error instanceof StoreUnavailableError) return unavailableError();
  if (Array.isArray(error.validation) && error.validation.length > 0) {
    const described = describeValidationError(error.validationContext ?? 'body', error.validation[0]);
    return new ApiError(described.statusCode, described.code, described.message, described.field);
  }
  const known = error.code === undefined ? undefined : FASTIFY_ERRORS[error.code];
  if (known !== undefined) return known(error);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new ApiError(status, 'bad_request', 'The server could not understand this request.');
  }
  return new ApiError(
    500,
    'internal_error',
    'Something went wrong on the server. Please try again in a moment.',
  );
}

/** Seconds a client is asked to wait (Retry-After) while the database is out of reach. */
export const UNAVAILABLE_RETRY_SECONDS = 2;

/** The 503 answer while the database is out of reach; app.js adds Retry-After. */
export function unavailableError() {
  return new ApiError(
    503,
    'unavailable',
    'The comments are briefly unavailable. Please try again in a moment; a comment you sent is kept and sent again.',
  );
}

/**
 * The 404 answer for an address where nothing lives; `api` (this server's API address) is named
 * when the request was not under it, the usual mistake being an `endpoint` without /api.
 * @param {string | null} [api]
 */
export function notFoundError(api = null) {
  return new ApiError(
    404,
    'not_found',
    api === null
      ? 'There is nothing at this address.'
      : `There is nothing at this address. The comments API of this server is at ${api} (the element's endpoint).`,
  );
}

/** The 429 answer; Retry-After (seconds) is set by the rate limiter before this is sent. */
export function rateLimitedError(/** @type {number} */ retryAfterSeconds) {
  const wait = retryAfterSeconds <= 1 ? 'a second' : `${retryAfterSeconds} seconds`;
  return new ApiError(
    429,
    'rate_limited',
    `Too many requests from your connection. Please wait ${wait} and try again.`,
  );
}
