import type { BackendError } from '../backend/backend.js';

/** How hard the outbox tries before it asks the reader. */
export interface RetryPolicy {
  /** First backoff ceiling, in ms. */
  baseMs: number;
  /** Largest backoff ceiling, in ms. */
  capMs: number;
  /** Attempts (the first send included) before the entry becomes "failed — Retry". */
  maxAttempts: number;
}

/** The default: 1 s, 2 s, 4 s … up to 5 minutes, 10 attempts (about 20 minutes of trying). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1000, capMs: 5 * 60_000, maxAttempts: 10 };

/** Statuses worth sending again: the server may well accept the same request later. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** A Retry-After longer than this is treated as this: a reader's comment should not wait a day. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** What to do after a failed attempt. */
export type RetryDecision =
  | { kind: 'retry'; delayMs: number }
  /** Tried enough: keep the entry and let the reader press Retry. */
  | { kind: 'give-up' }
  /** The server refused this comment: sending it again cannot help. */
  | { kind: 'reject' }
  /** The page itself blocks the endpoint (CSP): a configuration problem, not worth retrying. */
  | { kind: 'blocked' };

/** Whether an error is one a later attempt may get past. */
function isRetryable(error: BackendError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && error.status !== null && RETRYABLE_STATUS.has(error.status);
}

/**
 * Capped exponential backoff with full jitter, never shorter than the server's Retry-After.
 * `attempt` counts the attempts made so far (1 after the first failure).
 */
export function retryDelay(
  attempt: number,
  retryAfterSeconds: number | null,
  policy: RetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  const jittered = Math.floor(random() * ceiling);
  const floor =
    retryAfterSeconds === null ? 0 : Math.min(MAX_RETRY_AFTER_MS, Math.ceil(retryAfterSeconds * 1000));
  return Math.max(jittered, floor);
}

/** Decides what follows a failed attempt. */
export function decideRetry(
  error: BackendError,
  attempts: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (error.kind === 'blocked') return { kind: 'blocked' };
  if (!isRetryable(error)) return { kind: 'reject' };
  if (attempts >= policy.maxAttempts) return { kind: 'give-up' };
  return { kind: 'retry', delayMs: retryDelay(attempts, error.retryAfter, policy, random) };
}
