import { sheet } from './sheet.js';

/**
 * The tokens only form fields and accent-coloured buttons read (the reply form's and the
 * moderation app's), in a file of their own: the thread's file, which every reader
 * downloads, does not carry them.
 */
export const fieldTokens = sheet(`
  :host {
    --_color-on-accent: var(--rc-color-on-accent, light-dark(#ffffff, #06281c));
    --_color-field: var(--rc-color-field, light-dark(#ffffff, #1d1f21));
  }
`);
