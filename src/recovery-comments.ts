import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { BackendError, type CommentsBackend } from './backend/backend.js';
import { RestBackend } from './backend/rest.js';
import { RcComposer } from './components/composer.js';
import { renderComment } from './components/comment-view.js';
import { commentsContext, type CommentsApi, type SubmitOutcome } from './context.js';
import { ThreadController, type ThreadQuery } from './controllers/thread-controller.js';
import { emit } from './events.js';
import { en } from './i18n/en.js';
import type { Messages } from './i18n/messages.js';
import { newClientId } from './model/client-id.js';
import { findNode } from './model/tree.js';
import { defaultThreadId, defaultThreadTitle } from './model/thread-id.js';
import type { Comment, CommentFields, NewComment, SortOrder } from './model/types.js';
import { threadStyles } from './styles/thread.js';

/** Properties that change what is loaded. */
const QUERY_PROPERTIES = ['endpoint', 'thread', 'backend', 'pageSize', 'sort'] as const;

const COMPOSER_PARTS =
  'composer, composer-heading, field, label, input, field-error, form-error, submit-button, cancel-button';

/** How many extra pages a `#comment-<id>` link may load to find its comment. */
const MAX_PAGES_FOR_TARGET = 20;

/**
 * A threaded comment section for the page it is on.
 *
 * @summary Threaded, offline-first comments for any page.
 *
 * @slot empty - Shown instead of the thread when it has no comments yet.
 * @slot notice - Shown above the reply form's fields, e.g. community guidelines.
 *
 * @fires rc-before-submit - Cancelable; before a comment is sent. `detail.comment` is the request.
 * @fires rc-submitted - The server accepted a comment (published or awaiting moderation).
 * @fires rc-failed - A comment could not be sent; the reader's text is still in the form.
 * @fires rc-loaded - A page of the thread was loaded and shown.
 * @fires rc-error - The thread could not be loaded, or the element is misconfigured.
 *
 * @cssprop [--rc-color-text=currentColor] - Text colour (inherits the page's by default).
 * @cssprop [--rc-color-muted=color-mix(in srgb, currentColor 68%, transparent)] - Dates, notes, "says:".
 * @cssprop [--rc-color-accent=light-dark(#0a6b4c, #7fd6b0)] - Links, buttons, highlights.
 * @cssprop [--rc-color-on-accent=light-dark(#ffffff, #06281c)] - Text on accent-coloured buttons.
 * @cssprop [--rc-color-surface=transparent] - Background of the section.
 * @cssprop [--rc-color-field=light-dark(#ffffff, #1d1f21)] - Background of form fields.
 * @cssprop [--rc-color-border=color-mix(in srgb, currentColor 24%, transparent)] - Borders and thread lines.
 * @cssprop [--rc-color-danger=light-dark(#b3261e, #ffb4ab)] - Errors and required marks.
 * @cssprop [--rc-color-focus=var(--rc-color-accent)] - Focus ring.
 * @cssprop [--rc-color-highlight=color-mix(in srgb, accent 14%, transparent)] - Background of a linked comment.
 * @cssprop [--rc-font-family=inherit] - Font of the whole section.
 * @cssprop [--rc-font-size=inherit] - Base font size.
 * @cssprop [--rc-font-size-small=0.875em] - Dates and notes.
 * @cssprop [--rc-space=1rem] - Base spacing unit.
 * @cssprop [--rc-radius=6px] - Corner radius of buttons, fields and highlights.
 * @cssprop [--rc-indent=clamp(0.75rem, 4vw, 2rem)] - Indentation of each reply level.
 * @cssprop [--rc-max-width=none] - Maximum width of the section.
 *
 * @csspart section - The whole comment section.
 * @csspart heading - "N Responses to “Title”".
 * @csspart thread - The top-level list of comments.
 * @csspart replies - A nested list of replies.
 * @csspart comment - Each comment's wrapper (its replies are inside it).
 * @csspart comment-pending - Added to a comment awaiting moderation.
 * @csspart comment-target - Added to the comment the page URL links to (`#comment-<id>`).
 * @csspart author - The author's name (a link when they gave a website).
 * @csspart date - The comment's date.
 * @csspart body - The comment's text.
 * @csspart context - "in reply to Name" beyond the maximum depth.
 * @csspart status - "Your comment is awaiting moderation."
 * @csspart reply-button - Each comment's Reply button.
 * @csspart load-more - The button that loads the next page.
 * @csspart state - Loading, empty and error messages.
 * @csspart composer - The reply form.
 * @csspart composer-heading - "Leave a Reply".
 * @csspart field - Each form field's wrapper.
 * @csspart label - Each form field's label.
 * @csspart input - Each input and the comment textarea.
 * @csspart field-error - A field's error message.
 * @csspart form-error - The message about the whole form.
 * @csspart submit-button - "Post Comment".
 * @csspart cancel-button - "Cancel reply".
 */
@customElement('recovery-comments')
export class RecoveryComments extends LitElement {
  static override styles = threadStyles;

  /** Base URL of the comments API, e.g. "https://comments.example.org/api" or "/api". */
  @property() endpoint = '';

  /** Thread id; defaults to the path of the page's canonical URL, else of its own URL. */
  @property() thread = '';

  /** Title in the heading; defaults to the page's first h1, else the document title. */
  @property({ attribute: 'thread-title' }) threadTitle = '';

  /** Deepest reply level shown nested; deeper replies sit at the last level with "in reply to Name". */
  @property({ type: Number, attribute: 'max-depth' }) maxDepth = 5;

  /** Top-level comments per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Order of top-level comments: "oldest" (default) or "newest". Replies are always oldest first. */
  @property() sort: SortOrder = 'oldest';

  /** Makes the email field required. */
  @property({ type: Boolean, attribute: 'require-email' }) requireEmail = false;

  /** "rest" (the default HTTP contract), or, as a property, any object implementing CommentsBackend. */
  @property({ attribute: 'backend' }) backend: string | CommentsBackend = 'rest';

  /** Owner overrides for any reader-visible string. */
  @property({ attribute: false }) messages: Partial<Messages> = {};

  @state() private replyTo: string | null = null;
  @state() private targetId: string | null = null;
  @state() private announcement = '';
  @state() private configError = '';

  private readonly threadState = new ThreadController(
    this,
    (query) => this.onPageLoaded(query),
    (error) => emit(this, 'rc-error', { message: error.message, status: error.status }),
  );
  private readonly composer = createComposer();
  private readonly provider = new ContextProvider(this, { context: commentsContext });
  private pagesForTarget = 0;
  private dateFormat: Intl.DateTimeFormat | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.targetId = targetFromHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('messages') || changed.has('requireEmail') || !this.provider.value) {
      this.provider.setValue(this.api());
    }
    if (changed.has('lang')) this.dateFormat = null;
    if (QUERY_PROPERTIES.some((key) => changed.has(key))) {
      this.reload();
    }
    const replyTarget = this.replyTo === null ? null : findNode(this.threadState.tree(this.maxDepth, this.sort), this.replyTo);
    this.composer.replyingTo = replyTarget ? replyTarget.comment.author.name : undefined;
  }

  /** Loads the thread again from its first page. */
  reload(): void {
    const query = this.query();
    if (query === null) return;
    this.pagesForTarget = 0;
    void this.threadState.load(query);
  }

  private get text(): Messages {
    return { ...en, ...this.messages };
  }

  private query(): ThreadQuery | null {
    let backend: CommentsBackend;
    try {
      backend = this.resolveBackend();
    } catch (error) {
      this.configError = (error as Error).message;
      emit(this, 'rc-error', { message: this.configError, status: null });
      return null;
    }
    this.configError = '';
    const pageSize = Number.isFinite(this.pageSize) ? Math.min(200, Math.max(1, Math.floor(this.pageSize))) : 50;
    return {
      backend,
      thread: this.thread || defaultThreadId(),
      pageSize,
      sort: this.sort === 'newest' ? 'newest' : 'oldest',
    };
  }

  private resolveBackend(): CommentsBackend {
    if (typeof this.backend === 'object' && this.backend !== null) return this.backend;
    if (this.backend !== 'rest' && this.backend !== '') throw new Error(`unknown backend "${String(this.backend)}".`);
    if (!this.endpoint) throw new Error('the endpoint attribute is missing.');
    try {
      return new RestBackend(this.endpoint);
    } catch {
      throw new Error(`the endpoint "${this.endpoint}" is not a valid URL.`);
    }
  }

  private api(): CommentsApi {
    return {
      messages: this.text,
      requireEmail: this.requireEmail,
      submit: (fields, honeypot) => this.submit(fields, honeypot),
      cancelReply: () => this.cancelReply(),
    };
  }

  private async submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome> {
    const query = this.query();
    if (query === null) return { ok: false, message: `${this.text.configError} ${this.configError}`, field: null };
    const request: NewComment = {
      clientId: newClientId(),
      parentId: this.replyTo,
      author: { name: fields.name.trim(), email: fields.email.trim() || null, url: fields.url.trim() || null },
      body: fields.body,
      hp: honeypot,
    };
    if (!emit(this, 'rc-before-submit', { comment: request }, true)) return { ok: false, cancelled: true };
    try {
      const result = await query.backend.postComment(query.thread, request, new AbortController().signal);
      const comment = result.comment ?? localCopy(request, result.status === 201 ? 'published' : 'pending');
      this.threadState.add(comment);
      this.replyTo = null;
      this.announce(comment.status === 'pending' ? this.text.awaitingModeration : this.text.posted);
      emit(this, 'rc-submitted', { comment, status: result.status });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(comment.id)}"] > article`)?.focus();
      return { ok: true };
    } catch (error) {
      const failure = error instanceof BackendError ? error : new BackendError('network', String(error));
      const message = this.failureMessage(failure);
      emit(this, 'rc-failed', { message, status: failure.status, field: failure.field });
      return { ok: false, message, field: failure.field };
    }
  }

  private failureMessage(error: BackendError): string {
    const m = this.text;
    if (error.kind === 'network') return m.offline;
    if (error.kind === 'timeout') return m.timeout;
    if (error.status === 429) return m.rateLimited(error.retryAfter);
    // The server's own words are the most useful ones, and they reach the DOM only as text.
    return error.kind === 'http' && error.code !== null ? error.message : m.sendFailed;
  }

  private openReply(id: string): void {
    this.replyTo = id;
    this.composer.focusBody();
  }

  private cancelReply(): void {
    const id = this.replyTo;
    this.replyTo = null;
    if (id === null) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"] .reply`)?.focus(),
    );
  }

  private announce(text: string): void {
    // Clearing first makes a repeated message be announced again.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private onPageLoaded(query: ThreadQuery): void {
    const state = this.threadState;
    emit(this, 'rc-loaded', { thread: query.thread, total: state.total, count: state.comments.length });
    void this.revealTarget();
  }

  private readonly onHashChange = (): void => {
    this.targetId = targetFromHash();
    this.pagesForTarget = 0;
    void this.revealTarget();
  };

  /** Scrolls to the comment the URL names, loading more pages (a bounded number) to find it. */
  private async revealTarget(): Promise<void> {
    const id = this.targetId;
    if (id === null) return;
    const state = this.threadState;
    if (state.comments.some((comment) => comment.id === id)) {
      await this.updateComplete;
      this.renderRoot.querySelector(`[data-comment-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'start' });
    } else if (state.nextCursor !== null && this.pagesForTarget < MAX_PAGES_FOR_TARGET) {
      this.pagesForTarget++;
      await state.loadMore();
    }
  }

  private formatDate(iso: string): string {
    this.dateFormat ??= new Intl.DateTimeFormat(this.closest('[lang]')?.getAttribute('lang') || undefined, {
      dateStyle: 'long',
      timeStyle: 'short',
    });
    try {
      return this.dateFormat.format(new Date(iso));
    } catch {
      return iso;
    }
  }

  private renderThread() {
    const m = this.text;
    const state = this.threadState;
    if (this.configError) {
      return html`<p class="state error" part="state" role="alert">${m.configError} ${this.configError}</p>`;
    }
    if (state.status === 'loading' || state.status === 'idle') {
      return html`<p class="state" part="state">${m.loading}</p>`;
    }
    if (state.status === 'error') {
      return html`<div class="state error" part="state" role="alert">
        <p>${m.loadError} ${state.error?.message ?? ''}</p>
        <button class="retry" type="button" @click=${() => state.retry()}>${m.retry}</button>
      </div>`;
    }
    const tree = state.tree(this.maxDepth, this.sort);
    if (tree.length === 0) {
      return html`<div class="state" part="state"><slot name="empty">${m.empty}</slot></div>`;
    }
    const options = {
      messages: m,
      formatDate: (iso: string) => this.formatDate(iso),
      replyTo: this.replyTo,
      targetId: this.targetId,
      composer: this.composer,
      onReply: (id: string) => this.openReply(id),
    };
    return html`
      ${state.skipped > 0 ? html`<p class="state" part="state">${m.skipped(state.skipped)}</p>` : nothing}
      <ol class="thread" part="thread">${tree.map((node) => renderComment(node, options))}</ol>
      ${state.nextCursor === null ? nothing : this.renderMore()}
    `;
  }

  private renderMore() {
    const m = this.text;
    const state = this.threadState;
    return html`<div class="more-row">
      ${state.moreError
        ? html`<p class="state error" part="state" role="alert">${m.loadError} ${state.moreError.message}</p>`
        : nothing}
      <button class="more" part="load-more" type="button" ?disabled=${state.loadingMore} @click=${() => state.loadMore()}>
        ${state.loadingMore ? m.loadingMore : m.loadMore}
      </button>
    </div>`;
  }

  override render() {
    const m = this.text;
    const state = this.threadState;
    const title = this.threadTitle || defaultThreadTitle();
    const count = state.total;
    const replyOpen = this.replyTo !== null && state.comments.some((comment) => comment.id === this.replyTo);
    return html`<section part="section" aria-labelledby="rc-heading">
      <h2 id="rc-heading" part="heading">
        ${state.status === 'ready' && count > 0 ? (title ? m.heading(count, title) : m.headingNoTitle(count)) : m.leaveReply}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderThread()}
      ${replyOpen ? nothing : this.composer}
    </section>`;
  }
}

/** The one reply form, with its parts re-exported so the page can style them. */
function createComposer(): RcComposer {
  const composer = document.createElement('rc-composer') as RcComposer;
  composer.setAttribute('exportparts', COMPOSER_PARTS);
  // The page's notice (slot="notice") is passed on into the form's own notice slot.
  const notice = document.createElement('slot');
  notice.name = 'notice';
  notice.slot = 'notice';
  composer.append(notice);
  return composer;
}

/** What the page shows for a comment the server accepted without sending it back. */
function localCopy(request: NewComment, status: Comment['status']): Comment {
  return {
    id: `local-${request.clientId}`,
    parentId: request.parentId,
    author: { name: request.author.name, url: request.author.url },
    body: request.body,
    createdAt: new Date().toISOString(),
    status,
  };
}

function targetFromHash(): string | null {
  const match = /^#comment-(.+)$/.exec(location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'recovery-comments': RecoveryComments;
  }
}
