import { BackendError, type CommentsBackend } from './backend.js';

/**
 * Code a backend loads on demand (a dynamic `import()`), asked for once: a failed download is a
 * network error, and asked for again at the next call.
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw new BackendError('network', `The comments code could not be loaded (${String(error)}).`);
    }));
}

/**
 * A backend whose code is loaded on its first call, so pages that use another backend never
 * download it.
 */
export function lazyBackend(load: () => Promise<CommentsBackend>): CommentsBackend {
  const backend = onDemand(load);
  return {
    loadPage: async (thread, request, signal) => (await backend()).loadPage(thread, request, signal),
    postComment: async (thread, comment, signal) => (await backend()).postComment(thread, comment, signal),
  };
}
