import type { BackendError } from '../backend/backend.js';
import { originOf } from '../model/origin.js';
import type { Messages } from './messages.js';

/**
 * A failed backend call in the reader's words. `loading` words a lost connection for reading
 * ("unreachable") rather than for sending ("offline"). `error` may be one the outbox kept, which
 * has the fields and not the class.
 */
export function describeError(
  error: Pick<BackendError, 'kind' | 'message' | 'status' | 'code' | 'retryAfter'>,
  m: Messages,
  endpoint: string,
  loading = false,
): string {
  switch (error.kind) {
    case 'blocked':
      return m.errorBlocked(originOf(endpoint) ?? endpoint);
    case 'network':
      return loading ? m.unreachable : m.offline;
    case 'timeout':
      return m.timeout;
    case 'invalid-response':
      return m.errorInvalidResponse;
    default:
      if (error.status === 429) return m.rateLimited(error.retryAfter);
      // The server's own words are the most useful ones, and they reach the DOM only as text.
      return error.code !== null ? error.message : m.errorServer(error.status ?? 0);
  }
}
