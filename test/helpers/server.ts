import { executeServerCommand } from '@web/test-runner-commands';

/** A comment as the test seeds it straight into the reference server's database. */
export interface SeedComment {
  id: string;
  parentId: string | null;
  author: { name: string; email?: string | null; url?: string | null };
  body: string;
  createdAt: string;
  status: 'published' | 'pending' | 'rejected';
  /** Set for a reply a moderator wrote in the moderation app (shown with the owner badge). */
  moderatorId?: string;
}

/**
 * Which reference server: with pre-moderation (the default) or without, one offering reply
 * notifications (pre-moderation, emails written to a log), or one whose --origin leaves out the page;
 * without moderation, one whose edit window is 3 seconds (`short`) and one with none (`v1`: its POST
 * answers carry no editToken, as a v1 server's).
 */
export type Moderation = 'pre' | 'off' | 'notify' | 'foreign' | 'short' | 'v1';

const infos = new Map<Moderation, Promise<{ endpoint: string; adminToken: string }>>();

/** The reference server the test config started. */
export function server(moderation: Moderation = 'pre'): Promise<{ endpoint: string; adminToken: string }> {
  let info = infos.get(moderation);
  if (!info) infos.set(moderation, (info = executeServerCommand('rc-server', { moderation })));
  return info;
}

let counter = 0;

/** A thread id no other test uses, so tests never see each other's comments. */
export function uniqueThread(name: string): string {
  counter++;
  return `/test/${name}-${Date.now().toString(36)}-${counter}/`;
}

/**
 * The id a seeded comment gets: comment ids are unique across the whole server, so each
 * thread's short local ids ("a", "b") are prefixed with a tag of the thread.
 */
export function seededId(thread: string, local: string): string {
  let hash = 0;
  for (const char of thread) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) | 0;
  return `t${(hash >>> 0).toString(36)}-${local}`;
}

/** The local id of a seeded comment ("a"), or the id itself for comments the test posted. */
export function localId(thread: string, id: string): string {
  const prefix = seededId(thread, '');
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

/** Writes comments straight into the server's database, ids made unique with `seededId`. */
export async function seed(
  thread: string,
  comments: SeedComment[],
  moderation: Moderation = 'pre',
): Promise<void> {
  const unique = comments.map((comment) => ({
    ...comment,
    id: seededId(thread, comment.id),
    parentId: comment.parentId === null ? null : seededId(thread, comment.parentId),
  }));
  await executeServerCommand('rc-seed', { thread, comments: unique, moderation });
}

/** A comment as the server stored it, for moderators (email and clientId included). */
export interface StoredComment {
  id: string;
  parentId: string | null;
  body: string;
  status: string;
  clientId: string | null;
  author: { name: string; email: string | null; url: string | null };
}

/** Everything the server stored for a thread, whatever its status. */
export function stored(thread: string, moderation: Moderation = 'pre'): Promise<StoredComment[]> {
  return executeServerCommand('rc-stored', { thread, moderation });
}

/** A published comment at `minutesAgo`, for seeding. */
export function published(
  id: string,
  parentId: string | null,
  name: string,
  body: string,
  minutesAgo: number,
): SeedComment {
  return {
    id,
    parentId,
    author: { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.org`, url: null },
    body,
    createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    status: 'published',
  };
}

/** Lists the thread the way the public API does (published only). */
export async function listThread(
  thread: string,
  moderation: Moderation = 'pre',
): Promise<{
  total: number;
  comments: { id: string; body: string; parentId: string | null; status: string }[];
}> {
  const { endpoint } = await server(moderation);
  const response = await fetch(`${endpoint}/threads/${encodeURIComponent(thread)}/comments?limit=200`);
  return response.json();
}

/** A fault the proxy injects (see test/support/fault-proxy.js). */
export interface Fault {
  method?: string;
  path?: string;
  times?: number;
  action:
    | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
    | { kind: 'forward-then-drop' }
    | { kind: 'drop' }
    | { kind: 'delay'; ms: number };
}

/** One request the proxy saw. */
export interface ProxyLogEntry {
  method: string;
  path: string;
  status: number | 'dropped';
  clientId: string | null;
  fault: string | null;
  at: number;
}

/** The fault-injecting proxy in front of the server without moderation. */
export function proxy(): Promise<{ endpoint: string }> {
  return executeServerCommand('rc-proxy');
}

/** Adds faults for the next matching requests. */
export async function injectFaults(faults: Fault[]): Promise<void> {
  await executeServerCommand('rc-proxy-inject', { faults });
}

/** What went through the proxy since the last reset. */
export function proxyLog(): Promise<ProxyLogEntry[]> {
  return executeServerCommand('rc-proxy-log');
}

/** Clears the proxy's faults and log. */
export async function resetProxy(): Promise<void> {
  await executeServerCommand('rc-proxy-reset');
}

/** Cuts (or restores) the page's network to these origins, firing `offline`/`online` as a real outage does. */
export async function setOffline(offline: boolean, origins: string[]): Promise<void> {
  await executeServerCommand('rc-network', { offline, origins });
}

/** Moderates a comment straight in the database (approve: 'published'). */
export async function setStatus(
  id: string,
  status: 'published' | 'pending' | 'rejected',
  moderation: Moderation = 'pre',
): Promise<void> {
  await executeServerCommand('rc-set-status', { id, status, moderation });
}

/** The emails the notify server has written so far (it logs them instead of sending). */
export function mails(): Promise<string[]> {
  return executeServerCommand('rc-mail');
}
