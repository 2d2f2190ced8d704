import type { KeyValueStore } from './storage.js';

/** The details a reader chose to have remembered. */
export interface Identity {
  name: string;
  email: string;
  url: string;
}

const KEY = 'identity';

/** The details "Save my name, email, and website" keeps, from a form's fields: never the comment itself. */
export const identityOf = ({ name, email, url }: Identity): Identity => ({ name, email, url });

/** The remembered details, or null when the reader never ticked the box (or unticked it). */
export async function loadIdentity(store: KeyValueStore): Promise<Identity | null> {
  const value = await store.get<Identity>(KEY);
  const valid =
    value && ['name', 'email', 'url'].every((field) => typeof value[field as keyof Identity] === 'string');
  return valid ? identityOf(value) : null;
}

/**
 * Remembers name, email and website when the reader ticks "Save my name, email, and website";
 * forgets them (null) when they untick it.
 */
export function saveIdentity(store: KeyValueStore, identity: Identity | null): Promise<void> {
  return identity ? store.set(KEY, identity) : store.delete(KEY);
}
