// @ts-check
// Page-side measuring code. Each function is handed to playwright (addInitScript / evaluate),
// which sends its source text to the page: so each is self-contained, with no outside references.
// All times are performance.now() values, i.e. milliseconds since navigation start (timeOrigin).

/**
 * Installed before any page script: records long tasks, and detects the moment all `n` comments
 * are in the element's shadow DOM, then the next frame after it (rAF, then a setTimeout 0 after
 * it: the frame has been produced and the main thread is free again).
 *
 * Detection: once per frame, the count of `.comment` in the shadow root (each comment's `<li>`,
 * the element that also carries `part="comment …"`). A class is matched on Chromium's fast path;
 * `[part~="comment"]` is matched against every element's attribute, and counting it cost 34 ms
 * of a 5,000-comment load (8 ms by class), charged to our times. The poll is
 * re-registered from a task after each frame (setTimeout 0, then requestAnimationFrame), so it
 * runs after the element's own animation-frame work of the next frame (big threads render a
 * chunk per frame) and sees a chunk as soon as it is committed, before style and layout. Also
 * checked right after the element's update following `rc-loaded` (a thread rendered at once),
 * and for the floor and Waline right after each change to the page's DOM (a mutation observer).
 * The first time the count equals `n` is "in DOM". The floor and Waline are counted by their own
 * comment elements (the floor's `article`s, Waline's `.wl-card-item`s).
 * @param {{ n: number, contender: 'ours' | 'floor' | 'waline' }} options
 */
export function installProbe({ n, contender }) {
  /** @type {Array<{ start: number, duration: number }>} */
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task API: the report shows zero long tasks, and says the API was missing.
  }
  const count = () =>
    contender === 'floor'
      ? document.querySelectorAll('floor-comments article').length
      : contender === 'waline'
        ? document.querySelectorAll('#waline .wl-card-item').length
        : (document.querySelector('recovery-comments')?.shadowRoot?.querySelectorAll('.comment').length ??
          -1);
  /** @type {(value: { inDom: number, nextFrame: number }) => void} */
  let resolve = () => {};
  const done = new Promise((r) => (resolve = r));
  /** @type {number | null} */
  let inDom = null;
  let polls = 0;
  let pollTime = 0;
  const check = () => {
    if (inDom !== null) return true;
    const start = performance.now();
    const shown = count();
    const end = performance.now();
    polls++;
    pollTime += end - start;
    if (shown !== n) return false;
    inDom = start;
    requestAnimationFrame(() => setTimeout(() => resolve({ inDom: start, nextFrame: performance.now() }), 0));
    return true;
  };
  const poll = () => {
    if (!check()) setTimeout(() => requestAnimationFrame(poll), 0);
  };
  requestAnimationFrame(poll);
  /** @type {string[]} */
  const errors = [];
  const marks = { defined: NaN };
  customElements.whenDefined('recovery-comments').then(() => (marks.defined = performance.now()));
  // The floor and Waline are also checked as their DOM changes (a mutation observer runs right
  // after the script that changed it), as ours is right after its update: polled once a frame
  // alone, they would be seen up to a frame late, and ours would look faster than it is.
  if (contender !== 'ours')
    addEventListener('DOMContentLoaded', () =>
      new MutationObserver(() => check()).observe(document.body, { childList: true, subtree: true }),
    );
  document.addEventListener('rc-loaded', (event) => {
    const element = /** @type {any} */ (event.target);
    Promise.resolve(element.updateComplete).then(check);
  });
  document.addEventListener('rc-error', (event) =>
    errors.push(String(/** @type {CustomEvent} */ (event).detail?.message)),
  );
  Object.defineProperty(window, '__bench', {
    value: {
      longTasks,
      done,
      errors,
      count,
      marks,
      cost: () => ({ polls, pollTime }),
      longTaskApi: PerformanceObserver.supportedEntryTypes.includes('longtask'),
    },
  });
}

/**
 * After the next frame: long tasks up to it, element counts, then the JS heap after a forced
 * full GC (window.gc from --js-flags=--expose-gc; performance.memory is exact with
 * --enable-precise-memory-info). The GC runs last, so it is not counted as a long task.
 * @param {number} n
 */
export async function collect(n) {
  const bench = /** @type {any} */ (window).__bench;
  const { inDom, nextFrame } = await bench.done;
  // Long-task entries are delivered asynchronously: give the observer a moment.
  await new Promise((r) => setTimeout(r, 100));
  const tasks = bench.longTasks.filter((/** @type {{ start: number }} */ t) => t.start < nextFrame);
  /** @type {number[]} */
  const durations = tasks.map((/** @type {{ duration: number }} */ t) => t.duration);
  /** @param {Document | ShadowRoot} root @returns {number} */
  const countElements = (root) => {
    let total = 0;
    for (const element of root.querySelectorAll('*')) {
      total++;
      if (element.shadowRoot) total += countElements(element.shadowRoot);
    }
    return total;
  };
  const host = document.querySelector('recovery-comments');
  const allElements = countElements(document);
  const shadowElements = host?.shadowRoot ? countElements(host.shadowRoot) : 0;
  const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
  const response = resources.find(
    (entry) => entry.name.includes('/api/threads/') || entry.name.includes('/waline/api/comment'),
  );
  // The scripts fetched before the comments were all in the DOM (the page's own excluded): what
  // a reader had to download to see them.
  const scriptsBeforeDom = resources
    .filter((entry) => /\.m?js$/.test(new URL(entry.name).pathname) && entry.responseEnd <= inDom)
    .map((entry) => new URL(entry.name).pathname);
  const gc = /** @type {any} */ (window).gc;
  gc();
  gc();
  const heap = /** @type {any} */ (performance).memory.usedJSHeapSize;
  return {
    defined: bench.marks.defined,
    polls: bench.cost().polls,
    pollTime: bench.cost().pollTime,
    response: response ? response.responseEnd : NaN,
    inDom,
    nextFrame,
    longTaskTotal: durations.reduce((a, b) => a + b, 0),
    tbt: durations.reduce((a, b) => a + Math.max(0, b - 50), 0),
    longest: durations.length ? Math.max(...durations) : 0,
    longTasks: durations.length,
    longTaskApi: bench.longTaskApi,
    elementsPerComment: allElements / n,
    shadowElementsPerComment: shadowElements / n,
    allElements,
    shadowElements,
    heap,
    scriptsBeforeDom,
  };
}

/** The JS heap of a page after a forced full GC (for the plain-page baseline). */
export function heapAfterGc() {
  const gc = /** @type {any} */ (window).gc;
  gc();
  gc();
  return /** @type {any} */ (performance).memory.usedJSHeapSize;
}

/**
 * Arms a one-shot measurement: the next keydown → the next `rc-draft-saved` after it.
 * Read the result with `window.__keyToSave`.
 */
export function armKeystroke() {
  /** @type {number | null} */
  let down = null;
  addEventListener('keydown', () => (down = performance.now()), { capture: true, once: true });
  Object.defineProperty(window, '__keyToSave', {
    configurable: true,
    value: new Promise((resolve) => {
      const onSaved = () => {
        if (down === null) return; // a save from before the keystroke
        document.removeEventListener('rc-draft-saved', onSaved);
        resolve(performance.now() - down);
      };
      document.addEventListener('rc-draft-saved', onSaved);
    }),
  });
}

/** Arms a one-shot wait for the next event `type` on document; read it with `window.__event`. */
export function armEvent(/** @type {string} */ type) {
  Object.defineProperty(window, '__event', {
    configurable: true,
    value: new Promise((resolve) =>
      document.addEventListener(type, () => resolve(performance.now()), { once: true }),
    ),
  });
}

/** Arms the replay measurement: the next `online` event → the next `rc-submitted`; read `window.__replay`. */
export function armReplay() {
  /** @type {number | null} */
  let online = null;
  addEventListener('online', () => (online = performance.now()), { once: true });
  Object.defineProperty(window, '__replay', {
    configurable: true,
    value: new Promise((resolve) =>
      document.addEventListener('rc-submitted', () => resolve({ online, submitted: performance.now() }), {
        once: true,
      }),
    ),
  });
}
