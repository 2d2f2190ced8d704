import type { ReactiveControllerHost } from 'lit';
import { englishDate, writesEnglishDates } from '../i18n/en-date.js';
import { enThread } from '../i18n/en-thread.js';
import { loadLocale, primaryLanguage, type ShippedLocale } from '../i18n/locales.js';
import type { Messages, WritingMessages } from '../i18n/messages.js';

/**
 * The language the element speaks: its text (the locale's messages with the owner's overrides),
 * its tag and direction, and its date formats. English is there at once; another shipped locale
 * as soon as its file is in, unless a newer request has been made since.
 */
export class LocaleController {
  /** English beneath every locale: the thread's words, and the form's once the writing side brought them. */
  #english: Partial<Messages> = enThread;
  // The form's words are missing until the writing side adds them, and only it reads them.
  #text = enThread as Messages;
  #locale = 'en';
  /** The tag and the owner's overrides last asked for (none before the first `use`). */
  #requested?: string;
  #overrides?: Partial<Messages>;
  /** The shipped locale being spoken; null for English. */
  #shipped: ShippedLocale | null = null;
  /** Counts requests, so a slow locale file never replaces one asked for later. */
  #request = 0;
  #dateFormat: Intl.DateTimeFormat | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when the text changed (a locale arrived, or new overrides). */
    private readonly onChange: () => void,
  ) {}

  /** Every string the reader sees. */
  get text(): Messages {
    return this.#text;
  }

  /** The tag being spoken ("en" until another locale has loaded). */
  get locale(): string {
    return this.#locale;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#shipped?.dir ?? 'ltr';
  }

  /** Speaks `tag`, with the owner's `overrides` over the locale's own words. */
  use(tag: string, overrides: Partial<Messages>): void {
    if (overrides !== this.#overrides) {
      this.#overrides = overrides;
      if (tag === this.#requested) this.#apply(this.#shipped, this.#locale);
    }
    if (tag === this.#requested) return;
    this.#requested = tag;
    const request = ++this.#request;
    const language = primaryLanguage(tag);
    if (language === 'en') {
      this.#apply(null, tag);
      return;
    }
    void loadLocale(language).then((shipped) => {
      if (request === this.#request) this.#apply(shipped, shipped ? tag : 'en');
    });
  }

  /** The reply form's English, which comes with the writing side. */
  addEnglish(writing: WritingMessages): void {
    this.#english = { ...enThread, ...writing };
    this.#apply(this.#shipped, this.#locale);
  }

  /**
   * A date and time in the locale ("1 December 2026 at 09:41"), from an ISO string or ms since
   * epoch; the value itself, as text, when it is no date.
   */
  formatDate(when: string | number): string {
    const date = new Date(when);
    try {
      return (writesEnglishDates(this.#locale) && englishDate(date)) || this.#dates().format(date);
    } catch {
      return String(when);
    }
  }

  /**
   * Makes the date format now, if the locale needs Intl's: the first one a page makes costs
   * Chromium 20–130 ms, better spent while the comments are on their way than in the task that
   * shows them.
   */
  prepareDates(): void {
    if (!writesEnglishDates(this.#locale)) this.#dates();
  }

  #dates(): Intl.DateTimeFormat {
    return (this.#dateFormat ??= new Intl.DateTimeFormat(this.#locale, {
      dateStyle: 'long',
      timeStyle: 'short',
    }));
  }

  #apply(shipped: ShippedLocale | null, locale: string): void {
    if (locale !== this.#locale) this.#dateFormat = null;
    this.#locale = locale;
    this.#shipped = shipped;
    this.#text = { ...this.#english, ...shipped?.messages, ...this.#overrides } as Messages;
    this.onChange();
    this.host.requestUpdate();
  }
}
