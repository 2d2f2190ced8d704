import { safeHttpUrl } from './parse.js';

/** A run of a line: plain text, or an http(s) link whose text is the URL itself. */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** A body laid out as paragraphs of lines of segments; rendering it needs no HTML parsing. */
export type Paragraph = Segment[][];

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’]+$/;

/** Splits a URL candidate from punctuation that belongs to the sentence around it. */
function trimUrl(candidate: string): string {
  let url = candidate.replace(TRAILING_PUNCTUATION, '');
  // "(see https://example.org/a)" — keep a closing bracket only when the URL opened one.
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
    url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return url;
}

/** Splits one line into text and link segments. */
export function linkify(line: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index;
    const text = trimUrl(match[0]);
    const href = safeHttpUrl(text);
    if (href === null) continue;
    if (start > last) segments.push({ kind: 'text', text: line.slice(last, start) });
    segments.push({ kind: 'link', text, href });
    last = start + text.length;
  }
  if (last < line.length) segments.push({ kind: 'text', text: line.slice(last) });
  return segments;
}

/** Lays a plain-text body out: blank lines separate paragraphs, single newlines break lines. */
export function formatBody(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => paragraph.split('\n').map(linkify));
}
