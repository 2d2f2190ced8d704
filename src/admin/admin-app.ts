import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { fieldTokens } from '../styles/field-tokens.js';
import { tokens } from '../styles/tokens.js';
import { AdminApi, ApiError, type Session } from './api.js';
import { appStyles } from './styles.js';
// The tags this template uses (defined in define.ts, typed where their classes live).
import './comment-queue.js';
import './trust-settings.js';

/**
 * The moderation app at /admin/: sign-in, then the queue or the settings. Wiring only; the
 * queue and the settings are their own elements.
 */
export class AdminApp extends LitElement {
  static override styles = [tokens, fieldTokens, appStyles];

  private readonly api = new AdminApi();

  /** undefined while the first check of the session runs. */
  @state() private session: Session | null | undefined = undefined;
  @state() private view: 'queue' | 'settings' = 'queue';
  @state() private error: { message: string; field: string | null } | null = null;
  @state() private busy = false;

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.session = await this.api.session();
    } catch (error) {
      this.session = null;
      this.error = { message: error instanceof Error ? error.message : String(error), field: null };
    }
  }

  private async signIn(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.busy = true;
    try {
      this.session = await this.api.signIn(value('email'), value('password'));
      this.error = null;
      this.view = 'queue';
    } catch (error) {
      this.error = {
        message: error instanceof Error ? error.message : String(error),
        field: error instanceof ApiError ? error.field : null,
      };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async signOut() {
    try {
      await this.api.signOut();
    } finally {
      this.session = null;
      this.error = null;
    }
  }

  override render() {
    if (this.session === undefined) return html`<p>Loading…</p>`;
    return this.session === null ? this.renderSignIn() : this.renderSignedIn(this.session);
  }

  private renderSignIn() {
    const error = this.error;
    return html`<main>
      <h1>Sign in to moderate comments</h1>
      <form @submit=${this.signIn}>
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid=${error === null ? 'false' : 'true'}
            aria-describedby=${error === null ? nothing : 'sign-in-error'}
          />
        </div>
        ${error === null ? nothing : html`<p id="sign-in-error" role="alert" class="error">${error.message}</p>`}
        <button type="submit" class="primary" ?disabled=${this.busy}>Sign in</button>
      </form>
    </main>`;
  }

  private renderSignedIn(session: Session) {
    return html`<header>
        <h1>Comments</h1>
        <nav aria-label="Moderation">
          <button
            type="button"
            aria-current=${this.view === 'queue' ? 'page' : 'false'}
            @click=${() => (this.view = 'queue')}
          >
            Queue
          </button>
          <button
            type="button"
            aria-current=${this.view === 'settings' ? 'page' : 'false'}
            @click=${() => (this.view = 'settings')}
          >
            Settings
          </button>
        </nav>
        <div>
          <span class="muted">${session.moderator.email}</span>
          <button type="button" @click=${this.signOut}>Sign out</button>
        </div>
      </header>
      <main>
        ${
          this.view === 'queue'
            ? html`<rc-admin-queue .api=${this.api}></rc-admin-queue>`
            : html`<rc-admin-settings .api=${this.api}></rc-admin-settings>`
        }
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rc-admin-app': AdminApp;
  }
}
