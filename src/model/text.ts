import { safeHttpUrl } from './parse.js';

/** A run of a line: plain text, or an http(s) link whose text is the URL itself. */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** A body laid out as paragraphs of lines of segments; rendering it needs no HTML parsing. */
export type Paragraph = Segment[][];

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = new Set('.,;:!?\'"»”’');

/**
 * Splits a URL candidate from punctuation that belongs to the sentence around it. One pass from
 * the end, counting brackets once: re-scanning the URL for each trailing ")" (or a `[…]+$` regex)
 * is quadratic, and a body of 100,000 ")" froze the page for seconds.
 */
function trimUrl(candidate: string): string {
  let opens = 0;
  let closes = 0;
  for (const char of candidate) {
    if (char === '(') opens++;
    else if (char === ')') closes++;
  }
  let end = candidate.length;
  while (end > 0) {
    const char = candidate[end - 1]!;
    if (TRAILING_PUNCTUATION.has(char)) {
      end--;
    } else if (char === ')' && opens < closes) {
      // "(see https://example.org/a)" — keep a closing bracket only when the URL opened one.
      end--;
      closes--;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
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

/** Whether a text may hold a link: what `linkify` looks for. Most comments have none. */
export const mayLink = (text: string): boolean => /https?:\/\//i.test(text);

/**
 * A body's paragraphs, lines within one joined by "\n": blank lines separate paragraphs, and
 * "\r\n" or "\r" is a newline.
 */
export function paragraphsOf(body: string): string[] {
  // Most bodies are one line: a thread of thousands skips the splitting for them.
  if (!/[\r\n]/.test(body)) return body.trim() === '' ? [] : [body];
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '');
}

/** A paragraph's lines, each split into text and link segments. */
export const linesOf = (paragraph: string): Paragraph => paragraph.split('\n').map(linkify);

/** Lays a plain-text body out: blank lines separate paragraphs, single newlines break lines. */
export const formatBody = (body: string): Paragraph[] => paragraphsOf(body).map(linesOf);
