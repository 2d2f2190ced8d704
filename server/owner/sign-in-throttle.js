// @ts-check
// Failed sign-ins, counted in the database (so every instance counts the same) per email and per
// client address: past the limit, that email or address waits until the window has moved on.

/** Failures allowed per window, per email and per client address. */
export const THROTTLE = Object.freeze({ perEmail: 5, perAddress: 20, windowMs: 15 * 60_000 });

/**
 * @param {import('../store/owner-store.js').OwnerStore} owner
 * @param {{ perEmail: number, perAddress: number, windowMs: number }} [limits]
 */
export function signInThrottle(owner, limits = THROTTLE) {
  const keys = (/** @type {string} */ email, /** @type {string} */ ip) => [
    { key: `email:${email.trim().toLowerCase()}`, max: limits.perEmail },
    { key: `ip:${ip}`, max: limits.perAddress },
  ];
  return {
    /** Seconds to wait before trying again, or 0 when a try is allowed. */
    async retryAfter(/** @type {string} */ email, /** @type {string} */ ip, now = Date.now()) {
      let wait = 0;
      for (const { key, max } of keys(email, ip)) {
        const { count, oldest } = await owner.signInFailures(
          key,
          new Date(now - limits.windowMs).toISOString(),
        );
        if (count >= max && oldest !== null) {
          wait = Math.max(wait, 1, Math.ceil((Date.parse(oldest) + limits.windowMs - now) / 1000));
        }
      }
      return Math.max(0, wait);
    },
    async failed(/** @type {string} */ email, /** @type {string} */ ip, now = Date.now()) {
      for (const { key } of keys(email, ip))
        await owner.recordSignInFailure(key, new Date(now).toISOString());
    },
    async succeeded(/** @type {string} */ email) {
      await owner.clearSignInFailures(`email:${email.trim().toLowerCase()}`);
    },
  };
}
