import type { PropertyValues } from 'lit';
import type { CommentsApi } from '../context.js';
import { DraftController, type DraftStatus } from '../controllers/draft-controller.js';
import type { Messages } from '../i18n/messages.js';
import type { CommentFields } from '../model/types.js';
import { charactersLeft, formFieldOf, validateFields, type FieldError } from '../model/validate.js';
import { UpdatingElement } from '../element/updating-element.js';
import { element } from './comment-article.js';
import { placeNodes, say, setAttribute } from './place-nodes.js';
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
  /** The form's elements, once the form first shows. */
  #parts: FormParts | undefined;

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
    // The update this asks for writes each field that holds other text (typing included).
    this.#fields = { ...fields };
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

  #control(name: keyof CommentFields): HTMLInputElement | HTMLTextAreaElement | null {
    return this.#parts?.fields[name as FieldName]?.control ?? null;
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

  /** The form's elements, made once with their listeners; each update sets only what differs. */
  #make(): FormParts {
    const on = <T extends HTMLElement>(node: T, type: string, listener: (event: never) => unknown): T => {
      node.addEventListener(type, listener.bind(this) as EventListener);
      return node;
    };
    const field = (name: FieldName, type: 'textarea' | 'text' | 'email' | 'url'): Field => {
      const control = on(
        element(
          type === 'textarea' ? 'textarea' : 'input',
          type === 'textarea'
            ? { id: name, name, part: 'input', rows: '6' }
            : { id: name, name, part: 'input', type, autocomplete: type === 'text' ? 'nickname' : type },
        ) as HTMLInputElement,
        'input',
        this.#onInput,
      );
      const words = new Text();
      const mark = element('span', { class: 'mark', 'aria-hidden': 'true' }, '*');
      return {
        row: element('p', { class: 'field', part: 'field' }),
        label: element('label', { for: name, part: 'label' }),
        words,
        mark: [words, new Text(' '), mark],
        control,
        note: element('span', { class: 'note', id: `${name}-note` }),
        error: element('span', { class: 'error', part: 'field-error', id: `${name}-error` }),
      };
    };
    const quiet = (action: () => void) =>
      on(element('button', { type: 'button', class: 'quiet' }), 'click', action);
    const draftLine = (action: () => void): DraftLine => {
      const words = new Text();
      const button = quiet(action);
      return {
        line: element('p', { class: 'draft-status', part: 'draft-status' }, words, ' ', button),
        words,
        button,
      };
    };
    const notify = on(
      element('input', { id: 'notify', name: 'notify', type: 'checkbox' }) as HTMLInputElement,
      'change',
      this.#onNotifyChange,
    );
    const remember = on(
      element('input', { id: 'remember', type: 'checkbox' }) as HTMLInputElement,
      'change',
      this.#onRememberChange,
    );
    const hpWords = new Text();
    const fields = {
      body: field('body', 'textarea'),
      name: field('name', 'text'),
      email: field('email', 'email'),
      url: field('url', 'url'),
    };
    const parts: FormParts = {
      form: on(
        on(element('form', { part: 'composer', novalidate: '' }), 'submit', this.#onSubmit),
        'keydown',
        this.#onKeydown,
      ),
      head: element('div', { class: 'head' }),
      heading: element('h3', { id: 'composer-heading', part: 'composer-heading', dir: 'auto' }),
      cancel: on(element('button', { type: 'button', class: 'cancel', part: 'cancel-button' }), 'click', () =>
        this.api?.cancelReply(),
      ),
      slot: element('slot', { name: 'notice' }),
      hint: element('p', { class: 'hint' }),
      formError: element('p', { class: 'form-error', part: 'form-error', role: 'alert' }),
      fields,
      identity: element('div', { class: 'identity' }, fields.name.row, fields.email.row, fields.url.row),
      notifyRow: element('p', { class: 'remember' }),
      notify,
      notifyLabel: element('label', { for: 'notify' }),
      notifyNote: element('span', { class: 'note', id: 'notify-note' }),
      rememberRow: element('p', { class: 'remember' }),
      remember,
      rememberLabel: element('label', { for: 'remember' }),
      honeypot: element(
        'p',
        { class: 'hp', 'aria-hidden': 'true' },
        element(
          'label',
          {},
          hpWords,
          ' ',
          on(element('input', { name: 'hp', tabindex: '-1', autocomplete: 'off' }), 'input', this.#onInput),
        ),
      ),
      hpWords,
      actions: element('p', { class: 'actions' }),
      submit: element('button', { type: 'submit', part: 'submit-button' }),
      discard: on(
        element('button', { type: 'button', class: 'quiet', part: 'discard-button' }),
        'click',
        this.#discard,
      ),
      discarded: draftLine(this.#undoDiscard),
      other: draftLine(this.#useOtherVersion),
      status: element('p', { class: 'draft-status', part: 'draft-status' }),
    };
    parts.rememberRow.append(remember, parts.rememberLabel);
    return parts;
  }

  /** One field as the state says: its label, its control's value and ARIA, its note and error. */
  #field(name: FieldName, label: string, required: boolean, note?: string): HTMLElement {
    const {
      row,
      label: labelNode,
      words,
      mark,
      control,
      note: noteNode,
      error: errorNode,
    } = this.#parts!.fields[name];
    const error = this.#errors[name];
    say(words, label);
    placeNodes(labelNode, required ? mark : [words]);
    control.toggleAttribute('required', required);
    setAttribute(control, 'aria-invalid', error ? 'true' : 'false');
    setOrRemove(
      control,
      'aria-describedby',
      [note ? noteNode.id : '', error ? errorNode.id : ''].filter(Boolean).join(' ') || null,
    );
    // Only a value the DOM does not hold yet: setting the same one again would move the caret.
    if (control.value !== this.#fields[name]) control.value = this.#fields[name];
    say(noteNode, note ?? '');
    say(errorNode, error ?? '');
    placeNodes(row, [labelNode, control, !!note && noteNode, !!error && errorNode]);
    return row;
  }

  /** Name, email, website and the boxes about them: a reply's, not an edit's. */
  #identity(api: CommentsApi, m: Messages): Array<HTMLElement | false> {
    const parts = this.#parts!;
    this.#field('name', m.fieldName, true);
    this.#field('email', m.fieldEmail, api.requireEmail, m.emailNote);
    this.#field('url', m.fieldWebsite, false);
    // "Email me when someone replies": only where the server offers it, usable only with an email.
    const { notifyRow, notify, notifyNote, remember } = parts;
    const noEmail = this.#fields.email.trim() === '';
    const notifying = !noEmail && this.#fields.notify === true;
    if (notify.checked !== notifying) notify.checked = notifying;
    notify.toggleAttribute('disabled', noEmail);
    setOrRemove(notify, 'aria-describedby', noEmail ? notifyNote.id : null);
    say(parts.notifyLabel, m.notifyMe);
    say(notifyNote, m.notifyNeedsEmail);
    placeNodes(notifyRow, [notify, parts.notifyLabel, noEmail && notifyNote]);
    if (remember.checked !== this.remember) remember.checked = this.remember;
    say(parts.rememberLabel, m.rememberMe);
    say(parts.hpWords, m.honeypot);
    return [parts.identity, api.notify && notifyRow, parts.rememberRow, parts.honeypot];
  }

  /** The lines under the form: Undo after a discard, or the other tab's version and when the draft was saved. */
  #draftStatus(m: Messages): Array<HTMLElement | false> {
    const { discarded, other, status } = this.#parts!;
    if (this.#discarded) {
      say(discarded.words, m.draftDiscarded);
      say(discarded.button, m.undo);
      return [discarded.line];
    }
    say(other.words, m.draftChangedElsewhere);
    say(other.button, m.useOtherVersion);
    const kept = this.draftStatus;
    if (kept) {
      const memory = kept.kind === 'memory-only';
      setAttribute(status, 'class', memory ? 'draft-status warning' : 'draft-status');
      say(status, memory ? m.draftMemoryOnly : m.draftSaved(kept.time));
    }
    return [!!this.otherVersion && other.line, !!kept && status];
  }

  override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const api = this.api;
    placeNodes(this.renderRoot, api ? [this.#render(api)] : []);
  }

  #render(api: CommentsApi): HTMLElement {
    const parts = (this.#parts ??= this.#make());
    const { form, head, heading, cancel, formError, submit, discard } = parts;
    const m = api.messages;
    const editing = this.editing;
    const replying = this.replyingTo !== undefined || editing;
    const left = charactersLeft(this.#fields.body);
    const headed = replying || this.headed;
    setOrRemove(form, 'aria-labelledby', headed ? heading.id : null);
    setOrRemove(form, 'aria-label', headed ? null : m.leaveReply);
    say(
      heading,
      editing ? m.editHeading : replying ? m.leaveReplyTo(this.replyingTo || m.anonymous) : m.leaveReply,
    );
    say(cancel, editing ? m.cancelEdit : m.cancelReply);
    placeNodes(head, [headed && heading, replying && cancel]);
    say(parts.hint, m.requiredNote);
    say(formError, this.#formError);
    submit.toggleAttribute('disabled', this.#busy);
    say(submit, this.#busy ? m.posting : editing ? m.saveEdit : m.postComment);
    say(discard, m.discardDraft);
    placeNodes(parts.actions, [submit, this.#fields.body.trim() !== '' && discard]);
    const body = this.#field(
      'body',
      m.fieldComment,
      true,
      left === null ? undefined : left < 0 ? m.charactersOver(-left) : m.charactersLeft(left),
    );
    placeNodes(form, [
      head,
      parts.slot,
      parts.hint,
      !!this.#formError && formError,
      body,
      ...(editing ? [] : this.#identity(api, m)),
      parts.actions,
      ...this.#draftStatus(m),
    ]);
    return form;
  }
}

/** One field's elements. */
interface Field {
  row: HTMLElement;
  label: HTMLElement;
  words: Text;
  /** The label's text with the required mark after it. */
  mark: Node[];
  control: HTMLInputElement | HTMLTextAreaElement;
  note: HTMLElement;
  error: HTMLElement;
}

/** A line under the form with a button in it (Undo, Use other version). */
interface DraftLine {
  line: HTMLElement;
  words: Text;
  button: HTMLElement;
}

/** Every element the form may show, made once. */
interface FormParts {
  form: HTMLElement;
  head: HTMLElement;
  heading: HTMLElement;
  cancel: HTMLElement;
  slot: HTMLElement;
  hint: HTMLElement;
  formError: HTMLElement;
  fields: Record<FieldName, Field>;
  identity: HTMLElement;
  notifyRow: HTMLElement;
  notify: HTMLInputElement;
  notifyLabel: HTMLElement;
  notifyNote: HTMLElement;
  rememberRow: HTMLElement;
  remember: HTMLInputElement;
  rememberLabel: HTMLElement;
  honeypot: HTMLElement;
  hpWords: Text;
  actions: HTMLElement;
  submit: HTMLElement;
  discard: HTMLElement;
  discarded: DraftLine;
  other: DraftLine;
  status: HTMLElement;
}

/** Sets an attribute when it differs, or removes it (null: the state says it is absent). */
function setOrRemove(node: Element, name: string, value: string | null): void {
  if (value === null) node.removeAttribute(name);
  else setAttribute(node, name, value);
}
