import { safeHttpUrl } from './parse.js';

/*
 * WordPress's comment HTML (`content.rendered`: p, br, a, em, strong, blockquote, code, entities,
 * smilies) to the element's text model, without ever creating markup: a small tokenizer reads the
 * string, and only text comes out. The reference server's importer does the same with htmlparser2
 * (server/import/html-text.js); both pass one fixture list (test/fixtures/wp-html.json), and the
 * tree rules below (which tags close which, what a stray end tag does) follow htmlparser2's so
 * that they keep agreeing on hostile input too. The rules themselves are described there.
 * Known differences, none of which WordPress writes: named references outside the short list
 * below stay as written (htmlparser2 knows all of HTML's), as do legacy ones without ";"; SVG
 * tag names keep their lower case.
 */

const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre']);
const INLINE = new Set(
  'abbr acronym b big cite code del dfn em i ins kbd mark q s samp small span strike strong sub sup tt u var'.split(
    ' ',
  ),
);
const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
/** Elements whose content is text up to their end tag; in title and textarea, entities still count. */
const RAW_TEXT = new Set(['title', 'textarea', 'script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
const CLOSES_P = new Set(
  'p address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'.split(
    ' ',
  ),
);
const HEADING = /^h[1-6]$/;
const FOREIGN = /^(?:svg|math|mi|mo|mn|ms|mtext|annotation-xml|desc|title)$/;
const SMILEY = /(?:^|\s)(?:wp-smiley|emoji)(?:\s|$)/;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  times: '×',
  middot: '·',
  bull: '•',
};
const ENTITY = /&(?:#(\d+);?|#[xX]([\da-fA-F]+);?|([a-zA-Z][a-zA-Z\d]*);)/g;
/** In title and textarea, htmlparser2 leaves a reference right after "<" as it is. */
const RCDATA_ENTITY = new RegExp(`(?<!<)${ENTITY.source}`, 'g');
/** HTML's white space; `\s` would also take no-break and other Unicode spaces. */
const SPACE = /[ \t\n\r\f]/;

type Attributes = Record<string, string>;

interface TreeHandler {
  open(name: string, attributes: Attributes): void;
  close(name: string, implied: boolean): void;
  text(text: string): void;
}

/** Decodes character references: numeric ones, and the named ones comments use. */
function decode(text: string, pattern = ENTITY): string {
  return text.replace(pattern, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
      ? '\ufffd'
      : String.fromCodePoint(code);
  });
}

function readTagName(html: string, from: number): string {
  let end = from;
  while (end < html.length && !SPACE.test(html[end]!) && html[end] !== '/' && html[end] !== '>') end++;
  const name = html.slice(from, end).toLowerCase();
  return name === 'image' ? 'img' : name;
}

/** Reads `<name attr=…>` at `start`; null when the input ends inside it (the tag is dropped). */
function readStartTag(
  html: string,
  start: number,
): { name: string; attributes: Attributes; end: number; selfClosing: boolean } | null {
  const name = readTagName(html, start + 1);
  const attributes: Attributes = {};
  let i = start + 1 + name.length;
  for (;;) {
    let slash = false;
    for (; i < html.length && (SPACE.test(html[i]!) || html[i] === '/'); i++) slash ||= html[i] === '/';
    if (i >= html.length) return null;
    if (html[i] === '>') return { name, attributes, end: i + 1, selfClosing: slash };
    let nameEnd = i + 1;
    while (nameEnd < html.length && !/[ \t\n\r\f/>=]/.test(html[nameEnd]!)) nameEnd++;
    const key = html.slice(i, nameEnd).toLowerCase();
    i = nameEnd;
    while (i < html.length && SPACE.test(html[i]!)) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && SPACE.test(html[i]!)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return null;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const from = i;
        while (i < html.length && !SPACE.test(html[i]!) && html[i] !== '>') i++;
        value = html.slice(from, i);
      }
    }
    // The first of two same-named attributes wins, as in browsers.
    if (!Object.hasOwn(attributes, key)) attributes[key] = decode(value);
  }
}

/** Tokenizes and builds the element tree's open and close events, as htmlparser2 does. */
function parseTree(html: string, handler: TreeHandler): void {
  const stack: string[] = [];
  // Inside svg or math (and not back in HTML through one of their text elements), "<x/>" closes
  // itself and script or style are ordinary elements. One entry per such element on the stack.
  const contexts: boolean[] = [];
  const foreign = () => contexts[0] ?? false;
  const pop = (implied: boolean) => {
    const name = stack.shift()!;
    if (FOREIGN.test(name)) contexts.shift();
    handler.close(name, implied);
  };
  const open = (name: string, attributes: Attributes) => {
    const closes =
      name === 'a'
        ? ['a']
        : HEADING.test(name)
          ? ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']
          : CLOSES_P.has(name)
            ? ['p']
            : [];
    while (stack.length > 0 && closes.includes(stack[0]!)) pop(true);
    if (!VOID.has(name)) {
      stack.unshift(name);
      if (FOREIGN.test(name)) contexts.unshift(name === 'svg' || name === 'math');
    }
    handler.open(name, attributes);
    if (VOID.has(name)) handler.close(name, true);
  };
  const close = (name: string) => {
    const depth = stack.indexOf(name);
    if (name === 'br') {
      handler.open('br', {});
      handler.close('br', false);
    } else if (depth >= 0) {
      for (let index = 0; index < depth; index++) pop(true);
      pop(false);
    } else if (name === 'p') {
      handler.open('p', {});
      handler.close('p', false);
    }
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      handler.text(decode(html.slice(i)));
      break;
    }
    if (lt > i) handler.text(decode(html.slice(i, lt)));
    i = lt;
    const next = html[i + 1] ?? '';
    if (/[a-zA-Z]/.test(next)) {
      const tag = readStartTag(html, i);
      if (tag === null) {
        // An unfinished tag is dropped, except (as htmlparser2 has it) one that could still have
        // become a raw-text element: that much of its name is text.
        const rest = html.slice(i + 1);
        if (
          !foreign() &&
          /^[a-zA-Z]+$/.test(rest) &&
          [...RAW_TEXT, 'plaintext'].some((raw) => raw.startsWith(rest.toLowerCase()))
        )
          handler.text(rest);
        break;
      }
      i = tag.end;
      const inForeign = foreign();
      open(tag.name, tag.attributes);
      if (tag.selfClosing && foreign() && stack[0] === tag.name) {
        pop(true);
      } else if (!inForeign && RAW_TEXT.has(tag.name)) {
        const end = new RegExp(`</${tag.name}[ \\t\\n\\r\\f/>]`, 'ig');
        end.lastIndex = i;
        const found = end.exec(html)?.index ?? html.length;
        const content = html.slice(i, found);
        if (content !== '')
          handler.text(
            tag.name === 'title' || tag.name === 'textarea' ? decode(content, RCDATA_ENTITY) : content,
          );
        i = found;
      }
    } else if (next === '/' && /[a-zA-Z]/.test(html[i + 2] ?? '')) {
      const gt = html.indexOf('>', i);
      if (gt < 0) break;
      close(readTagName(html, i + 2));
      i = gt + 1;
    } else if (html.startsWith('<![CDATA[', i) && html.includes(']]>', i) && foreign()) {
      const end = html.indexOf(']]>', i);
      if (end > i + 9) handler.text(html.slice(i + 9, end));
      i = end + 3;
    } else if (next === '/' || next === '!' || next === '?') {
      // "</>", "</ x>", "<!…>", "<?…>" and comments carry nothing a reader sees.
      if (next === '/' && i + 2 >= html.length) {
        handler.text('</');
        break;
      }
      const end = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      i = end < 0 ? html.length : end + (html.startsWith('<!--', i) ? 3 : 1);
    } else {
      handler.text('<');
      i++;
    }
  }
  while (stack.length > 0) pop(true);
}

/** A link as text: the URL alone when the label says the same, else "label (URL)". */
function linkText(href: string, rawLabel: string): string {
  const label = rawLabel.replace(/[ \t\n\r\f]+/g, ' ').trim();
  const target = href.trim();
  const url = safeHttpUrl(target);
  if (url === null) return label;
  if (label === '' || label === url) return url;
  if (label === target) return label;
  if (`http://${label}` === target || `https://${label}` === target) return url;
  return `${label} (${url})`;
}

/** Lines and paragraphs, written left to right (the same algorithm as the server's importer). */
class TextBuilder {
  private readonly lines: string[] = [];
  private line = '';
  /** Blockquote nesting: each finished line starts with "> " this many times. */
  depth = 0;
  /** True right after a <br>: the newline that usually follows it is layout, not a line. */
  private afterBreak = false;

  write(data: string, pre: boolean): void {
    data
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .forEach((part, index) => {
        if (index > 0) {
          if (this.afterBreak && !pre) this.afterBreak = false;
          else this.lineBreak(false);
        }
        const run = pre ? part : part.replace(/[ \t\f]+/g, ' ');
        const kept = this.line === '' && !pre ? run.replace(/^ /, '') : run;
        if (kept === '') return;
        this.line += kept;
        if (/[^ \t\f]/.test(kept)) this.afterBreak = false;
      });
  }

  lineBreak(fromTag: boolean): void {
    const last = this.lines.at(-1);
    if (this.line !== '' || (last !== undefined && last !== '')) this.push();
    this.afterBreak = fromTag;
  }

  paragraph(): void {
    if (this.line !== '') this.push();
    if (this.lines.length > 0 && this.lines.at(-1) !== '') this.lines.push('');
    this.afterBreak = false;
  }

  finish(): string {
    this.paragraph();
    while (this.lines.at(-1) === '') this.lines.pop();
    return this.lines.join('\n');
  }

  private push(): void {
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
}

/** WordPress comment HTML as the element's plain-text body (paragraphs, lines, http(s) URLs). */
export function wpHtmlToText(html: string): string {
  const text = new TextBuilder();
  let link: { href: string; label: string } | null = null;
  let pre = 0;
  const write = (data: string) => {
    if (link !== null) link.label += data;
    else text.write(data, pre > 0);
  };
  const endLink = () => {
    if (link === null) return;
    const { href, label } = link;
    link = null;
    write(linkText(href, label));
  };
  parseTree(html, {
    open(name, attributes) {
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
        const shown = Object.entries(attributes).map(([key, value]) =>
          value === '' ? ` ${key}` : ` ${key}="${value}"`,
        );
        write(`<${name}${shown.join('')}>`);
      }
    },
    close(name, implied) {
      if (BLOCKS.has(name)) {
        endLink();
        text.paragraph();
        if (name === 'blockquote') text.depth--;
        if (name === 'pre') pre--;
      } else if (name === 'a') {
        endLink();
      } else if (!implied && name !== 'br' && name !== 'img' && !INLINE.has(name)) {
        write(`</${name}>`);
      }
    },
    text: write,
  });
  endLink();
  return text.finish();
}
