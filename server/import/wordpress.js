// @ts-check
// Reads a WordPress export (WXR 1.x, Tools → Export, or `export_wp()`): each <item> is a post
// with its <link>, and its <wp:comment> elements are the comments, with WordPress's own ids,
// parents, GMT dates, approval states and types.
import { errorAt, optional, parseUtcDate } from './source.js';
import { child, childText, ImportError, readXmlRecords } from './xml.js';

/** @typedef {import('./source.js').SourceExport} SourceExport */
/** @typedef {import('./source.js').SourceComment} SourceComment */
/** @typedef {import('./xml.js').XmlNode} XmlNode */

/** WordPress's comment_approved values, and what becomes of each. */
const APPROVAL = /** @type {const} */ ({
  1: 'published',
  0: 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
});

/**
 * Reads a WXR file.
 * @param {string} file
 * @returns {Promise<SourceExport>}
 */
export async function readWordPressExport(file) {
  /** @type {SourceExport} */
  const result = { source: 'wordpress', threads: [], comments: [] };
  let site = '';
  await readXmlRecords(file, {
    onRoot(root) {
      if (root !== 'rss') {
        throw new ImportError(
          `${file} is not a WordPress export (WXR): it starts with <${root}>, not <rss>. For a Disqus export, use "import disqus".`,
        );
      }
    },
    isRecord: (path) =>
      path.length === 3 &&
      path[1] === 'channel' &&
      (path[2] === 'item' || path[2] === 'wp:base_site_url' || path[2] === 'link'),
    onRecord(node) {
      if (node.name === 'wp:base_site_url') site = node.text.trim();
      else if (node.name === 'link') site ||= node.text.trim();
      else readItem(file, node, result);
    },
  });
  if (site === '' && result.threads.length === 0) {
    throw new ImportError(`${file} is not a WordPress export (WXR): it has no <channel> with posts.`);
  }
  result.source = `wordpress ${site}`;
  return result;
}

/**
 * @param {string} file
 * @param {XmlNode} item
 * @param {SourceExport} result
 */
function readItem(file, item, result) {
  const comments = item.children.filter((node) => node.name === 'wp:comment');
  if (comments.length === 0) return;
  const postId = childText(item, 'wp:post_id').trim();
  if (postId === '') throw errorAt(file, item.line, 'a post with comments has no <wp:post_id>.');
  result.threads.push({
    id: postId,
    identifier: postId,
    link: childText(item, 'link').trim(),
    line: item.line,
  });
  for (const node of comments) result.comments.push(readComment(file, node, postId));
}

/**
 * @param {string} file
 * @param {XmlNode} node
 * @param {string} postId
 * @returns {SourceComment}
 */
function readComment(file, node, postId) {
  const id = childText(node, 'wp:comment_id').trim();
  if (id === '') throw errorAt(file, node.line, 'a comment has no <wp:comment_id>.');
  const approved = childText(node, 'wp:comment_approved').trim();
  const type = childText(node, 'wp:comment_type').trim();
  const state =
    type === 'pingback' || type === 'trackback'
      ? type
      : type !== '' && type !== 'comment'
        ? 'other type'
        : APPROVAL[/** @type {keyof typeof APPROVAL} */ (approved)];
  if (state === undefined) {
    throw errorAt(
      file,
      lineOf(node, 'wp:comment_approved'),
      `comment ${id} has an unknown status "${approved}".`,
    );
  }
  // Old or pending comments sometimes carry a zero GMT date; the local date is the next best.
  const gmt = childText(node, 'wp:comment_date_gmt');
  const createdAt = parseUtcDate(gmt) ?? parseUtcDate(childText(node, 'wp:comment_date'));
  if (createdAt === null) {
    throw errorAt(
      file,
      lineOf(node, 'wp:comment_date_gmt'),
      `comment ${id} has no valid date ("${gmt.trim()}").`,
    );
  }
  const parent = childText(node, 'wp:comment_parent').trim();
  return {
    id,
    threadId: postId,
    parentId: parent === '' || parent === '0' ? null : parent,
    author: {
      name: childText(node, 'wp:comment_author').trim(),
      email: optional(childText(node, 'wp:comment_author_email')),
      url: optional(childText(node, 'wp:comment_author_url')),
    },
    html: childText(node, 'wp:comment_content'),
    createdAt,
    state,
    line: node.line,
  };
}

function lineOf(/** @type {XmlNode} */ node, /** @type {string} */ name) {
  return child(node, name)?.line ?? node.line;
}
