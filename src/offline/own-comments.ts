import type { EditGrant } from '../backend/backend.js';
import { scopedKey, scopePrefix } from './keys.js';
import type { KeyValueStore } from './storage.js';

/** An edit token as kept on the device, with the comment it is for. */
interface StoredGrant extends EditGrant {
  id: string;
}

const PREFIX = 'own|';

const isGrant = (value: unknown): value is StoredGrant => {
  const grant = value as StoredGrant;
  return (
    typeof grant === 'object' &&
    grant !== null &&
    typeof grant.id === 'string' &&
    typeof grant.token === 'string' &&
    typeof grant.until === 'number'
  );
};

/**
 * The edit tokens of the reader's own comments (contract v1.1), per endpoint, thread and
 * comment. Only this store and the outbox ever hold a token: never the DOM, never an event.
 * A token past its `until` is of no use and is dropped when read.
 */
export class OwnComments {
  constructor(private readonly store: KeyValueStore) {}

  /** Keeps the token a POST answer gave. */
  keep(endpoint: string, thread: string, id: string, grant: EditGrant): Promise<void> {
    return this.store.set(scopedKey(PREFIX, endpoint, thread, id), {
      id,
      token: grant.token,
      until: grant.until,
    } satisfies StoredGrant);
  }

  /** Forgets a comment's token (it was deleted, or the server refused it). */
  forget(endpoint: string, thread: string, id: string): Promise<void> {
    return this.store.delete(scopedKey(PREFIX, endpoint, thread, id));
  }

  /** The thread's tokens still in their window, by comment id; expired and unreadable entries go. */
  async forThread(endpoint: string, thread: string, now = Date.now()): Promise<Map<string, EditGrant>> {
    const grants = new Map<string, EditGrant>();
    const mine = scopePrefix(PREFIX, endpoint, thread);
    // Every thread's: tokens are few, and one visit cleans up after the others.
    for (const [key, value] of await this.store.entries<unknown>(PREFIX)) {
      if (!isGrant(value) || value.until <= now) await this.store.delete(key);
      else if (key.startsWith(mine)) grants.set(value.id, { token: value.token, until: value.until });
    }
    return grants;
  }
}
