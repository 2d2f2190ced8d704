import { emit } from '../events.js';
import type { BackendError, CommentsBackend } from './backend.js';

/**
 * Tells the page (`rc-error`, and the console when there is a hint) that the thread could not be
 * loaded, with what the site owner should check when that is known. The hints are their own
 * chunk: only a failed load of the REST backend needs them, and a failed download means no hint.
 */
export async function reportLoadFailure(
  host: HTMLElement,
  error: BackendError,
  backend: string | CommentsBackend,
  endpoint: string,
): Promise<void> {
  const rest = typeof backend === 'string' && (backend || 'rest') === 'rest';
  const hint = rest
    ? await import('./owner-hints.js').then(
        ({ ownerHint }) => ownerHint(error, endpoint),
        () => null,
      )
    : null;
  if (hint !== null) console.warn(`<recovery-comments>: ${hint}`);
  emit(host, 'rc-error', { message: error.message, status: error.status, ...(hint !== null && { hint }) });
}
