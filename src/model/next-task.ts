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
