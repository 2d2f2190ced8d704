import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/** The little key-value storage the offline features need. Every method resolves; none throws. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** All entries whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<Array<[string, T]>>;
  /** True once the device storage failed: values then live only in this window. */
  readonly memoryOnly: boolean;
  /**
   * Calls back once, when the store falls back to memory. May return a function that stops the
   * callback (the element calls it when it leaves the page or its storage is replaced).
   */
  onMemoryOnly(callback: () => void): (() => void) | void;
}

/** Our own database, never idb-keyval's shared default. */
const DATABASE_NAME = 'recovery-comments';
const STORE_NAME = 'kv';
/** An IndexedDB that does not answer in this time is treated as broken (Firefox private mode hangs). */
const TIMEOUT_MS = 1000;

/** `work`, or a rejection once `ms` have passed without an answer (then the store gives up on IndexedDB). */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // No reason given: nobody reads it (the store falls back to memory), and words cost bytes.
    timer = setTimeout(reject, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * IndexedDB through idb-keyval, falling back to memory for the rest of the page's life when it is
 * missing, hangs, is full or breaks. Every value written is also kept in memory, so a failure
 * in the middle of a session loses nothing that session wrote.
 */
export class DeviceStore implements KeyValueStore {
  memoryOnly = false;

  readonly #memory = new Map<string, unknown>();
  #idb: UseStore | null = null;
  readonly #listeners: Array<() => void> = [];

  readonly #databaseName: string;
  readonly #timeoutMs: number;

  constructor(databaseName = DATABASE_NAME, timeoutMs = TIMEOUT_MS) {
    this.#databaseName = databaseName;
    this.#timeoutMs = timeoutMs;
    if (!globalThis.indexedDB) this.memoryOnly = true;
  }

  onMemoryOnly(callback: () => void): () => void {
    if (this.memoryOnly) callback();
    else this.#listeners.push(callback);
    return () => {
      const at = this.#listeners.indexOf(callback);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  async get<T>(key: string): Promise<T | undefined> {
    const stored = await this.#run((store) => store('readonly', (s) => promisifyRequest(s.get(key))));
    return (stored.ok ? stored.value : this.#memory.get(key)) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#memory.set(key, value);
    await this.#run((store) =>
      store('readwrite', (s) => {
        s.put(value, key);
        return promisifyRequest(s.transaction);
      }),
    );
  }

  async delete(key: string): Promise<void> {
    this.#memory.delete(key);
    await this.#run((store) =>
      store('readwrite', (s) => {
        s.delete(key);
        return promisifyRequest(s.transaction);
      }),
    );
  }

  async entries<T>(prefix: string): Promise<Array<[string, T]>> {
    const range = () => IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const stored = await this.#run((store) =>
      store('readonly', (s) =>
        Promise.all([promisifyRequest(s.getAllKeys(range())), promisifyRequest(s.getAll(range()))]),
      ),
    );
    if (stored.ok) {
      const [keys, values] = stored.value;
      return keys.map((key, i) => [String(key), values[i] as T]);
    }
    return (
      [...this.#memory.entries()]
        .filter(([key]) => key.startsWith(prefix))
        // Keys of a Map are never equal.
        .sort(([a], [b]) => (a < b ? -1 : 1)) as Array<[string, T]>
    );
  }

  /** Runs an IndexedDB operation; on failure reconnects once, then falls back to memory. */
  async #run<T>(operation: (store: UseStore) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    for (let attempt = 0; attempt < 2 && !this.memoryOnly; attempt++) {
      try {
        return { ok: true, value: await withTimeout(operation(this.#connection()), this.#timeoutMs) };
      } catch (error) {
        // A connection closed under us (the database was deleted, or Safari closed it): one
        // fresh connection may work. Anything else (quota, hang, private mode) will not.
        const closed = (error as DOMException | undefined)?.name === 'InvalidStateError';
        this.#idb = null;
        if (!closed || attempt > 0) this.#fallBackToMemory();
      }
    }
    return { ok: false };
  }

  #connection(): UseStore {
    if (this.#idb) return this.#idb;
    const store = createStore(this.#databaseName, STORE_NAME);
    // Close when another page deletes or upgrades the database, instead of blocking it.
    void store('readonly', (s) => {
      const db = s.transaction.db;
      db.onversionchange = () => {
        db.close();
        if (this.#idb === store) this.#idb = null;
      };
      return Promise.resolve();
    }).catch(() => undefined);
    this.#idb = store;
    return store;
  }

  #fallBackToMemory(): void {
    if (this.memoryOnly) return;
    this.memoryOnly = true;
    for (const listener of this.#listeners.splice(0)) listener();
  }
}

let shared: DeviceStore | undefined;

/** The store all elements of a page share by default. */
export function sharedDeviceStore(): DeviceStore {
  shared ??= new DeviceStore();
  return shared;
}
