import type { ShippedLocale } from './locales/index.js';

export type { ShippedLocale } from './locales/index.js';

/** "pt-BR" → "pt". */
export const primaryLanguage = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? 'en';

/** The language the element should speak: its own `lang`, else the nearest ancestor's, else the browser's. */
export function requestedLocale(element: Element): string {
  return element.closest('[lang]')?.getAttribute('lang')?.trim() || navigator.language || 'en';
}

/**
 * The shipped locale of a primary language besides English ("pt", as `primaryLanguage` gives
 * it), from `./locales/index.ts`, a file of its own that only a page in another language
 * loads; null for unknown languages, or a file that failed to load (a site that copied only
 * the main bundle), which fall back to English.
 */
export const loadLocale = (language: string): Promise<ShippedLocale | null> =>
  import('./locales/index.js').then(({ shippedLocale }) => shippedLocale(language)).catch(() => null);
