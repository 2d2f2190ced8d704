// @ts-check
// The outbox of the server: emails and webhook calls are jobs in the database first (the store's
// job queue), sent by this worker after the request that caused them has been answered. A
// failure (SMTP down, refused, a webhook answering 500) is retried with capped exponential
// backoff and full jitter; a claimed job is leased to one instance, so instances sharing a
// database do not both send it.

/** @typedef {'mail' | 'webhook'} DeliveryChannel */

/**
 * The part of the store the worker uses: its job queue (see CommentStore in store.js).
 * @typedef {Pick<import('../store.js').CommentStore, 'claimJobs' | 'completeJob' | 'retryJob'>} DeliveryStore
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
      let claimed = 0;
      for (const channel of /** @type {DeliveryChannel[]} */ (['mail', 'webhook'])) {
        const due = await store.claimJobs(channel, { limit: BATCH, leaseMs: LEASE_MS });
        claimed = Math.max(claimed, due.length);
        for (const job of due) await attempt(channel, job);
      }
      if (stopped || (claimed < BATCH && !again)) return;
    }
  }

  async function attempt(
    /** @type {DeliveryChannel} */ channel,
    /** @type {import('../store.js').Job} */ job,
  ) {
    try {
      await senders[channel](job.payload);
      await store.completeJob(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // job.attempts counts this claim: it is the number of failures now.
      if (job.attempts >= retry.maxAttempts) {
        log.error({ job: job.id, channel, attempts: job.attempts }, `gave up delivering: ${message}`);
        await store.completeJob(job.id);
      } else {
        log.warn({ job: job.id, channel, attempts: job.attempts }, `delivery failed, will retry: ${message}`);
        await store.retryJob(job.id, {
          delayMs: retryDelay(job.attempts, retry),
          error: message.slice(0, 1000),
        });
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
