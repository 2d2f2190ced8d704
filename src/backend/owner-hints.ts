import { emit } from '../events.js';
import type { BackendError, CommentsBackend } from './backend.js';

/** How long the health probe may take: it only adds words to an error already shown. */
const PROBE_TIMEOUT_MS = 5_000;

const probe = (url: string, mode: RequestMode): Promise<boolean> =>
  fetch(url, { mode, credentials: 'omit', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
    () => true,
    () => false,
  );

/**
 * What the site owner should check after a failed load of the reference server (REST backend),
 * or null. A page cannot see CORS, but it can tell "down" from "up, but not for this page": the
 * health check answers an opaque `no-cors` request and refuses (no CORS headers) a normal one.
 * A 404 `not_found` from the server says in its own words where its API is.
 */
export async function ownerHint(error: BackendError, endpoint: string): Promise<string | null> {
  if (error.status === 404 && error.code === 'not_found')
    return `The comments server at ${endpoint} says: ${error.message}`;
  if (error.kind !== 'network' || navigator.onLine === false) return null;
  const api = new URL(endpoint, document.baseURI);
  // The same origin needs no CORS: the failure is something else.
  if (api.origin === location.origin) return null;
  const health = `${api.href.replace(/\/+$/, '')}/health`;
  if ((await probe(health, 'cors')) || !(await probe(health, 'no-cors'))) return null;
  return `The comments server at ${endpoint} answered, but not to this page: add ${location.origin} to its --origin.`;
}

/** `rc-error` for a failed load, with the owner's hint (also written to the console) when there is one. */
export async function reportWithHint(
  host: HTMLElement,
  error: BackendError,
  backend: string | CommentsBackend,
  endpoint: string,
): Promise<void> {
  // The hints are the reference server's: the REST backend's.
  const rest = typeof backend === 'string' && (backend || 'rest') === 'rest';
  const hint = rest ? await ownerHint(error, endpoint) : null;
  if (hint !== null) console.warn(`<recovery-comments>: ${hint}`);
  emit(host, 'rc-error', { message: error.message, status: error.status, ...(hint !== null && { hint }) });
}
