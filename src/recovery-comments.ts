import type { PropertyValues } from 'lit';
import { UpdatingElement } from './element/updating-element.js';
import type { CommentsBackend } from './backend/backend.js';
import { reportLoadFailure } from './backend/load-failure.js';
import { queryFor, type ConfigProblem, type ThreadQuery } from './backend/resolve.js';
import { commentAction, findComment } from './components/comment-view.js';
import { element } from './components/comment-article.js';
import { placeNodes, say, setAttribute } from './components/place-nodes.js';
import { ThreadStates, type ThreadParts } from './components/thread-parts.js';
import { ChunkController } from './controllers/chunk-controller.js';
import { LazyLoadController } from './controllers/lazy-load-controller.js';
import { LinkTargetController } from './controllers/link-target-controller.js';
import { LocaleController } from './controllers/locale-controller.js';
import { ThreadController } from './controllers/thread-controller.js';
import { WriteController } from './controllers/write-controller.js';
import { emit } from './events.js';
import { requestedLocale } from './i18n/locales.js';
import type { Messages } from './i18n/messages.js';
import { positive } from './model/settings.js';
import { clientIdOf, threadViewer, type ThreadView } from './model/thread-view.js';
import { defaultThreadTitle } from './model/thread-id.js';
import type { ThreadNode } from './model/tree.js';
import type { SortOrder } from './model/types.js';
import { keptKey, keptTag, readKeptPage } from './offline/kept-thread.js';
import type { KeyValueStore } from './offline/storage.js';
import { threadStyles } from './styles/thread.js';

/**
 * The section's own elements, the same on every update: the section, its heading, the polite
 * live region, and "Shown as of …" over a kept thread that could not be refreshed. A tuple:
 * its names cost the bundle nothing.
 */
type Shell = [section: HTMLElement, heading: HTMLElement, status: HTMLElement, kept: HTMLElement];

/** Properties that change what is loaded. */
const QUERY_PROPERTIES = ['endpoint', 'thread', 'backend', 'pageSize', 'sort', 'storage'] as const;

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
 * @csspart edit-button - "Edit" on a comment that could not be sent, and on the reader's own comment while they may change it.
 * @csspart delete-button - "Delete" on the reader's own comment while they may, and in "Delete this comment?".
 * @csspart edited - "edited" beside the date of a comment its author changed.
 * @csspart comment-owner - A comment's article when the site owner wrote it (a reply from the moderation app).
 * @csspart owner-badge - "Site owner" beside the owner's name.
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
 * @csspart kept-note - Added to the note over a thread kept on the device that could not be refreshed ("Shown as of …").
 * @csspart draft-notice - Added to the note near the top that a restored reply draft further down is kept, with "Go to it".
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
export class RecoveryComments extends UpdatingElement {
  // Members in Shoelace's order: styles, properties, controllers and private fields, state,
  // public properties, lifecycle, private methods, public methods, update (the DOM).
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
  };

  readonly #locale = new LocaleController(this, () => this.#provide());
  readonly #lazy = new LazyLoadController(this, () => this.#query && this.#load(this.#query));
  readonly #thread = new ThreadController(
    this,
    (query, fresh) => this.#onPageLoaded(query, fresh),
    (error) => {
      // Offline or not, the reader's unsent comments show and they can write.
      this.#write.prefetch();
      void reportLoadFailure(this, error, this.backend, this.endpoint);
    },
    {
      tag: (query) => keptTag(this.#keptKey(query), this.#keptFor()),
      read: (query) => readKeptPage(this.storage, this.#keptKey(query), this.#keptFor()),
      keep: (query, page) =>
        // With the writing side, once the comments are in: keeping is not needed before.
        void this.#chunks
          .filled()
          .then(() => import('./write/writing.js'))
          .then(
            ({ keepThread }) => keepThread(this.storage, this.#keptKey(query), page, this.#keptFor()),
            () => {},
          ),
    },
  );
  readonly #write: WriteController = new WriteController(this, {
    ages: () => ({
      draftDays: positive(this.draftMaxAge, 30),
      pendingDays: positive(this.pendingMaxAge, 14),
    }),
    thread: this.#thread,
    locale: this.#locale,
    threadId: () => this.#query?.thread ?? null,
    configError: () => `${this.#locale.text.configError} ${this.#configError?.(this.#locale.text) ?? ''}`,
    tree: () => this.#view().tree,
    announce: (text) => this.#announce(text),
  });
  readonly #chunks = new ChunkController(this);
  readonly #target = new LinkTargetController(this, {
    has: (id) => this.#view().comments.some((comment) => comment.id === id),
    hasMore: () => this.#thread.nextCursor !== null,
    loadMore: () => this.#thread.loadMore(),
    find: (id) => findComment(this.renderRoot, id),
  });
  readonly #viewer = threadViewer();
  #query?: ThreadQuery;
  /** Whether the current query's first page is settled: the server's, or kept and unreachable. */
  #ready = false;
  /** Whether any page was shown yet (the writing side is fetched once it is all in). */
  #shown?: boolean;
  /** The section, built in the first update; each update changes its text and attributes and which parts show. */
  #shell?: Shell;
  readonly #states = new ThreadStates();

  // State, not properties: each change asks for its update itself.
  /** Comments whose long reply lists are shown whole. */
  #expanded: ReadonlySet<string> = new Set();
  #announcement = '';
  #configError?: ConfigProblem | null;

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
  /** "rest" (the default HTTP contract), "wordpress" (core's /wp/v2/comments of a WordPress site, endpoint = its REST root), or, as a property, any object implementing CommentsBackend. */
  backend: string | CommentsBackend = 'rest';
  /** Owner overrides for any reader-visible string. */
  messages: Partial<Messages> = {};
  /** "auto" follows the page's colours and color-scheme; "light" or "dark" pins a scheme with its own background. */
  theme: 'auto' | 'light' | 'dark' = 'auto';
  /** Days after which an untouched draft, or a thread kept for reading offline, is deleted from the device. */
  draftMaxAge = 30;
  /** Days the reader's own comment awaiting moderation keeps showing to them (it may have been rejected). */
  pendingMaxAge = 14;
  /** Where drafts, the outbox and remembered details live; IndexedDB by default. Replace for tests or custom storage. */
  storage: KeyValueStore | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    // The property first: when set from script, the attribute is only reflected after this update.
    if (changed.has('lang') || changed.has('messages') || !this.hasUpdated)
      this.#locale.use(this.lang?.trim() || requestedLocale(this), this.messages);
    if (changed.has('requireEmail')) this.#provide();
    if (QUERY_PROPERTIES.some((key) => changed.has(key))) this.reload();
    const { comments, tree } = this.#view();
    // A linked comment must be rendered to be scrolled to.
    this.#chunks.plan(tree, comments.length, this.#target.targetId !== null);
  }

  /** The server's comments with the reader's own, and their tree (memoised). */
  #view(): ThreadView {
    return this.#viewer(this.#thread.comments, this.#write.echoes, this.maxDepth, this.sort);
  }

  /** What the reply form needs; a new value each time it changes. */
  #provide(): void {
    this.#write.provide({
      messages: this.#locale.text,
      requireEmail: this.requireEmail,
      notify: this.#thread.offers.notify,
      ready: this.#ready,
      has: (id) => this.#thread.comments.some((comment) => comment.id === id),
      announce: (text) => this.#announce(text),
    });
  }

  /** The endpoint as the device store knows it. */
  #storeKey(): string {
    return this.endpoint || 'custom-backend';
  }

  /** Where a thread's first page is kept on the device. */
  #keptKey({ thread, sort }: ThreadQuery): string {
    return keptKey(this.#storeKey(), thread, sort);
  }

  /** How long a thread stays on the device: as long as drafts (ms). */
  #keptFor(): number {
    return positive(this.draftMaxAge, 30) * 86_400_000;
  }

  #onPageLoaded(query: ThreadQuery, fresh: boolean): void {
    const thread = this.#thread;
    // Kept pages show before the server answers; "loaded" is the server's answer, and only it
    // may say which of the reader's pending comments are published now (a kept page is older).
    if (fresh) {
      emit(this, 'rc-loaded', { thread: query.thread, total: thread.total, count: thread.comments.length });
      this.#write.syncPending(new Set(thread.comments.map((comment) => comment.id)));
    }
    if (!this.#shown) {
      this.#shown = true;
      // The writing side comes right after the last comment is in, before the reader needs it,
      // and never competes with rendering them.
      void this.#chunks.filled().then(() => this.#write.prefetch());
    }
    // Drafts are restored against the server's page, or the kept one once the server cannot be
    // reached: a kept page may not list the reader's latest comment, where a draft may wait.
    if (!this.#ready && (fresh || thread.shownAsOf !== null)) {
      this.#ready = true;
      this.#provide();
    }
    void this.#target.reveal();
  }

  /** One listener for every button of the thread: the comments', Retry and Load more. */
  readonly #onClick = (event: Event): void => {
    const clicked = commentAction(event);
    if (!clicked) return;
    const { action, id } = clicked;
    if (id === null) void (action === 'more' ? this.#thread.loadMore() : this.#thread.retry());
    else if (action === 'expand') this.#setState(() => (this.#expanded = new Set([...this.#expanded, id])));
    else this.#write.act(action, id, clientIdOf(id) ?? id);
  };

  #announce(text: string): void {
    // Clearing first makes a repeated message be announced again.
    this.#setState(() => (this.#announcement = ''));
    requestAnimationFrame(() => this.#setState(() => (this.#announcement = text)));
  }

  /** Changes state the next update shows. */
  #setState(change: () => void): void {
    change();
    this.requestUpdate();
  }

  /** What the thread's parts need to render. */
  #threadParts(m: Messages, tree: readonly ThreadNode[]): ThreadParts {
    return {
      messages: m,
      thread: this.#thread,
      tree: tree.slice(0, this.#chunks.shown),
      configError: this.#configError?.(m) ?? null,
      describe: (error) => this.#write.describeLoadError(error, m, this.endpoint),
      formatDate: (iso) => this.#locale.formatDate(iso),
      replyTo: this.#write.target,
      targetId: this.#target.targetId,
      composer: this.#write.composer,
      online: navigator.onLine !== false,
      expanded: this.#expanded,
      mine: this.#write.mine,
      live: this.#write.live,
    };
  }

  /** Loads the thread again from its first page (once the section is near the viewport). */
  reload(): void {
    const query = queryFor(this);
    this.#setState(() => (this.#configError = typeof query === 'function' ? query : null));
    this.#query = typeof query === 'function' ? undefined : query;
    this.#ready = false;
    if (typeof query === 'function') {
      emit(this, 'rc-error', { message: query(this.#locale.text), status: null });
      // The form still says what is wrong when the reader tries to post.
      this.#write.prefetch();
      return;
    }
    this.#target.reset();
    this.#chunks.reset();
    // The outbox starts at once, wherever the section is: the reader's unsent comments come first.
    this.#write.configure(this.storage, { ...query, endpoint: this.#storeKey() });
    this.#provide();
    if (this.#lazy.near) this.#load(query);
    else this.#write.loadWhenIdle();
  }

  /** Asks for the thread; while it is on its way, the date format its comments need is made. */
  #load(query: ThreadQuery): void {
    void this.#thread.load(query);
    setTimeout(() => this.#locale.prepareDates());
  }

  override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const m = this.#locale.text;
    const { comments, tree } = this.#view();
    const title = this.threadTitle || defaultThreadTitle();
    const count = this.#thread.total;
    const counted = this.#thread.status === 'ready' && count > 0;
    const replyTo = this.#write.target;
    const replyOpen = replyTo !== null && comments.some((comment) => comment.id === replyTo);
    const asOf = this.#thread.shownAsOf;
    const [section, heading, status, kept] = (this.#shell ??= this.#build());
    setAttribute(section, 'lang', this.#locale.locale);
    setAttribute(section, 'dir', this.#locale.dir);
    say(heading, counted ? (title ? m.heading(count, title) : m.headingNoTitle(count)) : m.leaveReply);
    say(status, this.#announcement);
    if (asOf !== null) say(kept, m.shownAsOf(this.#locale.formatDate(asOf), navigator.onLine === false));
    const composer = replyOpen ? null : this.#write.composer;
    placeNodes(section, [
      heading,
      status,
      this.#write.notice,
      asOf === null ? null : kept,
      ...this.#states.nodes(this.#threadParts(m, tree)),
      composer,
    ]);
  }

  #build(): Shell {
    const heading = element('h2', { id: 'rc-heading', part: 'heading', dir: 'auto' });
    const status = element('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const section = element('section', { part: 'section', 'aria-labelledby': 'rc-heading' });
    section.addEventListener('click', this.#onClick);
    this.renderRoot.append(section);
    return [section, heading, status, element('p', { class: 'state', part: 'state kept-note' })];
  }
}
