import { parseComment, truncate } from '../model/parse.js';
import type { Comment, NewComment, ThreadPage } from '../model/types.js';
import { wpHtmlToText } from '../model/wp-html.js';
import { BackendError, type CommentsBackend, type PageRequest, type PostResult } from './backend.js';
import { fetchWithin } from './fetch-within.js';

/*
 * `backend="wordpress"`: a headless or static front end on a WordPress site, talking to core's
 * REST API (`/wp/v2/comments`) with no plugin. It loads as a chunk of its own, only on pages
 * that ask for it.
 */

/** WordPress's own maximum for `per_page`. */
const PER_PAGE = 100;
/** 100 pages of 100: past that a thread is not a conversation any more, and we stop asking. */
const MAX_PAGES = 100;
/** Pages asked for at once after the first: fewer round trips, without crowding a small host. */
const PARALLEL_PAGES = 4;
/** Who answers, in the errors' words. */
const SITE = 'WordPress site';
/** WordPress's default flood interval: one comment per 15 seconds from an address. */
const FLOOD_SECONDS = 15;
/** Only what the element shows: no email, no IP, no avatar URLs (Gravatar's carry an email hash). */
const FIELDS = 'id,parent,author_name,author_url,date_gmt,content,status';
/** WordPress's error codes, and the element's name of the field each one is about. */
const FIELD_OF: Record<string, string> = {
  rest_comment_content_invalid: 'body',
  comment_content_column_length: 'body',
  comment_author_column_length: 'author.name',
  comment_author_email_column_length: 'author.email',
  comment_author_url_column_length: 'author.url',
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One comment of `/wp/v2/comments` in the element's model; null when it is not usable. */
export function fromWordPress(value: unknown): Comment | null {
  if (!isObject(value)) return null;
  const content = isObject(value.content) ? value.content.rendered : undefined;
  const date = typeof value.date_gmt === 'string' ? value.date_gmt : '';
  return parseComment({
    id: value.id,
    parentId: value.parent === 0 || value.parent === '0' ? null : value.parent,
    author: { name: value.author_name, url: value.author_url },
    body: typeof content === 'string' ? wpHtmlToText(content) : undefined,
    // date_gmt is UTC without saying so.
    createdAt: /^\d{4}-\d\d-\d\dT[\d:]+$/.test(date) ? `${date}Z` : date,
    status: value.status === 'approved' ? 'published' : 'pending',
  });
}

/** The reader's text as WordPress comment content: HTML-escaped, so every character survives. */
function asContent(body: string): string {
  return body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Comments of a WordPress post, read and written through core's REST API. */
export class WordPressBackend implements CommentsBackend {
  private readonly root: URL;

  /** `endpoint` is the site's REST root: `https://blog.example/wp-json/` or `https://blog.example/?rest_route=/`. */
  constructor(endpoint: string, baseUrl: string = document.baseURI) {
    this.root = new URL(endpoint, baseUrl);
  }

  async loadPage(thread: string, _request: PageRequest, signal: AbortSignal): Promise<ThreadPage> {
    const post = postId(thread);
    // Every page: WordPress pages a flat list, so a reply can be pages away from its parent. The
    // first says how many there are; the rest come a few at a time, not one round trip each.
    const first = await this.readCommentsPage(post, 1, signal);
    const pages = Math.min(MAX_PAGES, Number(first.headers.get('x-wp-totalpages')) || 1);
    const bodies = [first.body];
    for (let page = 2; page <= pages; page += PARALLEL_PAGES) {
      const batch = Array.from({ length: Math.min(PARALLEL_PAGES, pages - page + 1) }, (_, index) =>
        this.readCommentsPage(post, page + index, signal),
      );
      for (const { body } of await Promise.all(batch)) bodies.push(body);
    }
    const comments: Comment[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const raw of bodies.flat()) {
      const comment = fromWordPress(raw);
      // A comment posted while the pages were read can shift one onto two pages.
      if (comment === null || seen.has(comment.id)) skipped++;
      else {
        seen.add(comment.id);
        comments.push(comment);
      }
    }
    const total = Number(first.headers.get('x-wp-total')) || 0;
    return { thread, total: Math.max(total, comments.length), comments, nextCursor: null, skipped };
  }

  private async readCommentsPage(
    post: string,
    page: number,
    signal: AbortSignal,
  ): Promise<{ headers: Headers; body: unknown[] }> {
    const url = this.url({
      post,
      per_page: String(PER_PAGE),
      page: String(page),
      order: 'asc',
      _fields: FIELDS,
    });
    const [response, body] = await fetchWithin(url, { method: 'GET' }, signal, SITE);
    if (!response.ok) throw await httpError(response, body);
    if (!Array.isArray(body)) {
      throw new BackendError(
        'invalid-response',
        'The WordPress site sent comments this page cannot read.',
        response.status,
      );
    }
    return { headers: response.headers, body };
  }

  async postComment(thread: string, comment: NewComment, signal: AbortSignal): Promise<PostResult> {
    const post = postId(thread);
    // WordPress has no honeypot; a filled one is a bot, which is told what a reader would be.
    if (comment.hp !== '') return { status: 202, comment: null };
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        post: Number(post),
        parent: comment.parentId === null ? 0 : Number(comment.parentId),
        author_name: comment.author.name,
        author_email: comment.author.email ?? '',
        author_url: comment.author.url ?? '',
        content: asContent(comment.body),
      }),
    };
    const [response, body] = await fetchWithin(this.url({ _fields: FIELDS }), init, signal, SITE, true);
    if (response.ok) {
      const created = fromWordPress(body);
      return { status: created?.status === 'published' ? 201 : 202, comment: created };
    }
    const code = isObject(body) && typeof body.code === 'string' ? body.code : null;
    // WordPress has no idempotency key; it refuses the same text twice from the same author. A
    // resend after a lost answer is exactly that, and the first one was delivered.
    if (code === 'comment_duplicate') return { status: 200, comment: null };
    if (code === 'rest_comment_login_required') {
      throw new BackendError(
        'http',
        'This site does not accept comments from this form. Your text is kept here.',
        response.status,
        code,
      );
    }
    const error = await httpError(response, body);
    if (code === 'comment_flood') {
      // WordPress answers 400, but waiting is all it asks: retried like any rate limit.
      throw new BackendError('http', error.message, 429, code, null, FLOOD_SECONDS);
    }
    if (code === 'rest_comment_author_data_required') {
      const field = comment.author.name.trim() === '' ? 'author.name' : 'author.email';
      throw new BackendError('http', error.message, error.status, code, field);
    }
    throw error;
  }

  /** A route of `/wp/v2/comments` with a query, in whichever form the REST root uses. */
  private url(query: Record<string, string>): string {
    const url = new URL(this.root.href);
    if (url.searchParams.has('rest_route')) url.searchParams.set('rest_route', '/wp/v2/comments');
    else url.pathname = `${url.pathname.replace(/\/*$/, '/')}wp/v2/comments`;
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.href;
  }
}

/** The post ID a thread names; `thread` must be one for this backend. */
function postId(thread: string): string {
  if (/^[1-9]\d{0,15}$/.test(thread)) return thread;
  throw new BackendError(
    'http',
    `backend="wordpress" needs thread="…" set to the WordPress post ID (a number), not "${truncate(thread, 80)}".`,
    null,
    'rc_thread_not_a_post_id',
  );
}

/**
 * A WordPress error answer (`{ code, message, data: { status } }`) as a BackendError. Its
 * Retry-After is read by the writing side's code (`rest-send.ts`), which a refused load fetches
 * anyway and a refused comment already has; none is read if that code cannot come.
 */
async function httpError(response: Response, body: unknown): Promise<BackendError> {
  const retryAfter = await import('../write/writing.js').then(
    ({ parseRetryAfter }) => parseRetryAfter(response.headers.get('retry-after')),
    () => null,
  );
  const message =
    isObject(body) && typeof body.message === 'string' && body.message.trim() !== '' ? body.message : null;
  const code = isObject(body) && typeof body.code === 'string' ? truncate(body.code, 64) : null;
  const params =
    isObject(body) && isObject(body.data) && isObject(body.data.params) ? Object.keys(body.data.params) : [];
  const field =
    (code === null ? undefined : FIELD_OF[code]) ??
    { content: 'body', author_name: 'author.name', author_email: 'author.email', author_url: 'author.url' }[
      params[0] ?? ''
    ] ??
    null;
  return new BackendError(
    'http',
    // WordPress's messages are plain text, but may carry entities ("&#8217;").
    truncate(
      message === null
        ? `The WordPress site answered with an error (${response.status}).`
        : wpHtmlToText(message),
      500,
    ),
    response.status,
    code,
    field,
    retryAfter,
  );
}
