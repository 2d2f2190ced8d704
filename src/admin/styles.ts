import { css } from 'lit';

/** The app's own layout, on top of the element's tokens (same colours, focus ring, radius). */
export const appStyles = css`
  :host {
    max-inline-size: 60rem;
    margin-inline: auto;
    padding: var(--_space);
    line-height: 1.5;
  }
  /* The app pads the page once; the queue and settings inside it do not pad again. */
  :host(rc-admin-queue),
  :host(rc-admin-settings) {
    padding: 0;
  }
  .body {
    margin-block: 0.5rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    border-block-end: 1px solid var(--_color-border);
    padding-block-end: 0.5rem;
  }
  h1 {
    font-size: 1.4rem;
    margin: 0;
  }
  h2 {
    font-size: 1.15rem;
  }
  nav,
  .toolbar,
  .actions,
  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  button {
    min-block-size: 44px;
    padding: 0.25rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-field);
    color: var(--_color-text);
  }
  button.primary,
  button[aria-current='page'] {
    background: var(--_color-accent);
    border-color: var(--_color-accent);
    color: var(--_color-on-accent);
  }
  button.danger {
    color: var(--_color-danger);
    border-color: var(--_color-danger);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  input,
  textarea {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-field);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    box-sizing: border-box;
  }
  input[type='checkbox'] {
    inline-size: 1.4rem;
    block-size: 1.4rem;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 6rem;
  }
  label {
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block: 0.75rem;
  }
  .error {
    color: var(--_color-danger);
  }
  .muted,
  .meta {
    color: var(--_color-muted);
    font-size: var(--_font-size-small);
  }
  form.search {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    align-items: end;
    margin-block: 1rem;
  }
  form.search .field {
    flex: 1 1 14rem;
    margin: 0;
  }
  ol.queue {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  article {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin-block: 0.75rem;
  }
  article.current {
    outline: 3px solid var(--_color-focus);
    outline-offset: 1px;
  }
  .head {
    display: flex;
    gap: 0.75rem;
    align-items: start;
  }
  .who {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .owner-badge {
    font-size: var(--_font-size-small);
    border: 1px solid var(--_color-accent);
    color: var(--_color-accent);
    border-radius: 999px;
    padding: 0 0.5rem;
    margin-inline-start: 0.5rem;
  }
  .body,
  blockquote {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  blockquote {
    margin: 0.5rem 0;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_color-border);
    color: var(--_color-muted);
  }
  .meta a {
    overflow-wrap: anywhere;
  }
  dl.shortcuts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.75rem;
  }
  kbd {
    font-family: ui-monospace, monospace;
    border: 1px solid var(--_color-border);
    border-radius: 4px;
    padding: 0 0.35rem;
  }
  fieldset {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    margin-block: 1rem;
  }
`;
