/**
 * Resolves in a later task, so the browser can paint and answer input between two slices of a
 * long piece of work (a big thread is read, checked and laid out in several). `scheduler.yield`
 * where there is one (it resumes ahead of other queued work); else a message, which, unlike
 * `setTimeout`, is neither clamped nor throttled in a background tab.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Pages of up to this many comments are read, checked and rendered in one task (as
 * `ChunkController` renders them at once): at 1,000, the two later tasks between cost the
 * comments ~80 ms before they showed (other work and a frame came between), and the one task
 * stays well under 200 ms. Bigger pages are sliced.
 */
export const ONE_TASK = 1200;

/** A later task (`nextTask`) when a page of `comments` is sliced; at once when it is not. */
export const sliceFor = async (comments: number): Promise<void> => {
  if (comments > ONE_TASK) await nextTask();
};
