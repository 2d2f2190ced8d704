// @ts-check
// The few server-rendered pages (what a link in an email opens). Every string that goes in is
// escaped here; the one stylesheet is allowed by its hash, so the page's CSP has no
// 'unsafe-inline' and no script at all.
import { createHash } from 'node:crypto';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(/** @type {string} */ text) {
  return text.replace(
    /[&<>"']/g,
    (char) =>
      /** @type {Record<string, string>} */ ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#39;',
      })[char],
  );
}

const STYLE = `body{font:1.05rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color-scheme:light dark}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:.25rem solid #8886;white-space:pre-wrap;overflow-wrap:anywhere}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #0b6e4f;background:#0b6e4f;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}`;

/** The Content-Security-Policy of these pages. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * @typedef {object} PageContent
 * @property {string} title
 * @property {string[]} paragraphs plain text, escaped here
 * @property {string | null} [quote] a comment's text, shown as a quote
 * @property {{ label: string } | null} [button] a form that POSTs back to the same URL
 * @property {{ href: string, label: string } | null} [link]
 */

/** A whole HTML document. */
export function renderPage(/** @type {PageContent} */ content) {
  const parts = [
    `<h1>${escapeHtml(content.title)}</h1>`,
    ...content.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
  ];
  if (content.quote) parts.push(`<blockquote>${escapeHtml(content.quote)}</blockquote>`);
  if (content.button) {
    // An empty action posts to this same URL, token and all; nothing else is needed.
    parts.push(
      `<form method="post"><button type="submit">${escapeHtml(content.button.label)}</button></form>`,
    );
  }
  if (content.link)
    parts.push(`<p><a href="${escapeHtml(content.link.href)}">${escapeHtml(content.link.label)}</a></p>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(content.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
