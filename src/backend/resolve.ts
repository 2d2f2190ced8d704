import type { Messages } from '../i18n/messages.js';
import type { CommentsBackend } from './backend.js';
import { RestBackend } from './rest.js';

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
