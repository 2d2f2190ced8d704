import { defaultThreadId } from '../model/thread-id.js';
import { CountBatcher } from './batch.js';
import { fetchCounts } from './counts-api.js';
import { countWording } from './wording.js';

let shared: CountBatcher | undefined;

/**
 * The number of published comments of a thread, as the section's heading words it: "14 Responses",
 * "Eine Antwort". Made for index pages: every count element of a page shares one request per
 * endpoint. It has no shadow root, so the text takes the page's own styles; what the element holds
 * before the count arrives (e.g. "Comments") stays when the count cannot be had.
 *
 * @summary A comment count for index pages ("14 Responses"), in its own small script.
 * @attr endpoint - The comments API, as for `<recovery-comments>`, e.g. "https://comments.example.org/api".
 * @attr thread - The thread id; defaults to the page's canonical path, as for `<recovery-comments>`.
 * @attr count - Set by the element to the number once it is known, for styling (e.g. hiding zero).
 */
export class RecoveryCommentsCount extends HTMLElement {
  static observedAttributes = ['endpoint', 'thread'];

  #count: number | null = null;
  /** What was last asked, so an answer to an earlier endpoint or thread is dropped. */
  #asked = '';
  #connected = false;

  /** The count shown, or null before it arrives (or when it could not be had). */
  get count(): number | null {
    return this.#count;
  }

  connectedCallback(): void {
    this.#connected = true;
    this.#ask();
  }

  disconnectedCallback(): void {
    this.#connected = false;
  }

  attributeChangedCallback(): void {
    // Before the first connection the attributes are only being set up: connecting will ask.
    if (this.#connected) this.#ask();
  }

  #ask(): void {
    const attribute = this.getAttribute('endpoint');
    if (!attribute) return;
    let endpoint: string;
    try {
      endpoint = new URL(attribute, document.baseURI).href.replace(/\/+$/, '');
    } catch {
      return;
    }
    const thread = this.getAttribute('thread') || defaultThreadId();
    const asked = (this.#asked = JSON.stringify([endpoint, thread]));
    shared ??= new CountBatcher(fetchCounts);
    void shared.count(endpoint, thread).then((count) => {
      if (this.#asked !== asked || count === null) return;
      this.#count = count;
      this.setAttribute('count', String(count));
      const lang = this.closest('[lang]')?.getAttribute('lang')?.trim() || navigator.language || 'en';
      this.textContent = countWording(count, lang);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'recovery-comments-count': RecoveryCommentsCount;
  }
}
