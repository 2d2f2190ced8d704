// @ts-check
// Reads a Disqus comments export (the format of https://docs.disqus.com/developers/export/):
// <thread dsq:id> elements carry each page's <link> and the site's own <id> (its
// disqus_identifier), then <post dsq:id> elements carry the comments, pointing at their thread
// and parent by dsq:id, with <isDeleted> and <isSpam> flags.
import { errorAt, optional, parseUtcDate } from './source.js';
import { child, childText, ImportError, readXmlRecords } from './xml.js';

/** @typedef {import('./source.js').SourceExport} SourceExport */
/** @typedef {import('./source.js').SourceComment} SourceComment */
/** @typedef {import('./xml.js').XmlNode} XmlNode */

/**
 * Reads a Disqus XML export.
 * @param {string} file
 * @returns {Promise<SourceExport>}
 */
export async function readDisqusExport(file) {
  /** @type {SourceExport} */
  const result = { source: 'disqus', threads: [], comments: [] };
  let forum = '';
  await readXmlRecords(file, {
    onRoot(root) {
      if (root !== 'disqus') {
        throw new ImportError(
          `${file} is not a Disqus export: it starts with <${root}>, not <disqus>.${root === 'rss' ? ' For a WordPress export, use "import wordpress".' : ''}`,
        );
      }
    },
    isRecord: (path) => path.length === 2 && (path[1] === 'thread' || path[1] === 'post'),
    onRecord(node) {
      if (node.name === 'thread') {
        forum ||= childText(node, 'forum').trim();
        result.threads.push({
          id: internalId(file, node),
          identifier: childText(node, 'id').trim(),
          link: childText(node, 'link').trim(),
          line: node.line,
        });
      } else {
        result.comments.push(readPost(file, node));
      }
    },
  });
  result.source = `disqus ${forum}`;
  return result;
}

/**
 * @param {string} file
 * @param {XmlNode} node
 * @returns {SourceComment}
 */
function readPost(file, node) {
  const id = internalId(file, node);
  const thread = child(node, 'thread');
  if (thread === undefined) throw errorAt(file, node.line, `post ${id} has no <thread>.`);
  const parent = child(node, 'parent');
  const text = childText(node, 'createdAt');
  const createdAt = parseUtcDate(text);
  if (createdAt === null) {
    throw errorAt(
      file,
      child(node, 'createdAt')?.line ?? node.line,
      `post ${id} has no valid <createdAt> ("${text.trim()}").`,
    );
  }
  const flag = (/** @type {string} */ name) => childText(node, name).trim() === 'true';
  const author = child(node, 'author');
  const name =
    author === undefined ? '' : childText(author, 'name').trim() || childText(author, 'username').trim();
  return {
    id,
    threadId: internalId(file, thread),
    parentId: parent === undefined ? null : internalId(file, parent),
    author: { name, email: author === undefined ? null : optional(childText(author, 'email')), url: null },
    html: childText(node, 'message'),
    createdAt,
    // Disqus keeps deleted and spam posts in its exports, flagged; isApproved appears on forums
    // with pre-moderation.
    state: flag('isDeleted')
      ? 'deleted'
      : flag('isSpam')
        ? 'spam'
        : childText(node, 'isApproved').trim() === 'false'
          ? 'pending'
          : 'published',
    line: node.line,
  };
}

/** The dsq:id attribute, which is how Disqus elements refer to each other. */
function internalId(/** @type {string} */ file, /** @type {XmlNode} */ node) {
  const id = (node.attributes['dsq:id'] ?? '').trim();
  if (id === '') throw errorAt(file, node.line, `<${node.name}> has no dsq:id.`);
  return id;
}
