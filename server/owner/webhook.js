// @ts-check
// The --webhook: each event POSTed as JSON. Any 2xx is delivered; anything else (or no answer
// in 10 s) is a failure the delivery queue retries.

/** Checks a --webhook value: an http(s) URL. */
export function checkWebhookUrl(/** @type {string} */ value) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`--webhook expects an http:// or https:// URL, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`--webhook expects an http:// or https:// URL, not a ${url.protocol} URL.`);
  }
  return url.href;
}

/** A sender that POSTs a payload to `url`. */
export function webhookSender(/** @type {string} */ url) {
  return async (/** @type {unknown} */ payload) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'recovery-comments-server' },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
  };
}
