import { sheet } from './sheet.js';
import { fieldTokens } from './field-tokens.js';
import { tokens } from './tokens.js';

/** Styles of `<rc-composer>`. The tokens are re-read here because each shadow root needs them. */
export const composerStyles = [
  tokens,
  fieldTokens,
  sheet(`
    form {
      margin-block: var(--_space);
      padding-block: calc(var(--_space) * 0.5);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: calc(var(--_space) * 0.5);
    }
    h3 {
      font-size: 1.2em;
      margin: 0;
      min-inline-size: 0;
      overflow-wrap: anywhere;
    }
    .hint,
    .note,
    .draft-status {
      color: var(--_color-muted);
      font-size: var(--_font-size-small);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      margin-block: calc(var(--_space) * 0.75);
    }
    .identity {
      display: grid;
      gap: 0 var(--_space);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    }
    label {
      font-weight: 600;
    }
    .mark,
    .error,
    .form-error {
      color: var(--_color-danger);
    }
    .error {
      font-size: var(--_font-size-small);
    }
    .form-error {
      font-weight: 600;
    }
    input,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_color-field);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding: 0.5em 0.6em;
      min-block-size: 24px;
      box-sizing: border-box;
      inline-size: 100%;
    }
    textarea {
      resize: vertical;
      min-block-size: 8em;
    }
    [aria-invalid='true'] {
      border-color: var(--_color-danger);
    }
    .hp {
      display: none;
    }
    button {
      border-radius: var(--_radius);
      padding: 0.5em 1.1em;
    }
    [type='submit'] {
      background: var(--_color-accent);
      color: var(--_color-on-accent);
      border: 1px solid var(--_color-accent);
      font-weight: 600;
    }
    [type='submit']:disabled {
      opacity: 0.7;
      cursor: progress;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }
    .remember {
      display: flex;
      align-items: flex-start;
      gap: 0.5em;
    }
    .remember input {
      inline-size: auto;
      min-inline-size: 24px;
      margin: 0;
    }
    .remember label {
      font-weight: normal;
    }
    .draft-status.warning {
      color: var(--_color-danger);
    }
    .quiet,
    .cancel {
      background: none;
      color: var(--_color-accent);
    }
    .quiet {
      border: none;
      text-decoration: underline;
      padding: 0.25em;
    }
    .cancel {
      border: 1px solid var(--_color-border);
      padding: 0.25em 0.75em;
    }
  `),
];
