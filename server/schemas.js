// @ts-check
// JSON schemas of the HTTP API, and the plain-English words for each way a request can fail them.
// Fastify validates with ajv before a handler runs; the error handler turns the first ajv issue
// into our error shape through describeValidationError. Unknown properties are stripped
// (additionalProperties: false + fastify's removeAdditional), never stored and never an error,
// so a client cannot smuggle in fields such as "status": "published".

/** Longest comment body, in code points (ajv counts code points, not UTF-16 units). */
export const BODY_MAX_LENGTH = 20_000;
/** Longest author name, in code points. */
export const NAME_MAX_LENGTH = 100;
/** Longest email address (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** Longest author website address. */
export const URL_MAX_LENGTH = 2_000;
/** Longest thread title a POST may carry. */
export const THREAD_TITLE_MAX_LENGTH = 300;
/** Longest thread id, after URL decoding. */
export const THREAD_MAX_LENGTH = 512;
/** Longest comment id accepted in a request (ids we make are 16 characters; seeds may differ). */
export const ID_MAX_LENGTH = 200;

const NOT_BLANK = '\\S';
// Plausible, not RFC-complete: something@domain.tld with no spaces. Blank means "not given".
const EMAIL_OR_BLANK = '^(?:\\s*|[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+)$';
const UUID_V4 = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
// 1 to 200 (store.js MAX_PAGE_SIZE) without leading zeros or signs; query values stay strings
// because type coercion is off.
const PAGE_LIMIT = '^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$';

/** True for an absolute http(s) URL without credentials in it, or a blank string ("not given"). */
export function isHttpUrlOrBlank(/** @type {string} */ text) {
  if (text.trim() === '') return true;
  // The URL parser forgives a lot ("https:example.org", surrounding spaces): ask for the plain form.
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return false;
  try {
    const url = new URL(text);
    // user:pass@ in a link is a classic way to make one site look like another.
    return url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Extra ajv options: strict types (no coercion of a number into a body) and our URL format. */
export const AJV_OPTIONS = {
  customOptions: { coerceTypes: false, formats: { 'http-url-or-blank': isHttpUrlOrBlank } },
};

/** Params of /threads/:thread/… (find-my-way has already URL-decoded the segment). */
export const threadParamsSchema = {
  type: 'object',
  required: ['thread'],
  properties: { thread: { type: 'string', minLength: 1, maxLength: THREAD_MAX_LENGTH } },
};

/** Query of GET /threads/:thread/comments. */
export const pageQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: PAGE_LIMIT },
    cursor: { type: 'string', minLength: 1, maxLength: 2048 },
    sort: { type: 'string', enum: ['oldest', 'newest'] },
  },
};

/** Body of POST /threads/:thread/comments. */
export const submissionSchema = {
  type: 'object',
  required: ['clientId', 'author', 'body'],
  additionalProperties: false,
  properties: {
    clientId: { type: 'string', pattern: UUID_V4 },
    parentId: { type: ['string', 'null'], minLength: 1, maxLength: ID_MAX_LENGTH },
    author: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: NOT_BLANK, maxLength: NAME_MAX_LENGTH },
        email: { type: ['string', 'null'], pattern: EMAIL_OR_BLANK, maxLength: EMAIL_MAX_LENGTH },
        url: { type: ['string', 'null'], format: 'http-url-or-blank', maxLength: URL_MAX_LENGTH },
      },
    },
    body: { type: 'string', pattern: NOT_BLANK, maxLength: BODY_MAX_LENGTH },
    hp: { type: ['string', 'null'] },
    // The page the reader is on (v1.1). Checked in page-url.js, and ignored rather than refused
    // when it does not pass, so no limits here beyond its type and length.
    pageUrl: { type: ['string', 'null'], maxLength: URL_MAX_LENGTH },
    // Contract v1.1 (issue 11): reply notifications, and the page's title for moderators.
    notify: { type: 'boolean' },
    threadTitle: { type: 'string', maxLength: THREAD_TITLE_MAX_LENGTH },
  },
};

/** Params of /threads/:thread/comments/:id. */
export const commentParamsSchema = {
  type: 'object',
  required: ['thread', 'id'],
  properties: {
    thread: { type: 'string', minLength: 1, maxLength: THREAD_MAX_LENGTH },
    id: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH },
  },
};

/** Body of PATCH /threads/:thread/comments/:id: the author's new text. */
export const editSchema = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string', pattern: NOT_BLANK, maxLength: BODY_MAX_LENGTH } },
};

/** A public Comment; the serializer drops any property not listed, so email cannot leak out. */
export const commentSchema = {
  type: 'object',
  required: ['id', 'parentId', 'author', 'body', 'createdAt', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    author: {
      type: 'object',
      required: ['name', 'url'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, url: { type: ['string', 'null'] } },
    },
    body: { type: 'string' },
    createdAt: { type: 'string' },
    status: { type: 'string', enum: ['published', 'pending'] },
    editedAt: { type: 'string' },
    byOwner: { type: 'boolean' },
  },
};

/**
 * The answer to a POST: the Comment, plus (v1.1) the author's secret edit token and until when
 * it works. Only this schema has them, so no other answer can ever carry a token.
 */
export const postedCommentSchema = {
  ...commentSchema,
  properties: {
    ...commentSchema.properties,
    editToken: { type: 'string' },
    editableUntil: { type: 'string' },
  },
};

/** A page of a thread. */
export const pageSchema = {
  type: 'object',
  required: ['thread', 'total', 'comments', 'nextCursor'],
  additionalProperties: false,
  properties: {
    thread: { type: 'string' },
    total: { type: 'integer' },
    comments: { type: 'array', items: commentSchema },
    nextCursor: { type: ['string', 'null'] },
    // What this server supports beyond v1, so the element offers only that (v1.1).
    offers: {
      type: 'object',
      additionalProperties: false,
      properties: { editWindowSeconds: { type: 'integer' }, notify: { type: 'boolean' } },
    },
  },
};

/** Query of GET /admin/comments. */
export const moderationQuerySchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['pending', 'published', 'rejected'] },
    thread: { type: 'string', minLength: 1, maxLength: THREAD_MAX_LENGTH },
    limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
  },
};

/** Params of /admin/comments/:id. */
export const commentIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: ID_MAX_LENGTH } },
};

/**
 * One ajv error, as fastify attaches them to a validation failure.
 * @typedef {{ instancePath: string, keyword: string, params: Record<string, unknown>, message?: string }} ValidationIssue
 */

/** @typedef {{ statusCode: number, code: string, message: string, field: string | null }} DescribedError */

/** @typedef {[code: string, message: string]} Words */

const count = (/** @type {number} */ n) => n.toLocaleString('en-US');

/**
 * What to tell the reader, per body field and per kind of problem.
 * @type {Record<string, { missing?: Words, tooLong?: Words, invalid: Words }>}
 */
const FIELD_WORDS = {
  body: {
    missing: ['body_required', 'Please write a comment.'],
    tooLong: [
      'body_too_long',
      `Your comment is too long: please keep it to ${count(BODY_MAX_LENGTH)} characters or fewer.`,
    ],
    invalid: ['body_required', 'Please write a comment.'],
  },
  'author.name': {
    missing: ['name_required', 'Please enter your name.'],
    tooLong: [
      'name_too_long',
      `Your name is too long: please use at most ${count(NAME_MAX_LENGTH)} characters.`,
    ],
    invalid: ['name_required', 'Please enter your name.'],
  },
  'author.email': {
    tooLong: ['email_too_long', 'This email address is too long.'],
    invalid: ['email_invalid', 'Please enter a valid email address, or leave the field empty.'],
  },
  'author.url': {
    tooLong: ['url_too_long', 'This website address is too long.'],
    invalid: ['url_invalid', 'Your website must be a full address starting with http:// or https://.'],
  },
  clientId: {
    invalid: [
      'client_id_invalid',
      'This comment was sent without a valid client id (a UUID v4). Please reload the page and try again.',
    ],
  },
  parentId: {
    invalid: ['parent_not_found', 'The comment you are replying to could not be found.'],
  },
  pageUrl: {
    tooLong: ['page_url_too_long', 'The page address is too long.'],
    invalid: ['page_url_invalid', 'The page address must be a full http:// or https:// address.'],
  },
  threadTitle: {
    tooLong: [
      'thread_title_too_long',
      `The thread title must be at most ${THREAD_TITLE_MAX_LENGTH} characters long.`,
    ],
    invalid: ['thread_title_invalid', 'The thread title must be text.'],
  },
};

/** @type {Record<string, Words>} */
const QUERY_WORDS = {
  limit: ['invalid_limit', 'The page size (limit) must be a whole number from 1 to 200.'],
  cursor: [
    'invalid_cursor',
    'The page cursor is not valid. Please load the comments again from the first page.',
  ],
  sort: ['invalid_sort', 'The sort order must be "oldest" or "newest".'],
  status: ['invalid_status', 'The status must be "pending", "published" or "rejected".'],
  thread: ['invalid_thread', `The thread id must be 1 to ${THREAD_MAX_LENGTH} characters long.`],
};

/** @type {Record<string, Words>} */
const PARAM_WORDS = {
  thread: ['invalid_thread', `The thread id must be 1 to ${THREAD_MAX_LENGTH} characters long.`],
  id: ['invalid_id', 'This is not a valid comment id.'],
};

/** The dotted field name an ajv issue is about: "/author/name" -> "author.name". */
export function issueField(/** @type {ValidationIssue} */ issue) {
  const parts = issue.instancePath.split('/').filter((part) => part !== '');
  const missing = issue.params.missingProperty;
  if (issue.keyword === 'required' && typeof missing === 'string') parts.push(missing);
  return parts.join('.');
}

/**
 * Decides status, code, message and field for the first ajv issue of a request. Wrong JSON types
 * and shapes are the client program's bug (400); missing, blank, too long or malformed values are
 * the reader's to fix (422, with the field to show the message at).
 * @param {string} context 'body' | 'querystring' | 'params' | 'headers'
 * @param {ValidationIssue} issue
 * @returns {DescribedError}
 */
export function describeValidationError(context, issue) {
  let field = issueField(issue);
  if (context === 'querystring' || context === 'params') {
    const words = (context === 'params' ? PARAM_WORDS : QUERY_WORDS)[field];
    const [code, message] = words ?? ['invalid_request', `The parameter "${field}" is not valid.`];
    return { statusCode: 400, code, message, field: field || null };
  }
  if (context !== 'body') {
    return { statusCode: 400, code: 'invalid_request', message: 'The request is not valid.', field: null };
  }
  if (field === '') {
    return {
      statusCode: 400,
      code: 'invalid_request',
      message: 'The request body must be a JSON object.',
      field: null,
    };
  }
  if (issue.keyword === 'type') {
    const expected = [issue.params.type].flat().join(' or ');
    return {
      statusCode: 400,
      code: 'invalid_request',
      message: `The field "${field}" must be of type ${expected}.`,
      field,
    };
  }
  // A comment without an author object is a comment without a name, as far as the reader can tell.
  if (field === 'author') field = 'author.name';
  const words = FIELD_WORDS[field];
  if (words === undefined) {
    return { statusCode: 400, code: 'invalid_request', message: `The field "${field}" is not valid.`, field };
  }
  const kind =
    issue.keyword === 'maxLength'
      ? 'tooLong'
      : issue.keyword === 'required' || issue.keyword === 'minLength'
        ? 'missing'
        : 'invalid';
  const [code, message] = words[kind] ?? words.invalid;
  return { statusCode: 422, code, message, field };
}
