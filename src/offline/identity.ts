import type { KeyValueStore } from './storage.js';

/** The details a reader chose to have remembered. */
export interface Identity {
  name: string;
  email: string;
  url: string;
}

const KEY = 'identity';

/** Name, email and website, kept only when the reader ticks "Save my name, email, and website". */
export class IdentityStore {
  constructor(private readonly store: KeyValueStore) {}

  /** The remembered details, or null when the reader never ticked the box (or unticked it). */
  async load(): Promise<Identity | null> {
    const value = await this.store.get<Identity>(KEY);
    const valid =
      value && ['name', 'email', 'url'].every((field) => typeof value[field as keyof Identity] === 'string');
    return valid ? { name: value.name, email: value.email, url: value.url } : null;
  }

  /** Remembers the details (the box is ticked). */
  save(identity: Identity): Promise<void> {
    return this.store.set(KEY, identity);
  }

  /** Forgets them (the box was unticked). */
  forget(): Promise<void> {
    return this.store.delete(KEY);
  }
}
