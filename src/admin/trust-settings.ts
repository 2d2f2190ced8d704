import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../styles/tokens.js';
import { type AdminApi, ApiError, type Settings, type TrustRules } from './api.js';
import { appStyles } from './styles.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The trust rules form, and what the server was started with for notifications (read only). */
export class AdminSettings extends LitElement {
  static override styles = [tokens, appStyles];

  @property({ attribute: false }) api!: AdminApi;

  @state() private settings: Settings | null = null;
  @state() private error: { message: string; field: string | null } | null = null;
  @state() private saved = '';

  protected override async firstUpdated() {
    try {
      this.settings = await this.api.settings();
    } catch (error) {
      this.error = { message: error instanceof Error ? error.message : String(error), field: null };
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value;
    const rules: TrustRules = {
      trustApproved: (form.elements.namedItem('trustApproved') as HTMLInputElement).checked,
      maxLinks: Number(value('maxLinks')),
      blockedWords: lines(value('blockedWords')),
      blockedEmails: lines(value('blockedEmails')),
      blockedIps: lines(value('blockedIps')),
    };
    try {
      const saved = await this.api.saveRules(rules);
      if (this.settings !== null) this.settings = { ...this.settings, rules: saved };
      this.error = null;
      this.saved = 'Saved. New comments follow these rules from now on.';
    } catch (error) {
      this.saved = '';
      this.error = {
        message: error instanceof Error ? error.message : String(error),
        field: error instanceof ApiError ? error.field : null,
      };
    }
  }

  private described(field: string) {
    return this.error?.field === field ? 'settings-error' : nothing;
  }

  override render() {
    const settings = this.settings;
    if (settings === null) {
      return this.error === null
        ? html`<p>Loading…</p>`
        : html`<p role="alert" class="error">${this.error.message}</p>`;
    }
    const { rules, notifications } = settings;
    return html`
      <h2>Trust rules</h2>
      <form @submit=${this.save}>
        <div class="field">
          <span>
            <input
              id="trustApproved"
              name="trustApproved"
              type="checkbox"
              .checked=${rules.trustApproved}
            />
            <label for="trustApproved">Publish at once when the email already has an approved comment</label>
          </span>
        </div>
        <div class="field">
          <label for="maxLinks">Hold comments with more links than</label>
          <input
            id="maxLinks"
            name="maxLinks"
            type="number"
            min="0"
            max="1000"
            .value=${String(rules.maxLinks)}
            aria-describedby=${this.described('maxLinks')}
          />
        </div>
        <fieldset>
          <legend>Send to Spam when a comment matches (one entry per line)</legend>
          <div class="field">
            <label for="blockedWords">Words (in the name, email, website or text)</label>
            <textarea id="blockedWords" name="blockedWords" aria-describedby=${this.described('blockedWords')} .value=${rules.blockedWords.join('\n')}></textarea>
          </div>
          <div class="field">
            <label for="blockedEmails">Email addresses, or @domain</label>
            <textarea id="blockedEmails" name="blockedEmails" aria-describedby=${this.described('blockedEmails')} .value=${rules.blockedEmails.join('\n')}></textarea>
          </div>
          <div class="field">
            <label for="blockedIps">IP addresses or ranges (203.0.113.0/24)</label>
            <textarea id="blockedIps" name="blockedIps" aria-describedby=${this.described('blockedIps')} .value=${rules.blockedIps.join('\n')}></textarea>
          </div>
        </fieldset>
        ${this.error === null ? nothing : html`<p id="settings-error" role="alert" class="error">${this.error.message}</p>`}
        <p role="status" class="muted">${this.saved}</p>
        <button type="submit" class="primary">Save the rules</button>
      </form>
      <h2>Notifications</h2>
      <p class="muted">Set when the server starts (see --smtp, --notify and --webhook in --help).</p>
      <ul>
        <li>
          Email:
          ${
            notifications.mail === 'smtp'
              ? 'sent through the configured SMTP server'
              : notifications.mail === 'log'
                ? 'written to the server log (no SMTP server configured)'
                : 'off'
          }
        </li>
        <li>
          New comments are emailed to:
          ${notifications.notify.length === 0 ? 'nobody (no --notify address)' : notifications.notify.join(', ')}
        </li>
        <li>Webhook: ${notifications.webhook ? 'on' : 'off'}</li>
        <li>Links in emails point at: ${notifications.publicUrl}</li>
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rc-admin-settings': AdminSettings;
  }
}
