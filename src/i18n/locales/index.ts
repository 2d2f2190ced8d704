import type { Messages } from '../messages.js';

/**
 * The locales shipped besides English, and what only they need: each one's file, loaded when a
 * page asks for it, and the writing direction. This module itself is loaded only by a page
 * that asks for another language (`../locales.ts`), so English readers download none of it,
 * not even the names of the files.
 */
const LOADERS: Record<string, () => Promise<{ messages: Messages }>> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  pl: () => import('./pl.js'),
  pt: () => import('./pt.js'),
  uk: () => import('./uk.js'),
};

/**
 * Every locale the element speaks, by primary language subtag. A function, so a page's file,
 * where nothing asks for it, does not build the list.
 */
export const shippedLanguages = (): string[] => ['en', ...Object.keys(LOADERS)];

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'yi']);

/** A shipped locale: its messages, and the direction it is written in. */
export interface ShippedLocale {
  messages: Messages;
  dir: 'ltr' | 'rtl';
}

/** The locale of a primary language subtag, or null for one not shipped; rejects when its file cannot load. */
export async function shippedLocale(language: string): Promise<ShippedLocale | null> {
  const loader = LOADERS[language];
  if (!loader) return null;
  return { messages: (await loader()).messages, dir: RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr' };
}
