// @ts-check
// Comment HTML (WordPress's `comment_content`, Disqus's `<message>`) to the element's text model:
// paragraphs separated by a blank line, lines by "\n", links as their URL. The browser's
// `backend="wordpress"` does the same with its own small tokenizer (src/model/wp-html.ts), and
// both are tested on one fixture list (test/fixtures/wp-html.json), so an imported comment reads
// exactly as it did when the element showed it straight from WordPress.
//
// The rules, shared with src/model/wp-html.ts:
// - p, div, blockquote, pre end a paragraph; br ends a line; a newline in the text ends a line
//   too (WordPress stores comments unformatted and adds <p> and <br> only when showing them),
//   except the one right after a <br>, which is only how the HTML was laid out.
// - Quoted lines (inside blockquote) start with "> ", once per level.
// - A link becomes its URL: "label (https://…)", or just the URL when the label is the URL.
//   Only http(s) targets survive; a javascript: link keeps its label and loses its target.
// - Smilies (<img class="wp-smiley" alt="🙂">) become their alt text.
// - Inline formatting (em, strong, code, …) keeps its text. Any other tag is shown as the text of
//   the tag ("<script>", "<img src="x" onerror="…">"): nothing a comment says is hidden, and
//   nothing it says becomes markup.
import { Parser } from 'htmlparser2';

/** Tags that end a paragraph where they open and where they close. */
const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre']);
/** Formatting tags whose text is kept and whose markup is dropped. */
const INLINE = new Set(
  'abbr acronym b big cite code del dfn em i ins kbd mark q s samp small span strike strong sub sup tt u var'.split(
    ' ',
  ),
);
const SMILEY = /(?:^|\s)(?:wp-smiley|emoji)(?:\s|$)/;
const MAX_URL = 2048;

/** The comment's HTML as the element's plain-text body. */
export function htmlToText(/** @type {string} */ html) {
  const text = new TextBuilder();
  /** @type {{ href: string, label: string } | null} */
  let link = null;
  let pre = 0;
  const write = (/** @type {string} */ data) => {
    if (link !== null) link.label += data;
    else text.write(data, pre > 0);
  };
  const endLink = () => {
    if (link === null) return;
    const { href, label } = link;
    link = null;
    write(linkText(href, label));
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (BLOCKS.has(name)) {
          endLink();
          text.paragraph();
          if (name === 'blockquote') text.depth++;
          if (name === 'pre') pre++;
        } else if (name === 'br') {
          if (link !== null) link.label += ' ';
          else text.lineBreak(true);
        } else if (name === 'a') {
          endLink();
          link = { href: attributes.href ?? '', label: '' };
        } else if (name === 'img' && SMILEY.test(attributes.class ?? '')) {
          write(attributes.alt ?? '');
        } else if (!INLINE.has(name)) {
          write(openTagText(name, attributes));
        }
      },
      onclosetag(name, isImplied) {
        if (BLOCKS.has(name)) {
          endLink();
          text.paragraph();
          if (name === 'blockquote') text.depth--;
          if (name === 'pre') pre--;
        } else if (name === 'a') {
          endLink();
        } else if (!isImplied && name !== 'br' && name !== 'img' && !INLINE.has(name)) {
          write(`</${name}>`);
        }
      },
      ontext(data) {
        write(data);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  endLink();
  return text.finish();
}

/**
 * An unknown tag as readers should see it: its name and attributes, values decoded, in one
 * fixed form (so both implementations agree whatever quotes the source used).
 */
function openTagText(/** @type {string} */ name, /** @type {Record<string, string>} */ attributes) {
  const parts = Object.entries(attributes).map(([key, value]) =>
    value === '' ? ` ${key}` : ` ${key}="${value}"`,
  );
  return `<${name}${parts.join('')}>`;
}

/** A link as text: the URL alone when the label says the same, else "label (URL)". */
export function linkText(/** @type {string} */ href, /** @type {string} */ rawLabel) {
  const label = collapse(rawLabel).trim();
  const target = href.trim();
  const url = safeHttpUrl(target);
  if (url === null) return label;
  if (label === '' || label === url) return url;
  if (label === target) return label;
  if (`http://${label}` === target || `https://${label}` === target) return url;
  return `${label} (${url})`;
}

/** The URL when it is an absolute http(s) URL (as src/model/parse.ts reads them), else null. */
function safeHttpUrl(/** @type {string} */ value) {
  if (value.length > MAX_URL) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const collapse = (/** @type {string} */ text) => text.replace(/[ \t\n\r\f]+/g, ' ');

/** Lines and paragraphs, written left to right; the same algorithm as src/model/wp-html.ts. */
class TextBuilder {
  /** @type {string[]} finished lines; '' is the blank line between paragraphs */
  lines = [];
  line = '';
  /** Blockquote nesting: each finished line starts with "> " this many times. */
  depth = 0;
  /** True right after a <br>: the newline that usually follows it is layout, not a line. */
  afterBreak = false;

  write(/** @type {string} */ data, /** @type {boolean} */ pre) {
    const parts = data.replace(/\r\n?/g, '\n').split('\n');
    parts.forEach((part, index) => {
      if (index > 0) this.newline(pre);
      const run = pre ? part : part.replace(/[ \t\f]+/g, ' ');
      const kept = this.line === '' && !pre ? run.replace(/^ /, '') : run;
      if (kept === '') return;
      this.line += kept;
      if (/[^ \t\f]/.test(kept)) this.afterBreak = false;
    });
  }

  newline(/** @type {boolean} */ pre) {
    if (this.afterBreak && !pre) this.afterBreak = false;
    else this.lineBreak(false);
  }

  lineBreak(/** @type {boolean} */ fromTag) {
    const last = this.lines.at(-1);
    if (this.line !== '' || (last !== undefined && last !== '')) this.push();
    this.afterBreak = fromTag;
  }

  paragraph() {
    if (this.line !== '') this.push();
    if (this.lines.length > 0 && this.lines.at(-1) !== '') this.lines.push('');
    this.afterBreak = false;
  }

  push() {
    const line = this.line.trimEnd();
    this.line = '';
    const last = this.lines.at(-1);
    // A line of only spaces (WordPress writes <p>&nbsp;</p>) is a blank line, and one is enough.
    if (line.trim() === '') {
      if (last !== undefined && last !== '') this.lines.push('');
    } else {
      this.lines.push('> '.repeat(Math.max(0, this.depth)) + line);
    }
  }

  finish() {
    this.paragraph();
    while (this.lines.at(-1) === '') this.lines.pop();
    return this.lines.join('\n');
  }
}
