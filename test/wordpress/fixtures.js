// @ts-check
// What the plugin's tests share: the site, posts and comments made with WordPress's own PHP
// functions, the plugin's endpoint as the page gives it, and a POST helper playing one reader.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connectWordPress, phpString } from '../support/wordpress.js';

/** The site started by run.js. */
export const wp = connectWordPress();

let readers = 0;

/** A fresh reader address (10.x.y.z), so WordPress's per-IP flood check sees another person. */
export function newReaderIp() {
  readers += 1;
  return `10.${process.pid % 250}.${Math.floor(readers / 250) % 250}.${(readers % 250) + 1}`;
}

/**
 * @typedef {{
 *   key: string,
 *   parent?: string,
 *   author?: string,
 *   email?: string,
 *   url?: string,
 *   content?: string,
 *   status?: 'approved' | 'pending' | 'spam' | 'trash',
 *   type?: 'comment' | 'pingback',
 *   ip?: string,
 *   minutesAgo?: number,
 * }} CommentSpec
 * `key` names the comment in the result; `parent` is another spec's key (earlier in the list).
 */

/**
 * Makes a published post with these comments, through wp_insert_post / wp_insert_comment.
 * @param {{ title?: string, open?: boolean, comments?: CommentSpec[] }} [options]
 * @returns {Promise<{ id: number, link: string, comments: Record<string, number> }>}
 */
export async function createPost({ title = `Post ${randomUUID()}`, open = true, comments = [] } = {}) {
  const specs = comments.map((spec, index) => ({
    key: spec.key,
    parent: spec.parent ?? null,
    author: spec.author ?? `Reader ${spec.key}`,
    email: spec.email ?? `${spec.key.toLowerCase()}-${randomUUID()}@example.test`,
    url: spec.url ?? '',
    content: spec.content ?? `Comment ${spec.key}`,
    approved: { approved: '1', pending: '0', spam: 'spam', trash: 'trash' }[spec.status ?? 'approved'],
    type: spec.type ?? 'comment',
    ip: spec.ip ?? '192.0.2.1',
    // Distinct dates, in list order, so "oldest first" is the list's order.
    minutesAgo: spec.minutesAgo ?? 1000 - index,
  }));
  return wp.phpJson(`
    $post = wp_insert_post([
      'post_title' => ${phpString(title)},
      'post_status' => 'publish',
      'post_author' => 1,
      'post_content' => 'A post with comments.',
      'comment_status' => ${phpString(open ? 'open' : 'closed')},
    ], true);
    if (is_wp_error($post)) { fwrite(STDERR, $post->get_error_message()); exit(1); }
    $ids = [];
    foreach (json_decode(${phpString(JSON.stringify(specs))}, true) as $spec) {
      $time = time() - 60 * $spec['minutesAgo'];
      $id = wp_insert_comment([
        'comment_post_ID' => $post,
        'comment_parent' => $spec['parent'] === null ? 0 : $ids[$spec['parent']],
        'comment_author' => $spec['author'],
        'comment_author_email' => $spec['email'],
        'comment_author_url' => $spec['url'],
        'comment_author_IP' => $spec['ip'],
        'comment_content' => $spec['content'],
        'comment_approved' => $spec['approved'],
        'comment_type' => $spec['type'],
        'comment_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $time)),
        'comment_date_gmt' => gmdate('Y-m-d H:i:s', $time),
      ]);
      if (!$id) { fwrite(STDERR, 'wp_insert_comment failed'); exit(1); }
      $ids[$spec['key']] = $id;
    }
    echo wp_json_encode(['id' => $post, 'link' => get_permalink($post), 'comments' => (object) $ids]);
  `);
}

/** The plugin's REST endpoint as the page gives it to the element (depends on permalinks). */
export async function pluginEndpoint() {
  return (await wp.php(`echo rest_url('recovery-comments/v1');`)).trim();
}

/**
 * The URL of a thread's comments under an endpoint, joined as the element's rest backend does.
 * @param {string} endpoint
 * @param {number | string} postId
 * @param {Record<string, string>} [query]
 */
export function threadUrl(endpoint, postId, query) {
  const url = `${endpoint.replace(/\/+$/, '')}/threads/${encodeURIComponent(String(postId))}/comments`;
  return query ? `${url}?${new URLSearchParams(query)}` : url;
}

/**
 * @typedef {{ status: number, headers: Headers, text: string, json: any }} Answer
 */

/**
 * Sends a request and reads the whole answer.
 * @param {string} url
 * @param {RequestInit & { ip?: string }} [init]
 * @returns {Promise<Answer>}
 */
export async function request(url, { ip, ...init } = {}) {
  const headers = new Headers(init.headers);
  if (ip) headers.set('X-RC-Test-Remote-Addr', ip);
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Left null: the test says what it expected.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * POSTs a comment as the element does.
 * @param {string} endpoint
 * @param {number} postId
 * @param {{ clientId?: string, parentId?: string | null, name?: string, email?: string | null, url?: string | null, body?: string, hp?: string, ip?: string }} fields
 */
export function postComment(endpoint, postId, fields) {
  const body = {
    clientId: fields.clientId ?? randomUUID(),
    parentId: fields.parentId ?? null,
    author: {
      name: fields.name ?? 'Quiet Harbor',
      email: fields.email === undefined ? `harbor-${randomUUID()}@example.test` : fields.email,
      url: fields.url ?? null,
    },
    body: fields.body ?? `A reply, ${randomUUID()}`,
    hp: fields.hp ?? '',
  };
  return request(threadUrl(endpoint, postId), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ip: fields.ip ?? newReaderIp(),
  }).then((answer) => ({ ...answer, sent: body }));
}

/**
 * Fails when an answer carries anything private: an email address, an IP address, or an avatar
 * (Gravatar URLs carry a hash of the email).
 * @param {string} text
 * @param {string[]} [secrets] emails and IPs that must not appear
 */
export function assertNothingPrivate(text, secrets = []) {
  assert.doesNotMatch(text, /gravatar/i, 'an avatar URL (email hash) in an answer');
  assert.doesNotMatch(text, /[\w.+-]+@[\w-]+\.[\w.]+/, 'an email address in an answer');
  assert.doesNotMatch(text, /\b(?:\d{1,3}\.){3}\d{1,3}\b/, 'an IPv4 address in an answer');
  for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" in an answer`);
}

/**
 * The comments WordPress holds for a post: id, parent, approval, meta key, as WordPress sees them.
 * @param {number} postId
 * @returns {Promise<Array<{ id: number, parent: number, approved: string, clientId: string, content: string }>>}
 */
export async function storedComments(postId) {
  return wp.phpJson(`
    $rows = get_comments(['post_id' => ${postId}, 'status' => 'all', 'type' => '', 'orderby' => 'comment_ID', 'order' => 'ASC']);
    $spam = get_comments(['post_id' => ${postId}, 'status' => 'spam']);
    $trash = get_comments(['post_id' => ${postId}, 'status' => 'trash']);
    $out = [];
    foreach (array_merge($rows, $spam, $trash) as $c) {
      $out[] = [
        'id' => (int) $c->comment_ID,
        'parent' => (int) $c->comment_parent,
        'approved' => (string) $c->comment_approved,
        'clientId' => (string) get_comment_meta($c->comment_ID, '_recovery_comments_client_id', true),
        'content' => (string) $c->comment_content,
      ];
    }
    usort($out, function ($a, $b) { return $a['id'] <=> $b['id']; });
    echo wp_json_encode($out);
  `);
}

/**
 * Sets WordPress options for the duration of a test file; returns how to put them back.
 * @param {Record<string, string | number>} options
 */
export async function setOptions(options) {
  const before = await wp.phpJson(`
    $out = [];
    foreach (json_decode(${phpString(JSON.stringify(Object.keys(options)))}, true) as $name) {
      $out[$name] = get_option($name);
    }
    foreach (json_decode(${phpString(JSON.stringify(options))}, true) as $name => $value) {
      update_option($name, $value);
    }
    echo wp_json_encode((object) $out);
  `);
  return async () => {
    await wp.php(`
      foreach (json_decode(${phpString(JSON.stringify(before))}, true) as $name => $value) {
        update_option($name, $value);
      }
    `);
  };
}
