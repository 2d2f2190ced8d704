import { isObject, parseThreadPage } from '../model/parse.js';
import type { NewComment, ThreadPage } from '../model/types.js';
import {
  BackendError,
  type CommentsBackend,
  type OwnChange,
  type PageRequest,
  type PostResult,
} from './backend.js';
import { sliceFor } from '../model/next-task.js';
import { fetchWithin } from './fetch-within.js';
import { onDemand } from './lazy.js';
import { entityTagOf } from './revalidate.js';

/**
 * Who answers, in the errors' words (`rest-send.ts` says it too).
 * @internal
 */
export const SERVER = 'comments server';

/** The sending code, from the writing side's file; a failed download is a network error, tried again later. */
const sending = onDemand(() => import('../write/writing.js'));

/**
 * The error of a refused load, worded by the writing side's code, which a failed load fetches
 * anyway (the server answered, so the connection is there); its status alone if it cannot come.
 */
const refused = (response: Response, body: unknown) =>
  sending().then(
    ({ httpError }) => httpError(response, body),
    () => new BackendError('http', `HTTP ${response.status}`, response.status),
  );

/** The default backend: the HTTP contract v1 of the README. */
export class RestBackend implements CommentsBackend {
  readonly #base: string;

  /** `endpoint` may be relative to the page (e.g. "/api"). */
  constructor(endpoint: string, baseUrl: string = document.baseURI) {
    this.#base = new URL(endpoint, baseUrl).href.replace(/\/+$/, '');
  }

  async loadPage(thread: string, request: PageRequest, signal: AbortSignal): Promise<ThreadPage | null> {
    const query = new URLSearchParams({ limit: String(request.limit), sort: request.sort });
    if (request.cursor !== null) query.set('cursor', request.cursor);
    // Revalidation (contract v1.1): the ETag kept with the page, checked when it was read back.
    const etag = request.etag;
    const headers: HeadersInit = etag ? { 'If-None-Match': etag } : {};
    const url = `${this.#threadUrl(thread)}?${query}`;
    const [response, body] = await fetchWithin(url, { headers }, signal, SERVER);
    // The kept page is current. A 304 nobody asked for fails below as any answer but 2xx does.
    if (etag && response.status === 304) return null;
    if (!response.ok) throw await refused(response, body);
    // Checking a big page is a task of its own, not one more slice of the one that read it.
    await sliceFor(isObject(body) && Array.isArray(body.comments) ? body.comments.length : 0);
    try {
      return { ...parseThreadPage(body), etag: entityTagOf(response) };
    } catch (error) {
      throw new BackendError('invalid-response', (error as Error).message, response.status);
    }
  }

  // Sending comes with the writing side, which is on the device before the reader can post.
  postComment(thread: string, comment: NewComment, signal: AbortSignal): Promise<PostResult> {
    return sending().then((send) => send.postComment(this.#threadUrl(thread), comment, signal));
  }

  changeComment(thread: string, change: OwnChange, signal: AbortSignal): Promise<PostResult> {
    return sending().then((send) => send.changeComment(this.#threadUrl(thread), change, signal));
  }

  #threadUrl(thread: string): string {
    return `${this.#base}/threads/${encodeURIComponent(thread)}/comments`;
  }
}
