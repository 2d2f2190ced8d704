import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { BackendError, type CommentsBackend } from './backend/backend.js';
import { RestBackend } from './backend/rest.js';
import { RcComposer } from './components/composer.js';
import { commentAction, renderComment } from './components/comment-view.js';
import { commentsContext, type CommentsApi, type SubmitOutcome } from './context.js';
import { OfflineController } from './controllers/offline-controller.js';
import { ThreadController, type ThreadQuery } from './controllers/thread-controller.js';
import { emit } from './events.js';
import { en } from './i18n/en.js';
import { directionOf, loadMessages, primaryLanguage, requestedLocale } from './i18n/locales.js';
import type { Messages } from './i18n/messages.js';
import { newClientId } from './model/client-id.js';
import { chunkEnd } from './model/chunks.js';
import { findNode } from './model/tree.js';
import { defaultThreadId, defaultThreadTitle } from './model/thread-id.js';
import type { Comment, CommentFields, NewComment, SortOrder } from './model/types.js';
import type { Draft, RemoteDraftChange } from './offline/drafts.js';
import type { Settlement } from './offline/outbox.js';
import { sharedDeviceStore, type KeyValueStore } from './offline/storage.js';
import { threadStyles } from './styles/thread.js';

/** Properties that change what is loaded. */
const QUERY_PROPERTIES = ['endpoint', 'thread', 'backend', 'pageSize', 'sort', 'storage'] as const;

const COMPOSER_PARTS =
  'composer, composer-heading, field, label, input, field-error, form-error, submit-button, cancel-button, discard-button, draft-status';

/**
 * Comments rendered per frame in a big thread: about 500 keep each task well under 200 ms here;
 * the first chunk is smaller, as its task also parses the page and builds the tree. A thread of
 * up to ONE_GO comments renders at once, which is sooner than in chunks.
 */
const RENDER_CHUNK = 500;
const FIRST_CHUNK = 250;
const ONE_GO = 1200;

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
 * @fires rc-before-submit - Cancelable; before a comment is queued. `detail.comment` is the request.
 * @fires rc-queued - A comment is stored in the outbox; it is sent now, or when the connection returns.
 * @fires rc-submitted - The server accepted a comment (published or awaiting moderation).
 * @fires rc-failed - A comment was refused (its text is back in the form) or could not be sent after several tries.
 * @fires rc-draft-saved - What the reader typed is stored on this device.
 * @fires rc-loaded - A page of the thread was loaded and shown.
 * @fires rc-error - The thread could not be loaded, or the element is misconfigured.
 *
 * @cssprop [--rc-color-text=currentColor] - Text colour (inherits the page's by default; #1f2328 / #e8e6e3 with theme="light" / "dark").
 * @cssprop [--rc-color-muted=color-mix(in srgb, currentColor 72%, transparent)] - Dates and notes.
 * @cssprop [--rc-color-accent=light-dark(#0a6b4c, #7fd6b0)] - Links, buttons, highlights.
 * @cssprop [--rc-color-on-accent=light-dark(#ffffff, #06281c)] - Text on accent-coloured buttons.
 * @cssprop [--rc-color-surface=transparent] - Background of the section (#ffffff / #17181a with theme="light" / "dark").
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
 * @csspart comment-unsent - Added to the reader's own comment that is queued, sending or failed.
 * @csspart retry-button - "Retry" on a comment that could not be sent.
 * @csspart edit-button - "Edit" on a comment that could not be sent.
 * @csspart comment-target - Added to the comment the page URL links to (`#comment-<id>`).
 * @csspart author - The author's name (a link when they gave a website).
 * @csspart date - The comment's date.
 * @csspart body - The comment's text.
 * @csspart context - "in reply to Name" beyond the maximum depth.
 * @csspart status - "Your comment is awaiting moderation.", "Sending…", "Couldn't send".
 * @csspart reply-button - Each comment's Reply button.
 * @csspart load-more - The button that loads the next page.
 * @csspart show-more-replies - "Show N more replies" under a long list of replies.
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
 * @csspart discard-button - "Discard draft".
 * @csspart draft-status - "Draft saved on this device at …", or that it is kept only in this window.
 */
export class RecoveryComments extends LitElement {
  static override styles = threadStyles;

  // Plain static properties instead of decorators: the decorator helpers cost every reader bytes.
  static override properties = {
    endpoint: {},
    thread: {},
    threadTitle: { attribute: 'thread-title' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    pageSize: { type: Number, attribute: 'page-size' },
    sort: {},
    requireEmail: { type: Boolean, attribute: 'require-email' },
    backend: {},
    messages: { attribute: false },
    draftMaxAge: { type: Number, attribute: 'draft-max-age' },
    pendingMaxAge: { type: Number, attribute: 'pending-max-age' },
    storage: { attribute: false },
    lang: { reflect: true },
    theme: { reflect: true },
    replyTo: { state: true },
    expanded: { state: true },
    targetId: { state: true },
    announcement: { state: true },
    configError: { state: true },
  };

  /** Base URL of the comments API, e.g. "https://comments.example.org/api" or "/api". */
  endpoint = '';

  /** Thread id; defaults to the path of the page's canonical URL, else of its own URL. */
  thread = '';

  /** Title in the heading; defaults to the page's first h1, else the document title. */
  threadTitle = '';

  /** Deepest reply level shown nested; deeper replies sit at the last level with "in reply to Name". */
  maxDepth = 5;

  /** Top-level comments per page. */
  pageSize = 50;

  /** Order of top-level comments: "oldest" (default) or "newest". Replies are always oldest first. */
  sort: SortOrder = 'oldest';

  /** Makes the email field required. */
  requireEmail = false;

  /** "rest" (the default HTTP contract), or, as a property, any object implementing CommentsBackend. */
  backend: string | CommentsBackend = 'rest';

  /** Owner overrides for any reader-visible string. */
  messages: Partial<Messages> = {};

  /** "auto" follows the page's colours and color-scheme; "light" or "dark" pins a scheme with its own background. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Days after which an untouched draft is deleted from the device. */
  draftMaxAge = 30;

  /** Days the reader's own comment awaiting moderation keeps showing to them (it may have been rejected). */
  pendingMaxAge = 14;

  /** Where drafts, the outbox and remembered details live; IndexedDB by default. Replace for tests or custom storage. */
  storage: KeyValueStore | null = null;

  private replyTo: string | null = null;
  /** Comments whose long reply lists are shown whole. */
  private expanded: ReadonlySet<string> = new Set();
  private targetId: string | null = null;
  private announcement = '';
  private configError: ConfigProblem | null = null;

  readonly #threadState = new ThreadController(
    this,
    (query) => this.#onPageLoaded(query),
    (error) => emit(this, 'rc-error', { message: error.message, status: error.status }),
  );
  readonly #offline = new OfflineController(
    this,
    {
      settled: (settlement) => this.#onSettled(settlement),
      draftSaved: (draft) => this.#onDraftSaved(draft),
      remoteDraft: (change) => this.#onRemoteDraft(change),
      storageFailed: () => (this.#composer.draftStatus = { kind: 'memory-only' }),
    },
    () => ({ draftDays: positive(this.draftMaxAge, 30), pendingDays: positive(this.pendingMaxAge, 14) }),
  );
  readonly #composer = createComposer();
  /** The thread whose drafts were restored, so a later page does not restore them again. */
  #restoredFor: string | null = null;
  #currentQuery: ThreadQuery | null = null;
  #mergedCache: { thread: Comment[]; echoes: Comment[]; merged: Comment[] } | null = null;
  readonly #provider = new ContextProvider(this, { context: commentsContext });
  #pagesForTarget = 0;
  #dateFormat: Intl.DateTimeFormat | null = null;

  /** How many top-level comments are rendered; big threads grow this a chunk per frame. */
  #shownRoots = 0;
  #chunkFrame = 0;

  /** Whether the section is near the viewport; until then it fetches and renders no comments. */
  #nearViewport = false;
  #viewportObserver: IntersectionObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    this.targetId = targetFromHash();
    this.#watchViewport();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#viewportObserver?.disconnect();
    this.#viewportObserver = null;
  }

  /** Whether the section is within a screen of the viewport now (saves waiting a frame for the observer). */
  #inReach(): boolean {
    const box = this.getBoundingClientRect();
    return box.bottom > -innerHeight && box.top < innerHeight * 2 && (box.width > 0 || box.height > 0);
  }

  /**
   * Most readers never scroll to the comments: load them only when the section comes within a
   * screen or so of the viewport, or at once when the URL links to a comment.
   */
  #watchViewport(): void {
    if (this.#nearViewport) return;
    if (this.targetId !== null || typeof IntersectionObserver !== 'function' || this.#inReach()) {
      this.#nearViewport = true;
      return;
    }
    this.#viewportObserver = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#viewportObserver?.disconnect();
        this.#viewportObserver = null;
        this.#nearViewport = true;
        // The query and the outbox were set up at the first update; only the thread waits.
        if (this.#currentQuery !== null) void this.#threadState.load(this.#currentQuery);
      },
      { rootMargin: '100% 0px' },
    );
    this.#viewportObserver.observe(this);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // The property first: when set from script, the attribute is only reflected after this update.
    if (changed.has('lang') || !this.hasUpdated)
      this.#switchLocale(this.lang?.trim() || requestedLocale(this));
    if (changed.has('messages') || changed.has('lang'))
      this.#text = { ...en, ...this.#localeMessages, ...this.messages };
    if (changed.has('messages') || changed.has('requireEmail') || !this.#provider.value) {
      this.#provider.setValue(this.#api());
    }
    if (QUERY_PROPERTIES.some((key) => changed.has(key))) {
      this.reload();
    }
    const tree = this.#tree();
    const replyTarget = this.replyTo === null ? null : findNode(tree, this.replyTo);
    this.#composer.replyingTo = replyTarget ? replyTarget.comment.author.name : undefined;
    // A linked comment must be rendered to be scrolled to; otherwise start with one chunk.
    if (this.targetId !== null) this.#shownRoots = tree.length;
    else if (this.#shownRoots < tree.length && this.#chunkFrame === 0) {
      const first = this.#shownRoots === 0;
      const budget = !first ? RENDER_CHUNK : this.#comments().length <= ONE_GO ? ONE_GO : FIRST_CHUNK;
      this.#shownRoots = chunkEnd(tree, this.#shownRoots, budget);
    }
  }

  override updated(): void {
    const tree = this.#tree();
    if (this.#shownRoots >= tree.length || this.#chunkFrame !== 0) return;
    // The rest of a big thread, a chunk per frame, so the page stays responsive.
    this.#chunkFrame = requestAnimationFrame(() => {
      this.#chunkFrame = 0;
      this.requestUpdate();
    });
  }

  /** Loads the thread again from its first page (once the section is near the viewport). */
  reload(): void {
    const query = this.#query();
    this.#currentQuery = query;
    if (query === null) return;
    this.#pagesForTarget = 0;
    this.#restoredFor = null;
    this.#shownRoots = 0;
    // The outbox starts at once, wherever the section is: the reader's unsent comments come first.
    this.#offline.configure(this.storage ?? sharedDeviceStore(), {
      endpoint: this.endpoint || 'custom-backend',
      thread: query.thread,
      backend: query.backend,
    });
    if (this.#nearViewport) void this.#threadState.load(query);
  }

  /** The server's comments and the reader's own unsent or pending ones, as one list. */
  #comments(): Comment[] {
    const thread = this.#threadState.comments;
    const echoes = this.#offline.echoes;
    const cache = this.#mergedCache;
    if (cache && cache.thread === thread && cache.echoes === echoes) return cache.merged;
    const known = new Set(thread.map((comment) => comment.id));
    const merged = [...thread, ...echoes.filter((echo) => !known.has(echo.id))];
    this.#mergedCache = { thread, echoes, merged };
    return merged;
  }

  #tree() {
    return this.#threadState.tree(this.#comments(), this.maxDepth, this.sort);
  }

  /** The locale's messages with the owner's overrides, rebuilt only when either changes. */
  #text: Messages = en;
  /** The locale being spoken ("en" until another one has loaded). */
  #locale = 'en';
  #localeMessages: Messages | null = null;
  #localeRequest = 0;

  #query(): ThreadQuery | null {
    const backend = this.#resolveBackend();
    if (typeof backend === 'function') {
      this.configError = backend;
      emit(this, 'rc-error', { message: backend(this.#text), status: null });
      return null;
    }
    this.configError = null;
    const pageSize = Number.isFinite(this.pageSize)
      ? Math.min(200, Math.max(1, Math.floor(this.pageSize)))
      : 50;
    return {
      backend,
      thread: this.thread || defaultThreadId(),
      pageSize,
      sort: this.sort === 'newest' ? 'newest' : 'oldest',
    };
  }

  /** The backend to use, or what is wrong with the configuration (in the reader's language). */
  #resolveBackend(): CommentsBackend | ConfigProblem {
    if (typeof this.backend === 'object' && this.backend !== null) return this.backend;
    const name = String(this.backend);
    if (name !== 'rest' && name !== 'wordpress' && name !== '') return (m) => m.configUnknownBackend(name);
    const endpoint = this.endpoint;
    if (!endpoint) return (m) => m.configNoEndpoint;
    try {
      if (name === 'wordpress') return lazyWordPressBackend(new URL(endpoint, document.baseURI).href);
      return new RestBackend(endpoint);
    } catch {
      return (m) => m.configBadEndpoint(endpoint);
    }
  }

  #api(): CommentsApi {
    return {
      messages: this.#text,
      requireEmail: this.requireEmail,
      submit: (fields, honeypot) => this.#submit(fields, honeypot),
      cancelReply: () => this.#cancelReply(),
      fieldsChanged: (fields) => void this.#offline.saveDraft(this.replyTo, fields),
      rememberChanged: (remember, fields) =>
        void this.#offline.rememberIdentity(remember, {
          name: fields.name,
          email: fields.email,
          url: fields.url,
        }),
    };
  }

  async #submit(fields: CommentFields, honeypot: string): Promise<SubmitOutcome> {
    const query = this.#currentQuery;
    if (query === null)
      return {
        ok: false,
        message: `${this.#text.configError} ${this.configError?.(this.#text) ?? ''}`,
        field: null,
      };
    const request: NewComment = {
      clientId: newClientId(),
      parentId: this.replyTo,
      author: {
        name: fields.name.trim(),
        email: fields.email.trim() || null,
        url: fields.url.trim() || null,
      },
      body: fields.body,
      hp: honeypot,
    };
    if (!emit(this, 'rc-before-submit', { comment: request }, true)) return { ok: false, cancelled: true };
    if (this.#composer.remember)
      void this.#offline.rememberIdentity(true, { name: fields.name, email: fields.email, url: fields.url });
    await this.#offline.send(request);
    emit(this, 'rc-queued', { comment: request, thread: query.thread });
    this.replyTo = null;
    this.#composer.draftStatus = this.#offline.memoryOnly ? { kind: 'memory-only' } : null;
    this.#announce(navigator.onLine === false ? this.#text.waitingForConnection : this.#text.sending);
    await this.updateComplete;
    this.#focusComment(`local-${request.clientId}`);
    return { ok: true };
  }

  /** What became of a queued comment: shown in place, sent back to the form, or marked failed. */
  #onSettled(settlement: Settlement): void {
    const m = this.#text;
    const { entry } = settlement;
    const here = this.#currentQuery !== null && entry.thread === this.#currentQuery.thread;
    if (settlement.kind === 'sent') {
      const { result } = settlement;
      const comment =
        result.comment ?? localCopy(entry.request, result.status === 201 ? 'published' : 'pending');
      if (settlement.elsewhere) {
        // Sent by another tab: show it here too, without announcing or firing events for it.
        if (here && comment.status === 'pending') this.#offline.showPending(comment);
        else if (here) this.#threadState.add(comment);
        return;
      }
      // Kept even when the answer comes after the reader left the thread: it shows on their return.
      if (comment.status === 'pending') void this.#offline.addPending(entry, comment);
      if (here) {
        if (comment.status !== 'pending') this.#threadState.add(comment);
        this.#announce(comment.status === 'pending' ? m.awaitingModeration : m.posted);
        const echoHadFocus =
          this.renderRoot instanceof ShadowRoot &&
          this.renderRoot.activeElement?.closest(`[data-comment-id="local-${entry.request.clientId}"]`);
        if (echoHadFocus) void this.updateComplete.then(() => this.#focusComment(comment.id));
      }
      emit(this, 'rc-submitted', { comment, status: result.status });
      return;
    }
    const message = this.#describe(settlement.error);
    if (settlement.kind === 'rejected' && here)
      this.#restoreRejected(entry.request, message, settlement.error.field);
    else if (here) this.#announce(m.couldNotSend(message));
    emit(this, 'rc-failed', {
      message,
      status: settlement.error.status,
      field: settlement.error.field,
      retryable: settlement.kind === 'failed',
    });
  }

  /** A refused comment goes back into its form, under its parent, with the server's message. */
  #restoreRejected(request: NewComment, message: string, field: string | null): void {
    const fields = fieldsOf(request);
    void this.#offline.saveDraft(request.parentId, fields);
    this.replyTo = request.parentId;
    this.#composer.load(fields);
    this.#composer.showError(message, field);
    this.#announce(message);
    this.#composer.focusBody();
  }

  #onDraftSaved(draft: Draft): void {
    if (!this.#offline.isOwn(draft) || !this.#offline.matches(draft, this.replyTo)) return;
    const time = new Intl.DateTimeFormat(this.#locale, { timeStyle: 'short' }).format(draft.savedAt);
    // Screen readers hear it once per draft, not on every keystroke.
    if (this.#composer.draftStatus === null) this.#announce(this.#text.draftSavedShort);
    this.#composer.draftStatus = this.#offline.memoryOnly ? { kind: 'memory-only' } : { kind: 'saved', time };
    emit(this, 'rc-draft-saved', { thread: draft.thread, parentId: draft.parentId, savedAt: draft.savedAt });
  }

  /** Another tab saved or deleted the draft this form shows. */
  #onRemoteDraft(change: RemoteDraftChange): void {
    const draft = change.draft;
    if (draft === null || this.#offline.isOwn(draft) || !this.#offline.matches(draft, this.replyTo)) return;
    if (sameFields(draft.fields, this.#composer.values)) return;
    // Untouched here: follow the other tab. Edited here too: keep both, and let the reader choose.
    if (this.#composer.edited) this.#composer.otherVersion = draft.fields;
    else this.#composer.load(draft.fields);
  }

  async #retrySend(clientId: string): Promise<void> {
    await this.#offline.retry(clientId);
  }

  /** "Edit" on a comment that could not be sent: its text goes back into the form. */
  async #editUnsent(clientId: string): Promise<void> {
    const entry = await this.#offline.edit(clientId);
    if (!entry) return;
    const { request } = entry;
    const fields = fieldsOf(request);
    await this.#offline.saveDraft(request.parentId, fields);
    this.replyTo = request.parentId;
    this.#composer.load(fields);
    this.#composer.focusBody();
  }

  /** After the first page: reopen the newest draft under its comment, and fill remembered details. */
  async #restoreDrafts(thread: string): Promise<void> {
    if (this.#restoredFor === thread) return;
    this.#restoredFor = thread;
    const [drafts, identity] = await Promise.all([this.#offline.draftsForThread(), this.#offline.identity()]);
    if (identity) {
      this.#composer.remember = true;
      if (!this.#composer.edited) {
        const values = this.#composer.values;
        this.#composer.load({
          body: values.body,
          name: values.name || identity.name,
          email: values.email || identity.email,
          url: values.url || identity.url,
        });
      }
    }
    const ids = new Set(this.#threadState.comments.map((comment) => comment.id));
    const draft = drafts.find((candidate) => candidate.parentId === null || ids.has(candidate.parentId));
    // Never overwrite what the reader typed since the page loaded.
    if (!draft || this.#composer.edited || this.#composer.values.body.trim() !== '') return;
    this.replyTo = draft.parentId;
    this.#composer.load(draft.fields);
  }

  /** A failed call in the reader's language; `loading` words a network failure for reading, not sending. */
  #describe(error: BackendError, loading = false): string {
    const m = this.#text;
    switch (error.kind) {
      case 'blocked':
        return m.errorBlocked(originOf(this.endpoint));
      case 'network':
        return loading ? m.unreachable : m.offline;
      case 'timeout':
        return m.timeout;
      case 'invalid-response':
        return m.errorInvalidResponse;
      default:
        if (error.status === 429) return m.rateLimited(error.retryAfter);
        // The server's own words are the most useful ones, and they reach the DOM only as text.
        return error.code !== null ? error.message : m.errorServer(error.status ?? 0);
    }
  }

  #openReply(id: string): void {
    this.#moveComposer(id);
    this.#composer.focusBody();
  }

  /** Moves the form under another comment (or the thread) with that place's own draft. */
  #moveComposer(parentId: string | null): void {
    if (parentId === this.replyTo) return;
    this.replyTo = parentId;
    const identity = { ...this.#composer.values, body: '' };
    this.#composer.load(identity);
    this.#composer.draftStatus = this.#offline.memoryOnly ? { kind: 'memory-only' } : null;
    this.#composer.otherVersion = null;
    void this.#offline.draftFor(parentId).then((draft) => {
      if (draft && this.replyTo === parentId && !this.#composer.edited) this.#composer.load(draft.fields);
    });
  }

  #cancelReply(): void {
    const id = this.replyTo;
    this.#moveComposer(null);
    if (id === null) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"] .reply`)?.focus(),
    );
  }

  #announce(text: string): void {
    // Clearing first makes a repeated message be announced again.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  #onPageLoaded(query: ThreadQuery): void {
    const state = this.#threadState;
    emit(this, 'rc-loaded', { thread: query.thread, total: state.total, count: state.comments.length });
    void this.#offline.syncPending(new Set(state.comments.map((comment) => comment.id)));
    // After the comments are on screen: opening localStorage and IndexedDB costs the first
    // render ~10 ms of synchronous work otherwise.
    setTimeout(() => void this.#restoreDrafts(query.thread), 0);
    void this.#revealTarget();
  }

  /** One listener for every comment's buttons. */
  readonly #onThreadClick = (event: Event): void => {
    const clicked = commentAction(event);
    if (!clicked) return;
    const { action, id } = clicked;
    const clientId = id.replace(/^local-/, '');
    if (action === 'reply') this.#openReply(id);
    else if (action === 'expand') this.expanded = new Set([...this.expanded, id]);
    else if (action === 'retry') void this.#retrySend(clientId);
    else void this.#editUnsent(clientId);
  };

  #focusComment(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"] > article`)?.focus();
  }

  /** Speaks `tag` from now on: English at once, another shipped locale as soon as its file is in. */
  #switchLocale(tag: string): void {
    const request = ++this.#localeRequest;
    const apply = (messages: Messages | null, locale: string) => {
      if (request !== this.#localeRequest) return;
      this.#locale = locale;
      this.#localeMessages = messages;
      this.#text = { ...en, ...messages, ...this.messages };
      this.#dateFormat = null;
      this.#provider.setValue(this.#api());
      this.requestUpdate();
    };
    if (primaryLanguage(tag) === 'en') {
      apply(null, tag);
      return;
    }
    void loadMessages(tag).then((messages) => apply(messages, messages ? tag : 'en'));
  }

  readonly #onHashChange = (): void => {
    this.targetId = targetFromHash();
    this.#pagesForTarget = 0;
    if (this.targetId !== null && !this.#nearViewport) {
      // A link to a comment loads the thread wherever the section is.
      this.#viewportObserver?.disconnect();
      this.#viewportObserver = null;
      this.#nearViewport = true;
      if (this.#currentQuery !== null) void this.#threadState.load(this.#currentQuery);
      return;
    }
    void this.#revealTarget();
  };

  /** Scrolls to the comment the URL names, loading more pages (a bounded number) to find it. */
  async #revealTarget(): Promise<void> {
    const id = this.targetId;
    if (id === null) return;
    const state = this.#threadState;
    if (this.#comments().some((comment) => comment.id === id)) {
      await this.updateComplete;
      this.renderRoot
        .querySelector(`[data-comment-id="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ block: 'start' });
    } else if (state.nextCursor !== null && this.#pagesForTarget < MAX_PAGES_FOR_TARGET) {
      this.#pagesForTarget++;
      await state.loadMore();
    }
  }

  #formatDate(iso: string): string {
    this.#dateFormat ??= new Intl.DateTimeFormat(this.#locale, {
      dateStyle: 'long',
      timeStyle: 'short',
    });
    try {
      return this.#dateFormat.format(new Date(iso));
    } catch {
      return iso;
    }
  }

  #renderThread() {
    const m = this.#text;
    const state = this.#threadState;
    if (this.configError) {
      return html`<p class="state error" part="state" role="alert">${m.configError} ${this.configError(m)}</p>`;
    }
    if (state.status === 'loading' || state.status === 'idle') {
      return html`<p class="state" part="state">${m.loading}</p>`;
    }
    const tree = this.#tree();
    let head: unknown = nothing;
    if (state.status === 'error') {
      // The reader's own unsent comments still show below the error.
      head = html`<div class="state error" part="state" role="alert">
        <p>${m.loadError} ${state.error ? this.#describe(state.error, true) : ''}</p>
        <button class="retry" type="button" @click=${() => state.retry()}>${m.retry}</button>
      </div>`;
      if (tree.length === 0) return head;
    } else if (tree.length === 0) {
      // Entries the server sent but that were not comments are said, not passed off as "no comments".
      return state.skipped > 0
        ? html`<p class="state error" part="state" role="alert">${m.skipped(state.skipped)}</p>`
        : html`<div class="state" part="state"><slot name="empty">${m.empty}</slot></div>`;
    }
    const options = {
      messages: m,
      formatDate: (iso: string) => this.#formatDate(iso),
      replyTo: this.replyTo,
      targetId: this.targetId,
      composer: this.#composer,
      online: navigator.onLine !== false,
      expanded: this.expanded,
    };
    return html`
      ${head}
      ${state.skipped > 0 ? html`<p class="state" part="state">${m.skipped(state.skipped)}</p>` : nothing}
      <ol class="thread" part="thread" @click=${this.#onThreadClick}>${tree.slice(0, this.#shownRoots).map((node) => renderComment(node, options))}</ol>
      ${state.nextCursor === null ? nothing : this.#renderMore()}
    `;
  }

  #renderMore() {
    const m = this.#text;
    const state = this.#threadState;
    return html`<div class="more-row">
      ${
        state.moreError
          ? html`<p class="state error" part="state" role="alert">${m.loadError} ${this.#describe(state.moreError, true)}</p>`
          : nothing
      }
      <button class="more" part="load-more" type="button" ?disabled=${state.loadingMore} @click=${() => state.loadMore()}>
        ${state.loadingMore ? m.loadingMore : m.loadMore}
      </button>
    </div>`;
  }

  override render() {
    const m = this.#text;
    const state = this.#threadState;
    const title = this.threadTitle || defaultThreadTitle();
    const count = state.total;
    const replyOpen =
      this.replyTo !== null && this.#comments().some((comment) => comment.id === this.replyTo);
    return html`<section part="section" aria-labelledby="rc-heading" lang=${this.#locale} dir=${directionOf(this.#locale)}>
      <h2 id="rc-heading" part="heading">
        ${state.status === 'ready' && count > 0 ? (title ? m.heading(count, title) : m.headingNoTitle(count)) : m.leaveReply}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#renderThread()}
      ${replyOpen ? nothing : this.#composer}
    </section>`;
  }
}

/** The one reply form, with its parts re-exported so the page can style them. */
/** backend="wordpress", loaded on first use: readers of `rest` pages download none of it. */
function lazyWordPressBackend(endpoint: string): CommentsBackend {
  let loading: Promise<CommentsBackend> | null = null;
  const backend = () =>
    (loading ??= import('./backend/wordpress.js').then(
      (module) => new module.WordPressBackend(endpoint),
      () => {
        loading = null;
        throw new BackendError('network', 'Could not load the WordPress backend.');
      },
    ));
  return {
    loadPage: (...args) => backend().then((wordpress) => wordpress.loadPage(...args)),
    postComment: (...args) => backend().then((wordpress) => wordpress.postComment(...args)),
  };
}

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

/** The form fields a request was made from. */
function fieldsOf(request: NewComment): CommentFields {
  return {
    body: request.body,
    name: request.author.name,
    email: request.author.email ?? '',
    url: request.author.url ?? '',
  };
}

/** Says, in the reader's language, what is wrong with the element's configuration. */
type ConfigProblem = (m: Messages) => string;

function originOf(endpoint: string): string {
  try {
    return new URL(endpoint, document.baseURI).origin;
  } catch {
    return endpoint;
  }
}

function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function sameFields(a: CommentFields, b: CommentFields): boolean {
  return a.body === b.body && a.name === b.name && a.email === b.email && a.url === b.url;
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

customElements.define('recovery-comments', RecoveryComments);

declare global {
  interface HTMLElementTagNameMap {
    'recovery-comments': RecoveryComments;
  }
}
