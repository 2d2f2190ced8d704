/**
 * The moderation app's side of /admin/api: typed calls, the CSRF header on every change, and
 * server errors turned into sentences the app can show.
 */

export type Status = 'pending' | 'published' | 'spam' | 'rejected';
export type Action = 'approve' | 'reject' | 'spam' | 'delete';

export interface Moderator {
  email: string;
  name: string;
}

export interface Session {
  moderator: Moderator;
  csrfToken: string;
}

export interface AdminComment {
  id: string;
  thread: { id: string; url: string | null; title: string | null };
  parent: { id: string; author: { name: string }; body: string; status: Status } | null;
  author: { name: string; email: string | null; url: string | null };
  body: string;
  createdAt: string;
  status: Status;
  byOwner: boolean;
  link: string | null;
}

export type Counts = Record<Status, number>;

export interface QueuePage {
  comments: AdminComment[];
  total: number;
  counts: Counts;
  offset: number;
  limit: number;
}

export interface TrustRules {
  trustApproved: boolean;
  maxLinks: number;
  blockedWords: string[];
  blockedEmails: string[];
  blockedIps: string[];
}

export interface Settings {
  rules: TrustRules;
  notifications: { mail: 'smtp' | 'log' | 'off'; notify: string[]; webhook: boolean; publicUrl: string };
}

/** A refused call: `status` is the HTTP status (0 for no answer), `field` the input it is about. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The calls the app makes, relative to `base` (the app's own origin and /admin/api). */
export class AdminApi {
  private csrfToken = '';

  constructor(private readonly base = new URL('api/', document.baseURI).href) {}

  /** The signed-in moderator, or null when there is no session. */
  async session(): Promise<Session | null> {
    try {
      return this.remember(await this.call<Session>('GET', 'session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(email: string, password: string): Promise<Session> {
    return this.remember(await this.call<Session>('POST', 'session', { email, password }));
  }

  async signOut(): Promise<void> {
    await this.call('DELETE', 'session');
    this.csrfToken = '';
  }

  async queue(status: Status, query: string, offset: number, limit: number): Promise<QueuePage> {
    const params = new URLSearchParams({ status, offset: String(offset), limit: String(limit) });
    if (query.trim() !== '') params.set('q', query.trim());
    return this.call<QueuePage>('GET', `comments?${params}`);
  }

  async act(action: Action, ids: string[]): Promise<{ changed: number }> {
    return this.call('POST', 'comments/actions', { action, ids });
  }

  async edit(id: string, body: string): Promise<AdminComment> {
    return (
      await this.call<{ comment: AdminComment }>('PATCH', `comments/${encodeURIComponent(id)}`, { body })
    ).comment;
  }

  async reply(id: string, body: string): Promise<AdminComment> {
    const path = `comments/${encodeURIComponent(id)}/replies`;
    return (await this.call<{ comment: AdminComment }>('POST', path, { body })).comment;
  }

  async settings(): Promise<Settings> {
    return this.call<Settings>('GET', 'settings');
  }

  async saveRules(rules: TrustRules): Promise<TrustRules> {
    return (await this.call<{ rules: TrustRules }>('PUT', 'settings', { rules })).rules;
  }

  private remember(session: Session): Session {
    this.csrfToken = session.csrfToken;
    return session;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.base), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError('The server did not answer. Check your connection and try again.', 0);
    }
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (data as { error?: { message?: unknown; field?: unknown } } | null)?.error;
      throw new ApiError(
        typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`,
        response.status,
        typeof error?.field === 'string' ? error.field : null,
      );
    }
    return data as T;
  }
}
