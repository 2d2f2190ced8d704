import { emit } from '../events.js';
import type { BackendError, CommentsBackend } from './backend.js';

/**
 * Tells the page (`rc-error`, and the console when there is a hint) that the thread could not be
 * loaded, with what the site owner should check when that is known. That is `owner-hints.ts`, a
 * chunk of its own: only a failed load needs it. When it cannot come (offline), the page is
 * told all the same, without a hint.
 */
export function reportLoadFailure(
  host: HTMLElement,
  error: BackendError,
  backend: string | CommentsBackend,
  endpoint: string,
): Promise<void> {
  return import('./owner-hints.js').then(
    ({ reportWithHint }) => reportWithHint(host, error, backend, endpoint),
    () => void emit(host, 'rc-error', { message: error.message, status: error.status }),
  );
}
