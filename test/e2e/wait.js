// @ts-check
// Waiting in end-to-end tests: for a while, or until a check passes.

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `check` until it stops throwing or `timeout` ms have passed (then rethrows).
 * @template T
 * @param {() => Promise<T> | T} check
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
export async function eventually(check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(100);
  }
}
