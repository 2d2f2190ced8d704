import { BackendError } from './backend.js';
import { watchCsp } from './csp-watch.js';
import { anySignal } from './signals.js';

/** A response larger than this is refused rather than parsed: it would freeze a phone. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** How long one request may take before we call it a timeout. */
const REQUEST_TIMEOUT_MS = 20_000;
/** How long a failed request waits for the code that tells a CSP block from a lost connection. */
const DIAGNOSIS_WAIT_MS = 3_000;

/**
 * One request of a backend adapter, within the time limit: the response, and its body read as
 * JSON (undefined when it is not JSON, or could not be read and `tolerant`); every failure is a
 * BackendError that names `server` ("comments server", "WordPress site"). A pair, not an
 * object: its names cost the bundle nothing. No cookies and no credentials: readers are
 * pseudonymous, and the servers need none.
 */
export async function fetchWithin(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  server: string,
  tolerant = false,
): Promise<[response: Response, body: unknown]> {
  // Listening from before the first request: the violation comes as that request fails.
  watchCsp();
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const timedOut = () => new BackendError('timeout', `The ${server} did not answer in time.`);
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', signal: anySignal(signal, timeout) });
  } catch (error) {
    if (signal.aborted) throw error;
    if (timeout.aborted) throw timedOut();
    // Telling a blocked request from a lost connection is code only a failure needs, in the
    // writing side's file. Offline, it cannot be downloaded, and then the cause was no CSP: the
    // bundle's own file loads wherever the policy let the bundle run and a request could go.
    // A connection too poor to bring it in a few seconds is no reason to keep the reader waiting.
    const blocked = await Promise.race([
      import('../write/writing.js').then(
        ({ blockedError }) => blockedError(url),
        () => null,
      ),
      new Promise<null>((resolve) => setTimeout(resolve, DIAGNOSIS_WAIT_MS, null)),
    ]);
    if (blocked) throw blocked;
    throw new BackendError('network', `Could not reach the ${server}.`);
  }
  try {
    return [response, await readJson(response, `The ${server} sent a response too large to show.`)];
  } catch (error) {
    if (tolerant) return [response, undefined];
    if (signal.aborted) throw error;
    if (error instanceof BackendError) throw error;
    // A body that stalls until the request's time limit is a timeout, not a lost connection.
    if (error instanceof DOMException && error.name === 'TimeoutError') throw timedOut();
    throw new BackendError('network', `The connection to the ${server} broke off.`);
  }
}

/** Reads a body as JSON, refusing one over the limit without buffering it whole. */
async function readJson(response: Response, tooLarge: string): Promise<unknown> {
  const refused = () => new BackendError('invalid-response', tooLarge, response.status);
  if (Number(response.headers.get('content-length')) > MAX_RESPONSE_BYTES) throw refused();
  // No body (a null-body status) reads as ''.
  let text = '';
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw refused();
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
