import { sheet } from './sheet.js';

/**
 * The public design tokens, read once into private `--_*` variables on `:host`; everything
 * inside uses only the private ones. Defaults inherit the page's font and colour.
 */
export const tokens = sheet(`
  :host {
    --_color-text: var(--rc-color-text, currentColor);
    --_color-muted: var(--rc-color-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_color-accent: var(--rc-color-accent, light-dark(#0a6b4c, #7fd6b0));
    --_color-surface: var(--rc-color-surface, transparent);
    --_color-border: var(--rc-color-border, color-mix(in srgb, currentColor 24%, transparent));
    --_color-danger: var(--rc-color-danger, light-dark(#b3261e, #ffb4ab));
    --_color-focus: var(--rc-color-focus, var(--_color-accent));
    --_color-highlight: var(--rc-color-highlight, color-mix(in srgb, var(--_color-accent) 14%, transparent));
    --_font-family: var(--rc-font-family, inherit);
    --_font-size: var(--rc-font-size, inherit);
    --_font-size-small: var(--rc-font-size-small, 0.875em);
    --_space: var(--rc-space, 1rem);
    --_radius: var(--rc-radius, 6px);
    --_indent: var(--rc-indent, clamp(0.75rem, 4vw, 2rem));

    display: block;
    color: var(--_color-text);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
  }
  :host([hidden]) {
    display: none;
  }
  /* theme="light" or "dark" pins the scheme and brings its own text and background;
     theme="auto" (the default) follows the page. */
  :host([theme='light']) {
    color-scheme: light;
    --_color-text: var(--rc-color-text, #1f2328);
    --_color-surface: var(--rc-color-surface, #fff);
  }
  :host([theme='dark']) {
    color-scheme: dark;
    --_color-text: var(--rc-color-text, #e8e6e3);
    --_color-surface: var(--rc-color-surface, #17181a);
  }
  button {
    font: inherit;
    min-block-size: 24px;
    min-inline-size: 24px;
    cursor: pointer;
  }
  /* Whatever has keyboard focus: buttons, links, fields, and a linked comment's article. */
  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_color-accent);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`);
