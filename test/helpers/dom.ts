import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CommentsBackend } from '../../src/backend/backend.js';
import type { RcComposer } from '../../src/components/composer.js';
import '../../src/index.js';
import type { RecoveryComments } from '../../src/recovery-comments.js';
import { DeviceStore, type KeyValueStore } from '../../src/offline/storage.js';
import { localId, seededId } from './server.js';

/** Options for mounting an element in a test. */
export interface MountOptions {
  endpoint: string;
  thread?: string;
  title?: string;
  maxDepth?: number;
  pageSize?: number;
  sort?: 'oldest' | 'newest';
  requireEmail?: boolean;
  /** Wait for the first page (default) or not. */
  waitForLoad?: boolean;
  /** Device storage; by default a fresh IndexedDB database for this element alone. */
  storage?: KeyValueStore;
}

let databases = 0;

/** A fresh IndexedDB-backed store no other test uses. */
export function freshStore(): DeviceStore {
  databases++;
  return new DeviceStore(`rc-test-${Date.now().toString(36)}-${databases}`);
}

/**
 * Puts a `<recovery-comments>` on the page and, by default, waits until the server's first page
 * is shown (or failed): a first page kept on the device from an earlier mount shows before it.
 */
export async function mount(options: MountOptions): Promise<RecoveryComments> {
  // Listening before the element exists: a misconfigured one reports in its first update.
  const answered = new Set<EventTarget>();
  const onAnswer = (event: Event) => answered.add(event.composedPath()[0]!);
  document.addEventListener('rc-loaded', onAnswer);
  document.addEventListener('rc-error', onAnswer);
  const element = await fixture<RecoveryComments>(html`<recovery-comments
    endpoint=${options.endpoint}
    thread=${options.thread ?? ''}
    thread-title=${options.title ?? 'A Test Post'}
    max-depth=${options.maxDepth ?? 5}
    page-size=${options.pageSize ?? 50}
    sort=${options.sort ?? 'oldest'}
    ?require-email=${options.requireEmail ?? false}
    .storage=${options.storage ?? freshStore()}
  ></recovery-comments>`);
  try {
    if (options.waitForLoad !== false)
      await waitUntil(
        () => answered.has(element) && !/Loading comments/.test(text(element)),
        'the thread never finished loading',
        { timeout: 5000 },
      );
  } finally {
    document.removeEventListener('rc-loaded', onAnswer);
    document.removeEventListener('rc-error', onAnswer);
  }
  if (options.waitForLoad !== false) {
    // One frame, so `content-visibility: auto` has decided what is on screen: before that, a busy
    // machine may still skip the comments' contents (and innerText reports nothing).
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await formShown(element);
  }
  return element;
}

/**
 * A section on `backend` (a fake one: for what no real server sends), in the page, once its
 * first page is loaded; removed again if that never happens.
 */
export async function loadedWith(backend: CommentsBackend): Promise<RecoveryComments> {
  const element = document.createElement('recovery-comments');
  element.backend = backend;
  element.storage = freshStore();
  const loaded = oneEvent(element, 'rc-loaded');
  document.body.append(element);
  try {
    await loaded;
    return element;
  } catch (error) {
    element.remove();
    throw error;
  }
}

/** The same, once the reply form is there too. */
export async function mountWith(backend: CommentsBackend): Promise<RecoveryComments> {
  const element = await loadedWith(backend);
  try {
    await formShown(element);
    return element;
  } catch (error) {
    element.remove();
    throw error;
  }
}

/**
 * Waits until the reply form is rendered: it is the lazily loaded writing side, fetched once
 * the first page is shown (or failed to load).
 */
export async function formShown(element: RecoveryComments): Promise<void> {
  await waitUntil(
    () => root(element).querySelector('rc-composer')?.shadowRoot?.querySelector('[name="body"]'),
    'the reply form never loaded',
    { timeout: 5000 },
  );
}

/** The element's shadow root. */
export const root = (element: RecoveryComments): ShadowRoot => element.shadowRoot!;

/** The visible text of the section, flattened. */
export function text(element: RecoveryComments): string {
  return (root(element).querySelector('section')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every rendered comment wrapper, in document order. */
export const commentWrappers = (element: RecoveryComments): HTMLElement[] => [
  ...root(element).querySelectorAll<HTMLElement>('[part~="comment"]'),
];

/** The ids of the comments shown, in document order, seeded ones by their local id. */
export const shownIds = (element: RecoveryComments): string[] =>
  commentWrappers(element).map((wrapper) => localId(element.thread, wrapper.dataset.commentId!));

/** One comment's wrapper, by the id the server gave it or by a seeded comment's local id. */
export const wrapperOf = (element: RecoveryComments, id: string): HTMLElement | null =>
  root(element).querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`) ??
  root(element).querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(seededId(element.thread, id))}"]`);

/** The reply form element. */
export const composerOf = (element: RecoveryComments): RcComposer =>
  root(element).querySelector('rc-composer')!;

/** A control of the form by its name: body, name, email, url, hp. */
export function field(element: RecoveryComments, name: string): HTMLInputElement | HTMLTextAreaElement {
  return composerOf(element).shadowRoot!.querySelector(`[name="${name}"]`)!;
}

/** The visible label text of a control. */
export function labelOf(element: RecoveryComments, name: string): string {
  const control = field(element, name);
  return (composerOf(element).shadowRoot!.querySelector(`label[for="${control.id}"]`)?.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Types into a control the way an input event reports it. */
export function fill(element: RecoveryComments, name: string, value: string): void {
  const control = field(element, name);
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** A button of the section or its form, by its visible text. */
export function button(element: RecoveryComments, label: string | RegExp): HTMLButtonElement {
  const buttons = [
    ...root(element).querySelectorAll('button'),
    // The form may not be loaded yet (the thread's own buttons come first).
    ...(composerOf(element)?.shadowRoot?.querySelectorAll('button') ?? []),
  ];
  const found = buttons.find((candidate) => {
    const shown = candidate.textContent!.replace(/\s+/g, ' ').trim();
    return typeof label === 'string' ? shown === label : label.test(shown);
  });
  if (!found) throw new Error(`no button "${String(label)}"`);
  return found;
}

/** Presses Post Comment and waits for the outcome event. */
export async function post(element: RecoveryComments): Promise<CustomEvent> {
  const outcome = Promise.race([oneEvent(element, 'rc-submitted'), oneEvent(element, 'rc-failed')]);
  button(element, 'Post Comment').click();
  return outcome;
}

/**
 * Fails each test of the file in which the element left a promise rejection unhandled (a bug
 * even when what the test checks went well). Call once, at the top level of a test file.
 */
export function failOnUnhandledRejections(): void {
  let unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  beforeEach(() => {
    unhandled = [];
    addEventListener('unhandledrejection', onUnhandled);
  });
  afterEach(() => {
    removeEventListener('unhandledrejection', onUnhandled);
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });
}
