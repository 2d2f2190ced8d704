import type { ReactiveControllerHost } from 'lit';
import type { EditGrant } from '../backend/backend.js';
import { element } from '../components/comment-article.js';
import { say } from '../components/place-nodes.js';
import type { Messages } from '../i18n/messages.js';
import type { Comment } from '../model/types.js';
import { scopedKey, scopePrefix } from '../offline/keys.js';
import type { QueuedChange } from '../offline/outbox.js';
import type { KeyValueStore } from '../offline/storage.js';

/** An edit token as kept on the device, with the comment it is for. */
interface StoredGrant extends EditGrant {
  id: string;
}

const PREFIX = 'own|';

/** What shows under one of the reader's own comments, made once: its note, Edit and Delete, and the question. */
interface Controls {
  note: HTMLElement;
  edit: HTMLElement;
  space: Text;
  remove: HTMLElement;
  question: HTMLElement;
  asked: Text;
  confirm: HTMLElement;
  keep: HTMLElement;
}

function makeControls(): Controls {
  const button = (action: string, part?: string) =>
    element('button', { type: 'button', class: 'reply', ...(part && { part }), 'data-action': action });
  const asked = new Text();
  const confirm = button('confirm-delete', 'delete-button');
  const keep = button('keep');
  return {
    note: element('p', { class: 'state error', part: 'status' }),
    edit: button('change', 'edit-button'),
    space: new Text(' '),
    remove: button('delete', 'delete-button'),
    question: element('p', {}, asked, ' ', confirm, ' ', keep),
    asked,
    confirm,
    keep,
  };
}

/**
 * The reader's own comments they may still change (contract v1.1). Their edit tokens are kept
 * in the device store per endpoint, thread and comment (with the outbox, the only place a token
 * ever is: never the DOM, never an event), and dropped once past their window. It shows Edit and
 * Delete on those comments until the window ends (a timer takes them away, not the next render),
 * the inline "Delete this comment? Delete / Keep", and what the server answered to a change, in
 * place until the thread is loaded again.
 */
export class OwnCommentsController {
  #store: KeyValueStore | null = null;
  #scope: { endpoint: string; thread: string } | null = null;
  #grants = new Map<string, EditGrant>();
  #changed: Comment[] = [];
  #confirming: string | null = null;
  #note: [id: string, text: string] | null = null;
  /** Each comment's controls, the same elements from one render to the next (a focused button stays). */
  #controls = new Map<string, Controls>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly messages: () => Messages,
  ) {}

  /** Comments as the server answered the reader's changes (a deleted one marked `removed`); replaced, never mutated. */
  get changed(): readonly Comment[] {
    return this.#changed;
  }

  /** Reads the thread's tokens from a store; every thread's expired ones go. */
  async configure(store: KeyValueStore, scope: { endpoint: string; thread: string }): Promise<void> {
    this.#store = store;
    this.#scope = scope;
    this.#grants = new Map();
    this.#changed = [];
    this.#controls = new Map();
    const mine = scopePrefix(PREFIX, scope.endpoint, scope.thread);
    for (const [key, grant] of await store.entries<StoredGrant>(PREFIX)) {
      if (!(grant?.until > Date.now()) || typeof grant.token !== 'string') void store.delete(key);
      else if (key.startsWith(mine) && this.#scope === scope) this.#show(grant.id, grant);
    }
  }

  /** Keeps the token of a comment the server just accepted. */
  keep(endpoint: string, thread: string, id: string, grant: EditGrant): void {
    if (this.#scope?.endpoint === endpoint && this.#scope.thread === thread) this.#show(id, grant);
    void this.#store?.set(scopedKey(PREFIX, endpoint, thread, id), { ...grant, id } satisfies StoredGrant);
  }

  /** The comments `render` shows something under: those the reader may still change, and the one with a note. */
  get marked(): ReadonlySet<string> {
    const ids = new Set([...this.#grants.keys()].filter((id) => this.editable(id)));
    if (this.#note) ids.add(this.#note[0]);
    // The controls of a comment no longer marked go, or a long-lived tab would keep them all:
    // `render` is not asked for them again (its box lets go of them), and marked again, a
    // comment gets new ones.
    for (const id of this.#controls.keys()) if (!ids.has(id)) this.#controls.delete(id);
    return ids;
  }

  /** Whether Edit and Delete show on a comment: its token is here and its window is open. */
  editable(id: string): boolean {
    return (this.#grants.get(id)?.until ?? 0) > Date.now();
  }

  /**
   * The outbox's change for a comment, or null without its token. A token just past its window
   * still goes: the server's clock decides, and its refusal says why in words.
   */
  changeOf(original: Comment, remove: boolean): QueuedChange | null {
    const grant = this.#grants.get(original.id);
    return grant ? { token: grant.token, original, ...(remove && { remove: true as const }) } : null;
  }

  /** The comment was deleted, or the server refused its token: no more Edit. */
  forget(id: string): void {
    this.#grants.delete(id);
    const scope = this.#scope;
    if (scope) void this.#store?.delete(scopedKey(PREFIX, scope.endpoint, scope.thread, id));
    this.host.requestUpdate();
  }

  /** Shows a comment as the server now has it (or, `removed`, not at all). */
  show(comment: Comment): void {
    this.#changed = [...this.#changed.filter((other) => other.id !== comment.id), comment];
    this.host.requestUpdate();
  }

  /** Asks "Delete this comment?" on one comment (null: no longer). */
  ask(id: string | null): void {
    this.#confirming = id;
    this.#note = null;
    this.host.requestUpdate();
  }

  /** A message on the comment itself (a delete the server refused). */
  note(id: string, text: string): void {
    this.#note = [id, text];
    this.host.requestUpdate();
  }

  /** Edit and Delete (or the question) under one of the reader's own comments, in order; none under others. */
  render(comment: Comment): Node[] {
    const id = comment.id;
    const m = this.messages();
    let controls = this.#controls.get(id);
    if (!controls) this.#controls.set(id, (controls = makeControls()));
    const noted = this.#note?.[0] === id;
    if (noted) say(controls.note, this.#note![1]);
    const note = noted ? [controls.note] : [];
    if (comment.delivery || !this.editable(id)) return note;
    if (this.#confirming === id) {
      say(controls.asked, m.deleteAsk);
      say(controls.confirm, m.deleteComment);
      say(controls.keep, m.keep);
      return [controls.question];
    }
    say(controls.edit, m.edit);
    say(controls.remove, m.deleteComment);
    return [...note, controls.edit, controls.space, controls.remove];
  }

  #show(id: string, grant: EditGrant): void {
    this.#grants.set(id, grant);
    // Edit and Delete go at the end of the window, wherever the reader is (a window of more
    // than 24 days overflows setTimeout: then they go on the next render after it).
    setTimeout(() => this.host.requestUpdate(), grant.until - Date.now() + 1);
    this.host.requestUpdate();
  }
}
