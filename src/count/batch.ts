/** Loads the counts of some threads of one endpoint in one request; a thread left out is unknown. */
export type LoadCounts = (endpoint: string, threads: string[]) => Promise<Map<string, number>>;

/** Runs `flush` once the elements about to ask have asked. */
export type Schedule = (flush: () => void) => void;

/** The server takes at most this many threads per request (the contract's limit). */
export const MAX_THREADS_PER_REQUEST = 100;
/**
 * Longest query string per request, in characters. Proxies and CDNs commonly refuse URLs over
 * 8 KB, and Node's own header limit is 16 KB; long thread ids must not push a request past them.
 */
export const MAX_QUERY_LENGTH = 6000;

/** Splits threads into requests of at most `maxCount` threads and `maxLength` query characters. */
export function chunkThreads(
  threads: readonly string[],
  maxCount = MAX_THREADS_PER_REQUEST,
  maxLength = MAX_QUERY_LENGTH,
): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const thread of threads) {
    // "thread=" + the encoded id + "&".
    const size = encodeURIComponent(thread).length + 8;
    if (chunk.length > 0 && (chunk.length === maxCount || length + size > maxLength)) {
      chunks.push(chunk);
      chunk = [];
      length = 0;
    }
    chunk.push(thread);
    length += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * After the parser has placed every element (a classic script in <head> upgrades them one by one
 * as they are parsed), else at the end of the current task's microtasks.
 */
export const afterParsing: Schedule = (flush) => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', flush, { once: true });
  else queueMicrotask(flush);
};

/**
 * Collects the counts that the elements of a page ask for and loads them together: one request
 * per endpoint (more only past 100 threads or a long query), each thread asked once per page.
 */
export class CountBatcher {
  readonly #load: LoadCounts;
  readonly #schedule: Schedule;
  /** Answers by endpoint and thread, kept for the page's life so a thread is asked once. */
  readonly #answers = new Map<string, Promise<number | null>>();
  /** Threads waiting for the next flush, by endpoint. */
  readonly #waiting = new Map<string, Map<string, (count: number | null) => void>>();

  constructor(load: LoadCounts, schedule: Schedule = afterParsing) {
    this.#load = load;
    this.#schedule = schedule;
  }

  /** The count of published comments of `thread` at `endpoint`, or null when it could not be had. */
  count(endpoint: string, thread: string): Promise<number | null> {
    const key = JSON.stringify([endpoint, thread]);
    let answer = this.#answers.get(key);
    if (answer === undefined) {
      answer = new Promise((resolve) => {
        const first = this.#waiting.size === 0;
        let threads = this.#waiting.get(endpoint);
        if (threads === undefined) this.#waiting.set(endpoint, (threads = new Map()));
        threads.set(thread, resolve);
        if (first) this.#schedule(() => this.#flush());
      });
      // A failure is not kept: an element connected later asks again.
      void answer.then((count) => count === null && this.#answers.delete(key));
      this.#answers.set(key, answer);
    }
    return answer;
  }

  #flush(): void {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const [endpoint, threads] of waiting) {
      // Sorted, so the same index page asks the same URL every time and a CDN can hold it.
      for (const chunk of chunkThreads([...threads.keys()].sort())) {
        this.#load(endpoint, chunk).then(
          (counts) => chunk.forEach((thread) => threads.get(thread)?.(counts.get(thread) ?? null)),
          () => chunk.forEach((thread) => threads.get(thread)?.(null)),
        );
      }
    }
  }
}
