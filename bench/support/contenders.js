// @ts-check
// What our element is measured against, on the same generated thread in the same run:
// - the floor: the least any comment section can do (one fetch, one innerHTML, no reply form, no
//   offline, no accessibility work), so "× floor" says how much our features cost;
// - Waline 3 (@waline/client, its own published bundle), a popular self-hosted comment widget,
//   fed by this fixture server in the shape its own server answers.
import { blogPage } from './fixtures.js';

/** @typedef {import('./fixtures.js').Comment} Comment */
/** @typedef {'ours' | 'floor' | 'waline'} Contender */

/** @type {readonly Contender[]} */
export const CONTENDERS = ['ours', 'floor', 'waline'];

/**
 * The floor element, served as /floor.js: fetch the page, build the reply tree as one HTML string
 * (every server string escaped), set it once. About 60 lines of plain DOM, as the issue describes.
 */
export const FLOOR_SCRIPT = `
const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (ch) => '&#' + ch.charCodeAt(0) + ';');

class FloorComments extends HTMLElement {
  async connectedCallback() {
    const endpoint = this.getAttribute('endpoint');
    const thread = encodeURIComponent(this.getAttribute('thread'));
    const response = await fetch(endpoint + '/threads/' + thread + '/comments?limit=200');
    const { comments } = await response.json();
    const children = new Map();
    for (const comment of comments) {
      const key = comment.parentId ?? '';
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(comment);
    }
    const render = (parentId) =>
      (children.get(parentId) ?? [])
        .map(
          (c) =>
            '<article class="comment" id="comment-' + escapeHtml(c.id) + '">' +
            '<p><b>' + escapeHtml(c.author.name) + '</b> says: <time>' + escapeHtml(c.createdAt) + '</time></p>' +
            '<p>' + escapeHtml(c.body) + '</p>' +
            (children.has(c.id) ? '<div class="replies">' + render(c.id) + '</div>' : '') +
            '</article>',
        )
        .join('');
    this.innerHTML = '<h2>' + comments.length + ' Responses</h2>' + render('');
  }
}
customElements.define('floor-comments', FloorComments);
`;

/** The floor's stylesheet: what any section needs to be readable (nesting, pre-line bodies). */
const FLOOR_STYLE = `
  floor-comments { display: block; margin-top: 3rem; }
  floor-comments .replies { margin-left: 1.5rem; }
  floor-comments article p:last-of-type { white-space: pre-line; }
`;

/**
 * The same blog post, with the contender's section in place of ours.
 * @param {Contender} contender
 * @param {number} n
 */
export function contenderPage(contender, n) {
  const page = blogPage(n);
  if (contender === 'ours') return page;
  const thread = `/bench-${n}/`;
  const [head, section] =
    contender === 'floor'
      ? [
          `<script type="module" src="/floor.js"></script><style>${FLOOR_STYLE}</style>`,
          `<floor-comments endpoint="/api" thread="${thread}"></floor-comments>`,
        ]
      : [
          '<link rel="stylesheet" href="/waline.css">',
          // Everything Waline would fetch from a CDN or a third party is switched off: the bench
          // has no network, and a reader's page should not have to either.
          `<div id="waline"></div><script type="module">
            import { init } from '/waline.js';
            init({ el: '#waline', serverURL: location.origin + '/waline', path: '${thread}',
              lang: 'en-US', pageSize: 200, emoji: false, search: false, imageUploader: false,
              pageview: false, comment: false, reaction: false, dark: false });
          </script>`,
        ];
  return page
    .replace('<script type="module" src="/recovery-comments.js"></script>', head)
    .replace(/<recovery-comments [^>]*><\/recovery-comments>/, section);
}

/**
 * The thread as Waline's server answers `GET /api/comment?path=…`: top-level comments, each with
 * all of its descendants flattened into `children` (with `reply_user` naming the comment
 * answered), bodies as the HTML its server renders from Markdown.
 * @param {Comment[]} comments
 */
export function walinePage(comments) {
  /** @type {Map<string, Comment>} */
  const byId = new Map(comments.map((c) => [c.id, c]));
  /** @param {Comment} c */
  const rootOf = (c) => {
    let node = c;
    while (node.parentId !== null) node = /** @type {Comment} */ (byId.get(node.parentId));
    return node;
  };
  /** @param {Comment} c */
  const card = (c) => ({
    objectId: c.id,
    nick: c.author.name,
    link: c.author.url ?? '',
    avatar: '',
    comment: bodyHtml(c.body),
    orig: c.body,
    time: Date.parse(c.createdAt),
    insertedAt: c.createdAt,
    status: 'approved',
    like: 0,
    sticky: 0,
    type: 'guest',
    browser: '',
    os: '',
    addr: '',
  });
  /** @type {Map<string, any>} */
  const roots = new Map();
  for (const c of comments) {
    if (c.parentId === null) {
      roots.set(c.id, { ...card(c), children: [] });
      continue;
    }
    const parent = /** @type {Comment} */ (byId.get(c.parentId));
    const root = roots.get(rootOf(c).id);
    root.children.push({
      ...card(c),
      pid: parent.id,
      rid: root.objectId,
      reply_user: { nick: parent.author.name, link: parent.author.url ?? '', objectId: parent.id },
    });
  }
  return {
    errno: 0,
    errmsg: '',
    data: { count: comments.length, page: 1, pageSize: roots.size, totalPages: 1, data: [...roots.values()] },
  };
}

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * What Waline's server makes of a plain-text body: paragraphs, line breaks, linked URLs.
 * @param {string} body
 */
function bodyHtml(body) {
  return body
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p>${escapeHtml(paragraph)
          .replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}" rel="nofollow">${url}</a>`)
          .replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}
