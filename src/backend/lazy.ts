import { BackendError, type CommentsBackend } from './backend.js';

/**
 * A backend whose code is loaded on its first call (a dynamic `import()`), so pages that use
 * another backend never download it. A failed download is a network error, retried on the
 * next call.
 */
export function lazyBackend(load: () => Promise<CommentsBackend>): CommentsBackend {
  let loading: Promise<CommentsBackend> | null = null;
  const backend = (): Promise<CommentsBackend> => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw new BackendError('network', `The comments code could not be loaded (${String(error)}).`);
    });
    return loading;
  };
  return {
    loadPage: async (thread, request, signal) => (await backend()).loadPage(thread, request, signal),
    postComment: async (thread, comment, signal) => (await backend()).postComment(thread, comment, signal),
  };
}
