import { sheet } from './sheet.js';

/**
 * Styles of the reader's own comments in `<recovery-comments>`: awaiting moderation, on their
 * way, or failed. Only the writing side makes such comments, so it adds these to the section
 * when it starts, and a reader who only reads never downloads them. (A server may list a pending
 * comment in the thread too, though neither ours nor WordPress does for a reader without a
 * session; such a comment shows unstyled, with its "awaiting moderation" line, until then.)
 */
export const ownCommentStyles = sheet(`
  .pending {
    color: var(--_color-muted);
    font-style: italic;
    margin: 0.25em 0 0;
  }
  /* A failed comment's line: why, then Retry and Edit (delivery-status.ts). */
  .failed p {
    margin: 0.25em 0;
    color: var(--_color-danger);
  }
  .failed .reply {
    margin-inline-end: 0.5em;
  }
  /* Not yet public: marked by a dashed rule rather than by fading, which would cost contrast. */
  [part~=comment-pending] > article,
  [part~=comment-unsent] > article {
    border-inline-start: 3px dashed var(--_color-border);
  }
`);
