import type { KeyValueStore } from '../../src/offline/storage.js';

/** A KeyValueStore in a Map, for tests of the offline logic without IndexedDB. */
export class MemoryStore implements KeyValueStore {
  readonly memoryOnly = false;
  readonly data = new Map<string, unknown>();
  writes = 0;

  async get<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, structuredClone(value));
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
  async entries<T>(prefix: string): Promise<Array<[string, T]>> {
    return [...this.data.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => [key, structuredClone(value) as T]);
  }
  onMemoryOnly(): void {}
}
