import { parseApiError, parseComment, parseThreadPage, truncate } from '../model/parse.js';
import type { NewComment, ThreadPage } from '../model/types.js';
import { BackendError, type CommentsBackend, type PageRequest, type PostResult } from './backend.js';
import { fetchWithin } from './fetch-within.js';

/** Who answers, in the errors' words. */
const SERVER = 'comments server';

/** Reads Retry-After as seconds (it may also be an HTTP date). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The default backend: the HTTP contract v1 of the README. */
export class RestBackend implements CommentsBackend {
  private readonly base: string;

  /** `endpoint` may be relative to the page (e.g. "/api"). */
  constructor(endpoint: string, baseUrl: string = document.baseURI) {
    this.base = new URL(endpoint, baseUrl).href.replace(/\/+$/, '');
  }

  async loadPage(thread: string, request: PageRequest, signal: AbortSignal): Promise<ThreadPage> {
    const query = new URLSearchParams({ limit: String(request.limit), sort: request.sort });
    if (request.cursor !== null) query.set('cursor', request.cursor);
    const url = `${this.threadUrl(thread)}?${query}`;
    const { response, body } = await fetchWithin(url, { method: 'GET' }, signal, SERVER);
    if (!response.ok) throw this.httpError(response, body);
    try {
      return parseThreadPage(body);
    } catch (error) {
      throw new BackendError('invalid-response', (error as Error).message, response.status);
    }
  }

  async postComment(thread: string, comment: NewComment, signal: AbortSignal): Promise<PostResult> {
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(comment),
    };
    const { response, body } = await fetchWithin(this.threadUrl(thread), init, signal, SERVER, true);
    if (!response.ok) throw this.httpError(response, body);
    return { status: response.status, comment: parseComment(body) };
  }

  private threadUrl(thread: string): string {
    return `${this.base}/threads/${encodeURIComponent(thread)}/comments`;
  }

  private httpError(response: Response, body: unknown): BackendError {
    const apiError = parseApiError(body);
    const message = apiError?.message ?? `The comments server answered with an error (${response.status}).`;
    return new BackendError(
      'http',
      truncate(message, 500),
      response.status,
      apiError?.code ?? null,
      apiError?.field ?? null,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
}
