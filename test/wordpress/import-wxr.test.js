// @ts-check
// A WXR file exported by a real WordPress (export_wp(), what Tools → Export runs), imported into
// the reference server: the same threads on the same paths, the same parents, dates and authors;
// pending kept pending, spam, trash and pingbacks left out; a second import adds nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { htmlToText } from '../../server/import/html-text.js';
import { startServer } from '../../server/app.js';
import { runImport, storedComments } from '../server/import-helpers.js';
import { connectWordPress } from '../support/wordpress.js';

const wp = connectWordPress();
const dir = mkdtempSync(join(tmpdir(), 'rc-wxr-'));
const file = join(dir, 'export.xml');

/**
 * @typedef {{ id: string, post: string, parent: string, name: string, email: string, url: string,
 *   gmt: string, content: string, approved: string, type: string }} WpComment
 */
/** @type {{ category: number, posts: { id: string, link: string }[], comments: WpComment[] }} */
let site;

before(async () => {
  await wp.setPermalinks('pretty');
  // Two posts with threaded conversations made with WordPress's own functions, then exported.
  site = await wp.phpJson(`
    $comment = function ($post, $parent, $name, $email, $url, $gmt, $content, $approved = 1, $type = 'comment') {
      return wp_insert_comment([
        'comment_post_ID' => $post, 'comment_parent' => $parent, 'comment_author' => $name,
        'comment_author_email' => $email, 'comment_author_url' => $url,
        'comment_date_gmt' => $gmt, 'comment_date' => get_date_from_gmt($gmt),
        'comment_content' => $content, 'comment_approved' => $approved, 'comment_type' => $type,
        'comment_author_IP' => '198.51.100.20',
      ]);
    };
    // A category of their own, so the export holds these posts and not the rest of the site's.
    $category = wp_insert_term('WXR import test', 'category')['term_id'];
    $first = wp_insert_post(['post_title' => 'WXR: ninety days', 'post_name' => 'wxr-ninety-days', 'post_status' => 'publish', 'post_category' => [$category]]);
    $second = wp_insert_post(['post_title' => 'WXR: what helped', 'post_name' => 'wxr-what-helped', 'post_status' => 'publish', 'post_category' => [$category]]);
    $a = $comment($first, 0, 'Anon', 'anon@example.org', 'https://anon.example/', '2024-01-05 10:00:00', "Ninety days today.\\n\\nThank you all.");
    $b = $comment($first, $a, 'Sam', 'sam@example.org', '', '2024-01-05 11:30:00', 'Same here. <a href="https://help.example/">This</a> helped &amp; still does.');
    $c = $comment($first, $b, 'River', 'river@example.org', '', '2024-01-06 07:15:00', "Keep going,\\nboth of you.");
    $comment($first, 0, 'Held', 'held@example.org', '', '2024-01-07 09:00:00', 'Waiting for a moderator.', 0);
    $comment($first, $a, 'Spammer', 'spam@spam.example', 'https://spam.example/', '2024-01-07 10:00:00', 'Buy now', 'spam');
    $t = $comment($first, 0, 'Unkind', 'unkind@example.org', '', '2024-01-07 11:00:00', 'Something unkind.', 'trash');
    $comment($first, $t, 'Kind', 'kind@example.org', '', '2024-01-07 12:00:00', 'Please be gentle.');
    $comment($first, 0, 'Other blog', '', 'https://other.example/', '2024-01-08 09:00:00', '[...] linked here [...]', 1, 'pingback');
    $comment($second, 0, 'Jo', 'jo@example.org', '', '2024-02-01 08:00:00', '<blockquote>Two weeks.</blockquote>Two weeks! <script>alert(1)</script>');
    echo wp_json_encode([
      'category' => $category,
      'posts' => array_map(fn ($id) => ['id' => (string) $id, 'link' => get_permalink($id)], [$first, $second]),
      'comments' => array_map(fn ($c) => [
        'id' => $c->comment_ID, 'post' => $c->comment_post_ID, 'parent' => $c->comment_parent,
        'name' => $c->comment_author, 'email' => $c->comment_author_email, 'url' => $c->comment_author_url,
        'gmt' => $c->comment_date_gmt, 'content' => $c->comment_content,
        'approved' => $c->comment_approved, 'type' => $c->comment_type,
      ], get_comments(['post__in' => [$first, $second], 'status' => 'all', 'type' => 'all', 'orderby' => 'comment_ID', 'order' => 'ASC'])),
    ]);
  `);
  const xml = await wp.php(`
    require_once ABSPATH . 'wp-admin/includes/export.php';
    export_wp(['content' => 'post', 'category' => ${site.category}]);
  `);
  assert.match(xml, /<wp:wxr_version>1\.\d<\/wp:wxr_version>/);
  writeFileSync(file, xml);
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await wp.setPermalinks('plain');
});

test('the export imports with the same threads, parents, dates and authors on the same paths', async (t) => {
  const db = join(mkdtempSync(join(dir, 'db-')), 'comments.db');
  const { code, out, err } = await runImport('wordpress', file, db);
  assert.equal(err, '');
  assert.equal(code, 0, out);

  const stored = await storedComments(db);
  const paths = new Map(site.posts.map((post) => [post.id, new URL(post.link).pathname]));
  assert.ok(
    [...paths.values()].every((path) => /^\/\d{4}\/wxr-/.test(path)),
    'pretty permalinks',
  );
  // What WordPress shows or holds for moderation, and nothing else.
  const expected = site.comments.filter(
    (comment) => comment.type === 'comment' && (comment.approved === '1' || comment.approved === '0'),
  );
  assert.equal(stored.length, expected.length);

  /** @type {Map<string, import('../../server/store.js').ModeratedComment>} WordPress id → stored */
  const byWordPressId = new Map();
  for (const comment of expected) {
    const match = stored.find(
      (candidate) =>
        candidate.author.name === comment.name &&
        candidate.createdAt === `${comment.gmt.replace(' ', 'T')}.000Z`,
    );
    assert.ok(match, `comment ${comment.id} by ${comment.name} was imported with its GMT date`);
    byWordPressId.set(comment.id, match);
    assert.equal(match.thread, paths.get(comment.post), 'on the path of its post');
    assert.deepEqual(match.author, {
      name: comment.name,
      email: comment.email || null,
      url: comment.url || null,
    });
    assert.equal(match.status, comment.approved === '1' ? 'published' : 'pending');
    assert.equal(match.body, htmlToText(comment.content));
  }
  for (const comment of expected) {
    const parent = site.comments.find((candidate) => candidate.id === comment.parent);
    const stored = byWordPressId.get(comment.id);
    // A reply to a trashed comment moves up to what that one answered (here: the top level).
    const expectedParent =
      parent && (parent.approved === '1' || parent.approved === '0')
        ? byWordPressId.get(parent.id)?.id
        : null;
    assert.equal(stored?.parentId, expectedParent ?? null, `parent of ${comment.name}`);
  }
  assert.equal(
    byWordPressId.get(site.comments.find((c) => c.name === 'River')?.id ?? '')?.body,
    'Keep going,\nboth of you.',
  );
  assert.match(out, /2 threads with comments in the file/);
  assert.match(out, /6 comments imported into 2 threads, 1 of them kept pending for moderation/);
  // export_wp() leaves spam out of the file itself; trash and pingbacks are in it and skipped here.
  assert.match(out, /skipped: .*1 in the trash/);
  assert.match(out, /1 pingback/);

  // Readers of the reference server see the published ones on the post's path, without emails.
  const server = await startServer({ port: 0, db, logger: false });
  t.after(() => server.close());
  const thread = /** @type {string} */ (paths.get(site.posts[0].id));
  const page = await (
    await fetch(`${server.endpoint}/threads/${encodeURIComponent(thread)}/comments`)
  ).json();
  assert.deepEqual(
    page.comments.map((/** @type {any} */ comment) => comment.author.name),
    ['Anon', 'Sam', 'River', 'Kind'],
  );
  assert.doesNotMatch(JSON.stringify(page), /@example\.org|198\.51\.100/);
});

test('importing the same export twice adds nothing', async () => {
  const db = join(mkdtempSync(join(dir, 'db-')), 'comments.db');
  assert.equal((await runImport('wordpress', file, db)).code, 0);
  const first = await storedComments(db);
  const again = await runImport('wordpress', file, db);
  assert.equal(again.code, 0);
  assert.match(again.out, /0 comments imported/);
  assert.match(again.out, /6 already imported/);
  assert.deepEqual(await storedComments(db), first);
});

test('--thread-from id keys the threads by post ID', async () => {
  const db = join(mkdtempSync(join(dir, 'db-')), 'comments.db');
  assert.equal((await runImport('wordpress', file, db, 'id')).code, 0);
  const threads = new Set((await storedComments(db)).map((comment) => comment.thread));
  assert.deepEqual([...threads].sort(), site.posts.map((post) => post.id).sort());
});

test('an export made with plain permalinks is refused with the way out, and imports with --thread-from id', async () => {
  await wp.setPermalinks('plain');
  try {
    const xml = await wp.php(`
      require_once ABSPATH . 'wp-admin/includes/export.php';
      export_wp(['content' => 'post', 'category' => ${site.category}]);
    `);
    const plain = join(dir, 'plain.xml');
    writeFileSync(plain, xml);
    const db = join(mkdtempSync(join(dir, 'db-')), 'comments.db');
    const refused = await runImport('wordpress', plain, db);
    assert.equal(refused.code, 1);
    assert.match(
      refused.err,
      /plain\.xml:\d+: .*\?p=\d+ and .*\?p=\d+ have the same path \(\/\).*--thread-from id/,
    );
    assert.equal((await runImport('wordpress', plain, db, 'id')).code, 0);
  } finally {
    await wp.setPermalinks('pretty');
  }
});
