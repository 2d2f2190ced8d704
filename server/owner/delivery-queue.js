// @ts-check
// The outbox of the server: emails and webhook calls are rows in the database first, sent by
// this worker after the request that caused them has been answered. A failure (SMTP down,
// refused, a webhook answering 500) is retried with capped exponential backoff and full jitter;
// a row is leased while one instance sends it, so instances sharing a database do not both send.

/** @typedef {'mail' | 'webhook'} DeliveryChannel */

/**
 * @typedef {object} Delivery
 * @property {string} id
 * @property {DeliveryChannel} channel
 * @property {any} payload
 * @property {number} attempts failed attempts so far
 */

/**
 * The part of the store the worker uses.
 * @typedef {object} DeliveryStore
 * @property {(channel: DeliveryChannel, payload: unknown, now: number) => Promise<string>} enqueueDelivery
 * @property {(options: { now: number, limit: number, leaseMs: number }) => Promise<Delivery[]>} claimDeliveries
 * @property {(id: string, now: number) => Promise<void>} finishDelivery
 * @property {(id: string, retry: { attempts: number, nextAt: number, error: string }) => Promise<void>} retryDelivery
 * @property {(id: string, error: string, now: number) => Promise<void>} abandonDelivery
 */

/**
 * @typedef {object} RetryPolicy
 * @property {number} baseMs first retry after up to this long
 * @property {number} maxMs no wait longer than this
 * @property {number} maxAttempts give up (and log it) after this many failures
 */

/** Retries for two days or so: a mail server down for a weekend loses nothing. */
export const DEFAULT_RETRY = Object.freeze({ baseMs: 5_000, maxMs: 30 * 60_000, maxAttempts: 120 });

/** How long one attempt may hold its row before another instance may take it over. */
const LEASE_MS = 2 * 60_000;
/** How often the worker looks for due rows when nothing woke it. */
const POLL_MS = 5_000;
const BATCH = 10;

/**
 * The wait before retry number `attempts` (1-based): full jitter over a capped doubling.
 * @param {number} attempts
 * @param {RetryPolicy} policy
 * @param {() => number} [random]
 */
export function retryDelay(attempts, policy, random = Math.random) {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.max(1, Math.round(random() * ceiling));
}

/**
 * @typedef {object} WorkerOptions
 * @property {DeliveryStore} store
 * @property {Record<DeliveryChannel, (payload: any) => Promise<void>>} senders
 * @property {{ warn: (obj: object, msg: string) => void, error: (obj: object, msg: string) => void }} log
 * @property {RetryPolicy} [retry]
 * @property {number} [pollMs]
 */

/** Starts the worker; `kick()` after enqueueing makes it look at once; `stop()` waits for it. */
export function startDeliveryWorker(/** @type {WorkerOptions} */ options) {
  const { store, senders, log } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const pollMs = options.pollMs ?? Math.min(POLL_MS, retry.baseMs);
  let stopped = false;
  let again = false;
  /** @type {Promise<void> | null} */
  let running = null;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;

  const schedule = (/** @type {number} */ ms) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(kick, ms).unref();
  };

  async function drain() {
    for (;;) {
      again = false;
      const due = await store.claimDeliveries({ now: Date.now(), limit: BATCH, leaseMs: LEASE_MS });
      for (const delivery of due) await attempt(delivery);
      if (stopped || (due.length < BATCH && !again)) return;
    }
  }

  async function attempt(/** @type {Delivery} */ delivery) {
    try {
      await senders[delivery.channel](delivery.payload);
      await store.finishDelivery(delivery.id, Date.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = delivery.attempts + 1;
      if (attempts >= retry.maxAttempts) {
        log.error(
          { delivery: delivery.id, channel: delivery.channel, attempts },
          `gave up delivering: ${message}`,
        );
        await store.abandonDelivery(delivery.id, message, Date.now());
      } else {
        const nextAt = Date.now() + retryDelay(attempts, retry);
        log.warn(
          { delivery: delivery.id, channel: delivery.channel, attempts },
          `delivery failed, will retry: ${message}`,
        );
        await store.retryDelivery(delivery.id, { attempts, nextAt, error: message });
      }
    }
  }

  function kick() {
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => log.error({ err: error }, 'the delivery worker failed; it will try again'))
      .finally(() => {
        running = null;
        if (again) kick();
        else schedule(pollMs);
      });
  }

  schedule(0);
  return {
    kick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** @typedef {ReturnType<typeof startDeliveryWorker>} DeliveryWorker */
