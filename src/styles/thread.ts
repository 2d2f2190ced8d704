import { sheet } from './sheet.js';
import { tokens } from './tokens.js';

/** Styles of `<recovery-comments>`: heading, reply tree, states. */
export const threadStyles = [
  tokens,
  sheet(`
    :host {
      max-inline-size: var(--rc-max-width, none);
    }
    section {
      background: var(--_color-surface);
    }
    /* A section with a background of its own keeps its text off the edges: theme="light" or
       "dark", or a surface colour the page set (a style query sees whether it is set). */
    :host([theme='light']) section,
    :host([theme='dark']) section {
      padding: var(--_space);
      border-radius: var(--_radius);
    }
    @container style(--rc-color-surface) {
      section {
        padding: var(--_space);
        border-radius: var(--_radius);
      }
    }
    h2 {
      font-size: 1.4em;
      margin-block: 0 var(--_space);
      overflow-wrap: anywhere;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .replies {
      padding-inline-start: var(--_indent);
      border-inline-start: 2px solid var(--_color-border);
    }
    .comment {
      margin-block: var(--_space);
    }
    /* Every comment has the room the dashed rule of an unpublished one takes, so the reader's
       own reply lines up with its siblings instead of looking a level deeper. */
    article {
      border-radius: var(--_radius);
      border-inline-start: 3px solid transparent;
      padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.5);
    }
    [part~='comment-target'] > article {
      background: var(--_color-highlight);
      outline: 2px solid var(--_color-accent);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.35em;
    }
    /* Names and words of any length wrap (100 unbroken characters is a valid name). */
    .author {
      font-weight: 700;
      overflow-wrap: anywhere;
      min-inline-size: 0;
    }
    .owner {
      border: 1px solid;
      border-radius: var(--_radius);
      padding: 0 0.35em;
      font-size: var(--_font-size-small);
    }
    time,
    .context {
      color: var(--_color-muted);
      font-size: var(--_font-size-small);
    }
    time {
      margin-inline-start: auto;
    }
    .context {
      margin: 0.25em 0 0;
      font-style: italic;
    }
    .body {
      overflow-wrap: anywhere;
    }
    .body p {
      margin-block: 0.5em;
      white-space: pre-line;
    }
    /* Top-level conversations off screen skip layout and paint until they come near. */
    .thread > .comment {
      content-visibility: auto;
      contain-intrinsic-size: auto 10em;
    }
    @media print {
      .thread > .comment {
        content-visibility: visible;
      }
    }
    .reply,
    .more,
    .retry {
      background: none;
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      color: var(--_color-accent);
      padding: 0.25em 0.75em;
    }
    .reply:hover,
    .more:hover,
    .retry:hover {
      border-color: var(--_color-accent);
    }
    .state {
      color: var(--_color-muted);
    }
    .error {
      color: var(--_color-danger);
    }
    .more-row {
      margin-block: var(--_space);
    }
  `),
];
