import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fieldTokens } from '../styles/field-tokens.js';
import { tokens } from '../styles/tokens.js';
import { type Action, type AdminApi, type AdminComment, ApiError, type Counts, type Status } from './api.js';
import { SHORTCUTS, shortcutFor } from './shortcuts.js';
import { appStyles } from './styles.js';

const STATUSES: ReadonlyArray<{ status: Status; label: string }> = [
  { status: 'pending', label: 'Pending' },
  { status: 'published', label: 'Published' },
  { status: 'spam', label: 'Spam' },
  { status: 'rejected', label: 'Rejected' },
];

const PAST: Record<Action, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  delete: 'Deleted',
};

/** Which actions make sense for a comment in each list (approving a published one does not). */
const ACTIONS: Record<Status, Action[]> = {
  pending: ['approve', 'reject', 'spam', 'delete'],
  published: ['reject', 'spam', 'delete'],
  spam: ['approve', 'reject', 'delete'],
  rejected: ['approve', 'spam', 'delete'],
};
const LABELS: Record<Action, string> = {
  approve: 'Approve',
  reject: 'Reject',
  spam: 'Spam',
  delete: 'Delete',
};

/** How many comments one page of the queue shows. */
export const QUEUE_PAGE_SIZE = 50;

const count = (n: number) => n.toLocaleString('en');
const date = (iso: string) =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
const plural = (n: number, one: string) => `${count(n)} ${one}${n === 1 ? '' : 's'}`;

/**
 * The moderation queue: a list per status with counts, search, paging, one-by-one and bulk
 * actions, edit, reply as moderator, and keyboard shortcuts.
 */
export class AdminQueue extends LitElement {
  static override styles = [tokens, fieldTokens, appStyles];

  @property({ attribute: false }) api!: AdminApi;

  @state() private status: Status = 'pending';
  @state() private query = '';
  @state() private offset = 0;
  @state() private comments: AdminComment[] = [];
  @state() private total = 0;
  @state() private counts: Counts = { pending: 0, published: 0, spam: 0, rejected: 0 };
  @state() private selected = new Set<string>();
  @state() private current = 0;
  @state() private editing: { id: string; mode: 'edit' | 'reply'; error: string } | null = null;
  @state() private confirmingDelete: string[] | null = null;
  @state() private loading = false;
  @state() private error = '';
  @state() private announcement = '';

  // On the document: after an action re-renders the list, focus is often on the body, and the
  // next key must still work.
  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKeyDown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeyDown);
  }

  protected override firstUpdated() {
    void this.load();
  }

  /** Moves the keyboard's place in the list, and focus with it (only for j and k). */
  private async moveTo(index: number) {
    this.current = Math.max(0, Math.min(index, this.comments.length - 1));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('article.current')?.focus();
  }

  private async openEditor(id: string, mode: 'edit' | 'reply') {
    this.editing = { id, mode, error: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('form textarea')?.focus();
  }

  private async load() {
    this.loading = true;
    try {
      const page = await this.api.queue(this.status, this.query, this.offset, QUEUE_PAGE_SIZE);
      this.comments = page.comments;
      this.total = page.total;
      this.counts = page.counts;
      this.selected = new Set([...this.selected].filter((id) => page.comments.some((c) => c.id === id)));
      this.current = Math.min(this.current, Math.max(0, page.comments.length - 1));
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  private show(status: Status) {
    this.status = status;
    this.offset = 0;
    this.current = 0;
    this.selected = new Set();
    this.editing = null;
    this.confirmingDelete = null;
    void this.load();
  }

  private async act(action: Action, ids: string[]) {
    if (ids.length === 0) return;
    if (action === 'delete' && this.confirmingDelete === null) {
      this.confirmingDelete = ids;
      // The question takes focus, so the keyboard can answer it at once.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('[role="alertdialog"] button:last-of-type')?.focus();
      return;
    }
    this.confirmingDelete = null;
    try {
      const { changed } = await this.api.act(action, ids);
      this.announcement = `${PAST[action]} ${plural(changed, 'comment')}.`;
      this.selected = new Set([...this.selected].filter((id) => !ids.includes(id)));
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async saveText(comment: AdminComment, mode: 'edit' | 'reply', text: string) {
    try {
      if (mode === 'edit') await this.api.edit(comment.id, text);
      else await this.api.reply(comment.id, text);
      this.editing = null;
      this.announcement = mode === 'edit' ? 'Saved the edit.' : 'Your reply is published.';
      await this.load();
    } catch (error) {
      const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      this.editing = { id: comment.id, mode, error: message };
    }
  }

  private onKeyDown = (event: KeyboardEvent) => {
    const action = shortcutFor(event);
    if (action === null || this.confirmingDelete !== null) return;
    const comment = this.comments[this.current];
    event.preventDefault();
    switch (action) {
      case 'next':
        void this.moveTo(this.current + 1);
        break;
      case 'previous':
        void this.moveTo(this.current - 1);
        break;
      case 'search':
        this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
        break;
      case 'select':
        if (comment !== undefined) this.toggle(comment.id);
        break;
      case 'edit':
      case 'reply':
        if (comment !== undefined) void this.openEditor(comment.id, action);
        break;
      default:
        if (comment !== undefined && ACTIONS[this.status].includes(action)) {
          // After a key press, the comment that takes this place gets the focus.
          void this.act(action, [comment.id]).then(() => {
            if (this.confirmingDelete === null) void this.moveTo(this.current);
          });
        }
    }
  };

  private toggle(id: string) {
    const selected = new Set(this.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    this.selected = selected;
  }

  private onSearch(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.query = (form.elements.namedItem('q') as HTMLInputElement).value;
    this.offset = 0;
    this.current = 0;
    void this.load();
  }

  private page(delta: number) {
    this.offset = Math.max(0, this.offset + delta * QUEUE_PAGE_SIZE);
    this.current = 0;
    void this.load();
  }

  override render() {
    const ids = [...this.selected];
    const last = Math.min(this.offset + this.comments.length, this.total);
    return html`
      <nav aria-label="Comments by status">
        ${STATUSES.map(
          ({ status, label }) => html`<button
            type="button"
            aria-current=${this.status === status ? 'page' : 'false'}
            @click=${() => this.show(status)}
          >
            ${label} <span class="count">(${count(this.counts[status])})</span>
          </button>`,
        )}
      </nav>
      <form class="search" role="search" @submit=${this.onSearch}>
        <div class="field">
          <label for="search">Search text, name or email</label>
          <input id="search" name="q" type="search" .value=${this.query} />
        </div>
        <button type="submit">Search</button>
      </form>
      <div class="toolbar" aria-label="Selected comments" role="group">
        <span>${ids.length === 0 ? 'None selected' : `${plural(ids.length, 'comment')} selected`}</span>
        ${ACTIONS[this.status].map(
          (action) => html`<button
            type="button"
            class=${action === 'delete' ? 'danger' : ''}
            ?disabled=${ids.length === 0}
            @click=${() => this.act(action, ids)}
          >
            ${LABELS[action]} selected
          </button>`,
        )}
      </div>
      ${this.confirmingDelete === null ? nothing : this.renderConfirmDelete(this.confirmingDelete)}
      <p role="status" class="muted">${this.announcement}</p>
      ${this.error === '' ? nothing : html`<p role="alert" class="error">${this.error}</p>`}
      <h2>
        ${STATUSES.find((s) => s.status === this.status)?.label} comments${
          this.query.trim() === '' ? '' : html` matching “${this.query.trim()}”`
        }
      </h2>
      ${
        this.comments.length === 0
          ? html`<p>${this.loading ? 'Loading…' : 'Nothing here.'}</p>`
          : html`<p class="muted">Showing ${count(this.offset + 1)}–${count(last)} of ${count(this.total)}.</p>
            <ol class="queue">
              ${this.comments.map((comment, index) => html`<li>${this.renderComment(comment, index)}</li>`)}
            </ol>`
      }
      <div class="pager">
        <button type="button" ?disabled=${this.offset === 0} @click=${() => this.page(-1)}>Previous page</button>
        <button type="button" ?disabled=${last >= this.total} @click=${() => this.page(1)}>Next page</button>
      </div>
      <details open>
        <summary>Keyboard shortcuts</summary>
        <dl class="shortcuts">
          ${SHORTCUTS.map((s) => html`<dt><kbd>${s.key}</kbd></dt><dd>${s.label}</dd>`)}
        </dl>
      </details>
    `;
  }

  private renderConfirmDelete(ids: string[]) {
    return html`<div role="alertdialog" aria-labelledby="confirm-delete" class="toolbar">
      <p id="confirm-delete">Delete ${plural(ids.length, 'comment')} and their replies for good?</p>
      <button type="button" class="danger" @click=${() => this.act('delete', ids)}>Delete for good</button>
      <button type="button" @click=${() => (this.confirmingDelete = null)}>Cancel</button>
    </div>`;
  }

  private renderComment(comment: AdminComment, index: number) {
    const titleId = `c-${index}`;
    const thread = comment.thread.title ?? comment.thread.id;
    return html`<article
      tabindex="-1"
      class=${index === this.current ? 'current' : ''}
      aria-labelledby=${titleId}
      @focusin=${() => (this.current = index)}
    >
      <div class="head">
        <input
          type="checkbox"
          aria-label=${`Select the comment by ${comment.author.name}`}
          .checked=${this.selected.has(comment.id)}
          @change=${() => this.toggle(comment.id)}
        />
        <div>
          <div id=${titleId}>
            <span class="who">${comment.author.name}</span>${
              comment.byOwner ? html`<span class="owner-badge">moderator</span>` : nothing
            }
          </div>
          <div class="meta">
            ${comment.author.email ?? 'no email'}
            ${
              comment.author.url === null
                ? nothing
                : html` · <a href=${comment.author.url} rel="nofollow noopener noreferrer">${comment.author.url}</a>`
            }
            · ${date(comment.createdAt)} · on
            ${
              comment.thread.url === null
                ? thread
                : html`<a href=${comment.link ?? comment.thread.url} rel="noopener noreferrer">${thread}</a>`
            }
          </div>
        </div>
      </div>
      ${
        comment.parent === null
          ? nothing
          : html`<p class="meta">In reply to ${comment.parent.author.name}:</p>
            <blockquote>${comment.parent.body}</blockquote>`
      }
      ${
        this.editing?.id === comment.id
          ? this.renderEditor(comment, this.editing.mode, this.editing.error)
          : html`<div class="body">${comment.body}</div>
            <div class="actions">
              ${ACTIONS[this.status].map(
                (action) => html`<button
                  type="button"
                  class=${action === 'approve' ? 'primary' : action === 'delete' ? 'danger' : ''}
                  @click=${() => this.act(action, [comment.id])}
                >
                  ${LABELS[action]}
                </button>`,
              )}
              <button type="button" @click=${() => this.openEditor(comment.id, 'edit')}>
                Edit
              </button>
              ${
                this.status === 'pending' || this.status === 'published'
                  ? html`<button
                    type="button"
                    @click=${() => this.openEditor(comment.id, 'reply')}
                  >
                    ${this.status === 'pending' ? 'Approve and reply' : 'Reply'}
                  </button>`
                  : nothing
              }
            </div>`
      }
    </article>`;
  }

  private renderEditor(comment: AdminComment, mode: 'edit' | 'reply', error: string) {
    const id = `editor-${comment.id}`;
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const text = (event.target as HTMLFormElement).querySelector('textarea')?.value ?? '';
      void this.saveText(comment, mode, text);
    };
    return html`<form @submit=${submit}>
      <div class="field">
        <label for=${id}>${mode === 'edit' ? 'Edit the comment' : `Your reply to ${comment.author.name}`}</label>
        <textarea
          id=${id}
          aria-describedby=${error === '' ? nothing : `${id}-error`}
          aria-invalid=${error === '' ? 'false' : 'true'}
          .value=${mode === 'edit' ? comment.body : ''}
        ></textarea>
        ${error === '' ? nothing : html`<p id=${`${id}-error`} class="error">${error}</p>`}
      </div>
      <div class="actions">
        <button type="submit" class="primary">${mode === 'edit' ? 'Save' : 'Publish reply'}</button>
        <button type="button" @click=${() => (this.editing = null)}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rc-admin-queue': AdminQueue;
  }
}
