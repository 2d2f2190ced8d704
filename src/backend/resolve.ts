import type { Messages } from '../i18n/messages.js';
import { pageSizeOf, sortOf } from '../model/settings.js';
import { defaultThreadId } from '../model/thread-id.js';
import type { SortOrder } from '../model/types.js';
import type { CommentsBackend } from './backend.js';
import { lazyBackend } from './lazy.js';
import { RestBackend } from './rest.js';

/** What to load: changing any of it starts over. */
export interface ThreadQuery {
  backend: CommentsBackend;
  thread: string;
  pageSize: number;
  sort: SortOrder;
}

/** Says, in the reader's language, what is wrong with the element's configuration. */
export type ConfigProblem = (m: Messages) => string;

/** Makes a backend for an endpoint; throws when the endpoint is no URL. */
type Adapter = (endpoint: string) => CommentsBackend;

/**
 * The backends `backend="…"` names. Each entry is one line; one that the bundle should not
 * carry for every reader wraps a dynamic `import()` in `lazyBackend` (./lazy.js), e.g.
 * `wordpress: (root) => lazyBackend(() => import('./wordpress.js').then((m) => new m.WordPressBackend(root)))`.
 */
const ADAPTERS: Record<string, Adapter> = {
  rest: (endpoint) => new RestBackend(endpoint),
  // Core's /wp/v2/comments for headless WordPress sites; `endpoint` is the site's REST root.
  wordpress: (endpoint) => {
    const root = new URL(endpoint, document.baseURI).href;
    return lazyBackend(() => import('./wordpress.js').then((m) => new m.WordPressBackend(root)));
  },
};

/**
 * The backend the element talks to: the object given as the `backend` property, else the
 * adapter the `backend` attribute names ("rest" when empty) for `endpoint`; or what is wrong.
 */
export function resolveBackend(
  choice: string | CommentsBackend | null | undefined,
  endpoint: string,
): CommentsBackend | ConfigProblem {
  if (typeof choice === 'object' && choice !== null) return choice;
  const name = String(choice ?? '') || 'rest';
  const adapter = Object.hasOwn(ADAPTERS, name) ? ADAPTERS[name] : undefined;
  if (!adapter) return (m) => m.configUnknownBackend(name);
  if (!endpoint) return (m) => m.configNoEndpoint;
  try {
    return adapter(endpoint);
  } catch {
    return (m) => m.configBadEndpoint(endpoint);
  }
}

/** What the element's attributes ask for. */
export interface QuerySettings {
  backend: string | CommentsBackend | null | undefined;
  endpoint: string;
  thread: string;
  pageSize: number;
  sort: string;
}

/** What to load for these settings (page size clamped, thread defaulted), or what is wrong. */
export function queryFor(settings: QuerySettings): ThreadQuery | ConfigProblem {
  const backend = resolveBackend(settings.backend, settings.endpoint);
  if (typeof backend === 'function') return backend;
  return {
    backend,
    thread: settings.thread || defaultThreadId(),
    pageSize: pageSizeOf(settings.pageSize),
    sort: sortOf(settings.sort),
  };
}
