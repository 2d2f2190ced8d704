import type { Messages } from './messages.js';

/**
 * The locales shipped besides English. Each is a separate file, loaded only when a page asks
 * for it, so English readers download none of them.
 */
const LOADERS: Record<string, () => Promise<{ messages: Messages }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  pl: () => import('./locales/pl.js'),
  pt: () => import('./locales/pt.js'),
  uk: () => import('./locales/uk.js'),
};

/** Every locale the element speaks, by primary language subtag. */
export const SHIPPED_LOCALES = ['en', ...Object.keys(LOADERS)];

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'yi']);

/** "pt-BR" → "pt". */
export const primaryLanguage = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? 'en';

/** The writing direction of a language. */
export const directionOf = (tag: string): 'ltr' | 'rtl' =>
  RIGHT_TO_LEFT.has(primaryLanguage(tag)) ? 'rtl' : 'ltr';

/** The language the element should speak: its own `lang`, else the nearest ancestor's, else the browser's. */
export function requestedLocale(element: Element): string {
  return element.closest('[lang]')?.getAttribute('lang')?.trim() || navigator.language || 'en';
}

/** The messages of a shipped locale; null for English, unknown locales, or a file that failed to load. */
export async function loadMessages(tag: string): Promise<Messages | null> {
  const loader = LOADERS[primaryLanguage(tag)];
  if (!loader) return null;
  try {
    return (await loader()).messages;
  } catch {
    // A missing locale file (a site that copied only the main bundle) falls back to English.
    return null;
  }
}
