import type { PropertyValues } from 'lit';
import { html, nothing, render } from 'lit-html';
import type { CommentsApi } from '../context.js';
import { DraftController, type DraftStatus } from '../controllers/draft-controller.js';
import type { Messages } from '../i18n/messages.js';
import type { CommentFields } from '../model/types.js';
import { charactersLeft, formFieldOf, validateFields, type FieldError } from '../model/validate.js';
import { UpdatingElement } from '../element/updating-element.js';
import { composerStyles } from '../styles/composer.js';

export type { DraftStatus } from '../controllers/draft-controller.js';

/** The text fields (the notify checkbox is not one). */
type FieldName = Exclude<keyof CommentFields, 'notify'>;

/** A refused or unsent comment handed back to the form, applied at its next update. */
interface HandedBack {
  fields: CommentFields;
  error: { message: string; field: string | null } | null;
  /** Whether the fields become the place's draft (not a comment's own text opened for editing). */
  save: boolean;
}

const FIELD_ORDER: FieldName[] = ['body', 'name', 'email', 'url'];

function fieldErrorText(error: FieldError, messages: Messages, fields: CommentFields): string {
  switch (error) {
    case 'body-required':
      return messages.errorBodyRequired;
    case 'body-too-long':
      return messages.charactersOver(-(charactersLeft(fields.body) ?? 0));
    case 'name-required':
      return messages.errorNameRequired;
    case 'email-required':
      return messages.errorEmailRequired;
    case 'email-invalid':
      return messages.errorEmailInvalid;
    case 'url-invalid':
      return messages.errorUrlInvalid;
  }
}

/**
 * The reply form. One instance exists; the comment section moves it under the comment being
 * replied to (`parentId`), and the form brings that place's draft with it.
 *
 * @summary The "Leave a Reply" form.
 * @slot notice - Shown above the fields, e.g. community guidelines.
 * @csspart composer - The form.
 * @csspart composer-heading - "Leave a Reply".
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each input and the textarea.
 * @csspart field-error - A field's error message.
 * @csspart form-error - The message about the whole form.
 * @csspart submit-button - "Post Comment".
 * @csspart cancel-button - "Cancel reply".
 * @csspart discard-button - "Discard draft".
 * @csspart draft-status - "Draft saved on this device", or that it is kept only in this window.
 */
export class RcComposer extends UpdatingElement {
  static override styles = composerStyles;

  // Plain static properties instead of decorators: the decorator helpers cost every reader bytes.
  static override properties = {
    parentId: { attribute: false },
    replyingTo: { attribute: false },
    editing: { attribute: false },
    headed: { attribute: false },
    draftStatus: { attribute: false },
    otherVersion: { attribute: false },
    remember: { attribute: false },
    api: { attribute: false },
  };

  /** The comment the form replies to; null when it is under the thread. */
  parentId: string | null = null;

  /** The author of the comment being replied to; undefined when the form is under the thread. */
  replyingTo: string | undefined = undefined;

  /** Whether the form edits the reader's own comment (only its text; contract v1.1) instead of replying. */
  editing = false;

  /** Whether the form under the thread shows "Leave a Reply"; false where the section's heading says it already. */
  headed = true;

  /** The quiet line under the form: when the draft was saved, or that it lives only in memory. */
  draftStatus: DraftStatus = null;

  /** The same draft as saved by another tab while this one was being edited too. */
  otherVersion: CommentFields | null = null;

  /** Whether "Save my name, email, and website" is ticked. */
  remember = false;

  /** What the comment section offers the form; set by the section. */
  api: CommentsApi | undefined = undefined;
  // The form's own state is private fields, not reactive properties, whose names the bundle
  // would carry: each change below asks for the render itself.
  #fields: CommentFields = { body: '', name: '', email: '', url: '' };
  #errors: Partial<Record<FieldName, string>> = {};
  #formError = '';
  #busy = false;
  /** The text just discarded, offered back through Undo. */
  #discarded: CommentFields | null = null;

  readonly #drafts = new DraftController(this);
  #honeypot = '';
  /** Whether the reader typed since the form was last filled by the page. */
  #dirty = false;
  #handedBack: HandedBack | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    // First the place's own draft, then what was handed back for it, so neither undoes the other.
    if (changed.has('api')) this.#drafts.use(this.api);
    if (changed.has('parentId') && this.hasUpdated) this.#drafts.switchTo(this.parentId);
    const back = this.#handedBack;
    if (!back) return;
    this.#handedBack = null;
    this.load(back.fields);
    if (back.save) this.#drafts.changed(back.fields);
    if (back.error) this.showError(back.error.message, back.error.field);
    this.focusBody();
  }

  /** What the form holds now. */
  get values(): CommentFields {
    return this.#fields;
  }

  /** Whether the reader has typed since the page last filled the form. */
  get edited(): boolean {
    return this.#dirty;
  }

  /** Puts the caret in the comment field. */
  focusBody(): void {
    void this.updateComplete.then(() => this.#control('body')?.focus());
  }

  /** Fills the form (a restored draft, another parent's draft); clears errors and Undo. */
  load(fields: CommentFields): void {
    this.#fields = { ...fields };
    // The DOM may hold typing Lit has not rendered yet; set it directly so it cannot survive.
    for (const name of FIELD_ORDER) {
      const control = this.#control(name) as HTMLInputElement | null;
      if (control) control.value = fields[name];
    }
    this.#dirty = false;
    this.#errors = {};
    this.#formError = '';
    this.#discarded = null;
    this.requestUpdate();
  }

  /**
   * Takes a comment back into the form (refused by the server, with its message, or taken out
   * of the outbox to edit), once the form is under its `parentId`; it is saved as its draft
   * unless `save` is false (a comment's own text, opened to edit, is no draft until changed).
   */
  handBack(
    fields: CommentFields,
    error: { message: string; field: string | null } | null = null,
    save = true,
  ): void {
    this.#handedBack = { fields, error, save };
    this.requestUpdate();
  }

  /** Shows an error from the server: on its field with a summary above the form, or above the form. */
  showError(message: string, serverField: string | null): void {
    const field = formFieldOf(serverField);
    this.#errors = field ? { [field]: message } : {};
    this.#formError = field && this.api ? this.api.messages.errorSummary(1) : message;
    this.requestUpdate();
  }

  #control(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[name="${name}"]`);
  }

  #change(fields: CommentFields): void {
    this.#fields = fields;
    this.#dirty = true;
    this.#drafts.changed(fields);
    this.requestUpdate();
  }

  #discard(): void {
    this.#discarded = this.#fields;
    this.#change({ ...this.#fields, body: '' });
    this.#dirty = false;
  }

  #undoDiscard(): void {
    if (!this.#discarded) return;
    this.#change(this.#discarded);
    this.#discarded = null;
    this.focusBody();
  }

  #useOtherVersion(): void {
    if (!this.otherVersion) return;
    this.#change(this.otherVersion);
    this.otherVersion = null;
  }

  #onRememberChange(event: Event): void {
    this.remember = (event.target as HTMLInputElement).checked;
    this.#drafts.rememberChanged(this.#fields);
  }

  #onNotifyChange(event: Event): void {
    this.#change({ ...this.#fields, notify: (event.target as HTMLInputElement).checked });
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
    const name = input.name as FieldName;
    if (input.name === 'hp') {
      this.#honeypot = input.value;
      return;
    }
    this.#discarded = null;
    this.#change({ ...this.#fields, [name]: input.value });
    if (this.#errors[name]) {
      const { [name]: _fixed, ...rest } = this.#errors;
      this.#errors = rest;
    }
  }

  /** Escape closes a reply form, as it closes other things that opened in place. */
  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || (this.replyingTo === undefined && !this.editing) || !this.api) return;
    event.preventDefault();
    this.api.cancelReply();
  }

  /** Marks what needs correcting and focuses the first such field; false when nothing does. */
  async #invalid(api: CommentsApi): Promise<boolean> {
    const invalid = validateFields(this.#fields, api.requireEmail);
    // An edit changes the text alone: the name and the rest stay as they were posted.
    const names = FIELD_ORDER.filter((name) => invalid[name] && (!this.editing || name === 'body'));
    if (names.length === 0) return false;
    this.#errors = Object.fromEntries(
      names.map((name) => [name, fieldErrorText(invalid[name]!, api.messages, this.#fields)]),
    );
    this.#formError = api.messages.errorSummary(names.length);
    this.requestUpdate();
    await this.updateComplete;
    this.#control(names[0]!)?.focus();
    return true;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.#busy || (await this.#invalid(api))) return;
    this.#errors = {};
    this.#formError = '';
    this.#busy = true;
    this.requestUpdate();
    try {
      const fields = this.#fields;
      const outcome = await api.submit(fields, this.#honeypot);
      if (outcome.ok) {
        // Name, email and website stay for the next comment; only the text is done.
        // "Email me" is asked for each comment: consent to emails is never carried over.
        this.load({ ...fields, body: '', notify: false });
        this.#drafts.submitted(fields);
      } else if (!outcome.cancelled) {
        this.showError(outcome.message, outcome.field);
        await this.updateComplete;
        const field = formFieldOf(outcome.field);
        if (field) this.#control(field)?.focus();
      }
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #renderField(
    name: FieldName,
    label: string,
    type: 'textarea' | 'text' | 'email' | 'url',
    required: boolean,
    note?: string,
  ) {
    const error = this.#errors[name];
    const describedBy = [note ? `${name}-note` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    const invalid = error ? 'true' : 'false';
    const described = describedBy || nothing;
    const control =
      type === 'textarea'
        ? html`<textarea
            id=${name}
            name=${name}
            part="input"
            rows="6"
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            .value=${this.#fields[name]}
            @input=${this.#onInput}
          ></textarea>`
        : html`<input
            id=${name}
            name=${name}
            part="input"
            type=${type}
            autocomplete=${type === 'text' ? 'nickname' : type}
            ?required=${required}
            aria-invalid=${invalid}
            aria-describedby=${described}
            .value=${this.#fields[name]}
            @input=${this.#onInput}
          />`;
    return html`<p class="field" part="field">
      <label for=${name} part="label">${label}${required ? html` <span class="mark" aria-hidden="true">*</span>` : nothing}</label>
      ${control}
      ${note ? html`<span class="note" id=${`${name}-note`}>${note}</span>` : nothing}
      ${error ? html`<span class="error" part="field-error" id=${`${name}-error`}>${error}</span>` : nothing}
    </p>`;
  }

  /** "Email me when someone replies": only where the server offers it, usable only with an email. */
  #renderNotify(m: Messages) {
    const noEmail = this.#fields.email.trim() === '';
    return html`<p class="remember">
      <input
        id="notify"
        name="notify"
        type="checkbox"
        .checked=${!noEmail && this.#fields.notify === true}
        ?disabled=${noEmail}
        aria-describedby=${noEmail ? 'notify-note' : nothing}
        @change=${this.#onNotifyChange}
      />
      <label for="notify">${m.notifyMe}</label>
      ${noEmail ? html`<span class="note" id="notify-note">${m.notifyNeedsEmail}</span>` : nothing}
    </p>`;
  }

  /** Name, email, website and the boxes about them: a reply's, not an edit's. */
  #renderIdentity(api: CommentsApi, m: Messages) {
    return html`<div class="identity">
        ${this.#renderField('name', m.fieldName, 'text', true)}
        ${this.#renderField('email', m.fieldEmail, 'email', api.requireEmail, m.emailNote)}
        ${this.#renderField('url', m.fieldWebsite, 'url', false)}
      </div>
      ${api.notify ? this.#renderNotify(m) : nothing}
      <p class="remember">
        <input id="remember" type="checkbox" .checked=${this.remember} @change=${this.#onRememberChange} />
        <label for="remember">${m.rememberMe}</label>
      </p>
      <p class="hp" aria-hidden="true">
        <label>${m.honeypot} <input name="hp" tabindex="-1" autocomplete="off" @input=${this.#onInput} /></label>
      </p>`;
  }

  #renderDraftStatus(m: Messages) {
    if (this.#discarded) {
      return html`<p class="draft-status" part="draft-status">
        ${m.draftDiscarded} <button type="button" class="quiet" @click=${this.#undoDiscard}>${m.undo}</button>
      </p>`;
    }
    const other = this.otherVersion
      ? html`<p class="draft-status" part="draft-status">
          ${m.draftChangedElsewhere}
          <button type="button" class="quiet" @click=${this.#useOtherVersion}>${m.useOtherVersion}</button>
        </p>`
      : nothing;
    const status = this.draftStatus;
    if (status === null) return other;
    const text = status.kind === 'memory-only' ? m.draftMemoryOnly : m.draftSaved(status.time);
    return html`${other}<p class="draft-status${status.kind === 'memory-only' ? ' warning' : ''}" part="draft-status">${text}</p>`;
  }

  override update(changed: PropertyValues<this>): void {
    super.update(changed);
    // As LitElement renders, listeners called on the form: `this` in them is the form.
    render(this.render(), this.renderRoot, { host: this });
  }

  render() {
    const api = this.api;
    if (!api) return nothing;
    const m = api.messages;
    const editing = this.editing;
    const replying = this.replyingTo !== undefined || editing;
    const left = charactersLeft(this.#fields.body);
    const headed = replying || this.headed;
    return html`<form
      part="composer"
      novalidate
      aria-labelledby=${headed ? 'composer-heading' : nothing}
      aria-label=${headed ? nothing : m.leaveReply}
      @submit=${this.#onSubmit}
      @keydown=${this.#onKeydown}
    >
      <div class="head">
        ${
          headed
            ? html`<h3 id="composer-heading" part="composer-heading" dir="auto">
              ${editing ? m.editHeading : replying ? m.leaveReplyTo(this.replyingTo || m.anonymous) : m.leaveReply}
            </h3>`
            : nothing
        }
        ${
          replying
            ? html`<button type="button" class="cancel" part="cancel-button" @click=${() => api.cancelReply()}>
              ${editing ? m.cancelEdit : m.cancelReply}
            </button>`
            : nothing
        }
      </div>
      <slot name="notice"></slot>
      <p class="hint">${m.requiredNote}</p>
      ${this.#formError ? html`<p class="form-error" part="form-error" role="alert">${this.#formError}</p>` : nothing}
      ${this.#renderField('body', m.fieldComment, 'textarea', true, left === null ? undefined : left < 0 ? m.charactersOver(-left) : m.charactersLeft(left))}
      ${editing ? nothing : this.#renderIdentity(api, m)}
      <p class="actions">
        <button type="submit" part="submit-button" ?disabled=${this.#busy}>
          ${this.#busy ? m.posting : editing ? m.saveEdit : m.postComment}
        </button>
        ${
          this.#fields.body.trim() !== ''
            ? html`<button type="button" class="quiet" part="discard-button" @click=${this.#discard}>${m.discardDraft}</button>`
            : nothing
        }
      </p>
      ${this.#renderDraftStatus(m)}
    </form>`;
  }
}
