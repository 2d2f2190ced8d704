import {
  InvalidResponseError,
  parseApiError,
  parseComment,
  parseEditGrant,
  parseThreadPage,
  truncate,
} from '../model/parse.js';
import type { NewComment, ThreadPage } from '../model/types.js';
import { originOf } from '../model/origin.js';
import {
  BackendError,
  type CommentsBackend,
  type OwnChange,
  type PageRequest,
  type PostResult,
} from './backend.js';
import { blockedByCsp, watchCsp } from './csp-watch.js';
import { entityTagOf } from './revalidate.js';
import { anySignal } from './signals.js';

/** A thread page larger than this is refused rather than parsed: it would freeze a phone. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** How long one request may take before we call it a timeout. */
const REQUEST_TIMEOUT_MS = 20_000;

/** Reads Retry-After as seconds (it may also be an HTTP date). */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Reads a body as text, refusing bodies over `limit` bytes without buffering them whole. */
async function readText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit)
    throw new InvalidResponseError('The comments server sent a response too large to show.');
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new InvalidResponseError('The comments server sent a response too large to show.');
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

async function readJson(response: Response): Promise<unknown> {
  const text = await readText(response, MAX_RESPONSE_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The default backend: the HTTP contract v1 of the README. */
export class RestBackend implements CommentsBackend {
  private readonly base: string;

  /** `endpoint` may be relative to the page (e.g. "/api"). */
  constructor(endpoint: string, baseUrl: string = document.baseURI) {
    this.base = new URL(endpoint, baseUrl).href.replace(/\/+$/, '');
    watchCsp();
  }

  async loadPage(thread: string, request: PageRequest, signal: AbortSignal): Promise<ThreadPage | null> {
    const query = new URLSearchParams({ limit: String(request.limit), sort: request.sort });
    if (request.cursor !== null) query.set('cursor', request.cursor);
    // Revalidation (contract v1.1): the ETag kept with the page, checked when it was read back.
    const etag = request.etag;
    const headers: HeadersInit = etag ? { 'If-None-Match': etag } : {};
    const response = await this.send(`${this.threadUrl(thread)}?${query}`, { headers }, signal);
    // The kept page is current. A 304 nobody asked for fails below as any answer but 2xx does.
    if (etag && response.status === 304) return null;
    const body = await this.read(response, signal);
    if (!response.ok) throw this.httpError(response, body);
    try {
      return { ...parseThreadPage(body), etag: entityTagOf(response) };
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
    const response = await this.send(this.threadUrl(thread), init, signal);
    const body = await this.read(response, signal).catch(() => undefined);
    if (!response.ok) throw this.httpError(response, body);
    return { status: response.status, comment: parseComment(body), edit: parseEditGrant(body) };
  }

  async changeComment(
    thread: string,
    { id, token, body }: OwnChange,
    signal: AbortSignal,
  ): Promise<PostResult> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    const init: RequestInit = { method: body === null ? 'DELETE' : 'PATCH', headers };
    if (body !== null) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify({ body });
    }
    const response = await this.send(`${this.threadUrl(thread)}/${encodeURIComponent(id)}`, init, signal);
    const answer = await this.read(response, signal).catch(() => undefined);
    // A DELETE resent after its first answer was lost finds the comment gone: it is done.
    if (!response.ok && !(body === null && response.status === 404)) throw this.httpError(response, answer);
    return { status: response.status, comment: parseComment(answer) };
  }

  private threadUrl(thread: string): string {
    return `${this.base}/threads/${encodeURIComponent(thread)}/comments`;
  }

  private async send(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      // No cookies and no credentials: readers are pseudonymous and the server needs none.
      return await fetch(url, { ...init, credentials: 'omit', signal: anySignal(signal, timeout) });
    } catch (error) {
      if (signal.aborted) throw error;
      if (timeout.aborted) throw new BackendError('timeout', 'The comments server did not answer in time.');
      if (await blockedByCsp(url)) {
        const origin = originOf(url) ?? url;
        throw new BackendError(
          'blocked',
          `This page's Content Security Policy does not allow connections to ${origin}. The site owner needs to add it to connect-src.`,
        );
      }
      throw new BackendError('network', 'Could not reach the comments server.');
    }
  }

  private async read(response: Response, signal: AbortSignal): Promise<unknown> {
    try {
      return await readJson(response);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof InvalidResponseError)
        throw new BackendError('invalid-response', error.message, response.status);
      // A body that stalls until the request's time limit is a timeout, not a lost connection.
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new BackendError('timeout', 'The comments server did not answer in time.');
      }
      throw new BackendError('network', 'The connection to the comments server broke off.');
    }
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
