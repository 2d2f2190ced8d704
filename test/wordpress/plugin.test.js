// @ts-check
// The plugin as installed from dist/recovery-comments-wordpress.zip: complete (PHP that lints,
// the bundle and every locale it loads), its settings page changes the section, the section
// follows WordPress's own rules on when to appear, and uninstalling removes only what the
// plugin stored.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { launchChromium } from '../e2e/browser.js';
import { ADMIN, phpString } from '../support/wordpress.js';
import { createPost, newReaderIp, pluginEndpoint, postComment, setOptions, wp } from './fixtures.js';

const run = promisify(execFile);
const PLUGIN = path.join(wp.root, 'wp-content', 'plugins', 'recovery-comments');
const ZIP = path.resolve('dist', 'recovery-comments-wordpress.zip');

/** @param {string} dir @returns {string[]} paths relative to dir */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

/** The <recovery-comments …> start tag and what it holds, from a page's HTML. */
async function sectionOf(/** @type {string} */ link) {
  const html = await (await fetch(link)).text();
  const start = html.indexOf('<recovery-comments');
  if (start === -1) return null;
  return html.slice(start, html.indexOf('</recovery-comments>', start));
}

describe('the installed zip', () => {
  test('holds the plugin in one recovery-comments/ folder, as installed, with no source maps', () => {
    const entries = Object.keys(unzipSync(readFileSync(ZIP))).sort();
    assert.ok(entries.every((name) => name.startsWith('recovery-comments/')));
    assert.deepEqual(
      entries.map((name) => name.slice('recovery-comments/'.length)),
      filesUnder(PLUGIN),
    );
    for (const required of [
      'recovery-comments.php',
      'uninstall.php',
      'readme.txt',
      'templates/comments.php',
      'build/recovery-comments.js',
    ]) {
      assert.ok(entries.includes(`recovery-comments/${required}`), required);
    }
    assert.deepEqual(
      entries.filter((name) => name.endsWith('.map')),
      [],
    );
  });

  test('every PHP file passes php -l', async () => {
    const php = filesUnder(PLUGIN).filter((name) => name.endsWith('.php'));
    assert.ok(php.length >= 8);
    for (const file of php) {
      const { stdout } = await run('php', ['-l', path.join(PLUGIN, file)]);
      assert.match(stdout, /No syntax errors/, file);
    }
  });

  test('the bundle is the built one, and every locale it imports is beside it and served', async () => {
    const bundle = readFileSync(path.join(PLUGIN, 'build', 'recovery-comments.js'), 'utf8');
    assert.equal(bundle, readFileSync(path.resolve('dist', 'recovery-comments.js'), 'utf8'));
    const locales = [...new Set(bundle.match(/locales\/[\w.-]+\.js/g) ?? [])];
    assert.ok(locales.length > 0, 'the bundle loads its locales on demand');
    for (const locale of locales) {
      const response = await fetch(`${wp.url}/wp-content/plugins/recovery-comments/build/${locale}`);
      assert.equal(response.status, 200, locale);
      await response.arrayBuffer();
    }
  });
});

describe('when the section appears', () => {
  test('comments closed but some to show: the element, without a form; none to show: the theme is left alone', async () => {
    const closedWithComments = await createPost({ open: false, comments: [{ key: 'A' }] });
    const section = await sectionOf(closedWithComments.link);
    assert.ok(section, 'the element is on the page');
    assert.match(section, new RegExp(`id="comment-${closedWithComments.comments.A}"`));
    assert.doesNotMatch(section, /id="commentform"/);

    const closedEmpty = await createPost({ open: false });
    assert.equal(await sectionOf(closedEmpty.link), null);
  });

  test("follows WordPress's Discussion settings: order, nesting depth, required email", async () => {
    const restore = await setOptions({
      comment_order: 'desc',
      thread_comments: 1,
      thread_comments_depth: 3,
      require_name_email: 0,
    });
    try {
      const post = await createPost({ comments: [{ key: 'A' }] });
      const section = (await sectionOf(post.link)) ?? '';
      assert.match(section, /sort="newest"/);
      assert.match(section, /max-depth="3"/);
      assert.doesNotMatch(section, /require-email/);
    } finally {
      await restore();
    }
  });
});

describe('Settings → Recovery Comments', () => {
  /** @type {Awaited<ReturnType<typeof launchChromium>>} */
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await wp.php(`delete_option('recovery_comments_settings');`);
  });

  test('an administrator changes page size, depth, colours and the fallback; the section follows', async () => {
    const post = await createPost({ comments: [{ key: 'A' }] });
    const before = (await sectionOf(post.link)) ?? '';
    assert.match(before, /page-size="50"/);
    assert.match(before, /theme="auto"/);
    assert.match(before, /class="recovery-comments-fallback"/);

    const page = await browser.newPage();
    try {
      await page.goto(`${wp.url}/wp-login.php`);
      await page.fill('#user_login', ADMIN.user);
      await page.fill('#user_pass', ADMIN.password);
      await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
      // From the Plugins screen, as an owner finds it after activating.
      await page.goto(`${wp.url}/wp-admin/plugins.php`);
      await Promise.all([
        page.waitForNavigation(),
        page.locator('tr[data-slug="recovery-comments"]').getByRole('link', { name: 'Settings' }).click(),
      ]);
      assert.match(page.url(), /options-general\.php\?page=recovery-comments$/);
      await page.getByLabel('Top-level comments per page').fill('7');
      await page.getByLabel('Deepest nested reply').fill('2');
      await page.getByLabel('Colours').selectOption('dark');
      await page.getByLabel(/Keep WordPress's own comment list/).uncheck();
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Save Changes' }).click(),
      ]);
      assert.match(await page.content(), /Settings saved/);
    } finally {
      await page.close();
    }

    const section = (await sectionOf(post.link)) ?? '';
    assert.match(section, /page-size="7"/);
    assert.match(section, /max-depth="2"/);
    assert.match(section, /theme="dark"/);
    assert.doesNotMatch(section, /recovery-comments-fallback/);
    assert.match(section, /<noscript>/);
  });

  test('a hand-edited option out of range falls back to the defaults', async () => {
    await wp.php(
      `update_option('recovery_comments_settings', ['page_size' => 100000, 'max_depth' => 99, 'theme' => '"><script>', 'keep_fallback' => true]);`,
    );
    const post = await createPost();
    const section = (await sectionOf(post.link)) ?? '';
    assert.match(section, /page-size="50"/);
    assert.match(section, /theme="auto"/);
    assert.doesNotMatch(section, /<script>/);
  });
});

describe('uninstall', () => {
  test('removes the settings and the keys kept as comment meta, never a comment', async () => {
    const post = await createPost({ comments: [{ key: 'A' }] });
    const endpoint = await pluginEndpoint();
    const posted = await postComment(endpoint, post.id, { ip: newReaderIp() });
    assert.equal(posted.status, 202);
    await wp.php(`update_option('recovery_comments_settings', ['page_size' => 9]);`);

    const file = 'recovery-comments/recovery-comments.php';
    const result = await wp.phpJson(`
      require_once ABSPATH . 'wp-admin/includes/plugin.php';
      deactivate_plugins(${phpString(file)});
      uninstall_plugin(${phpString(file)});
      global $wpdb;
      echo wp_json_encode([
        'option' => get_option('recovery_comments_settings', 'gone'),
        'meta' => (int) $wpdb->get_var("SELECT COUNT(*) FROM $wpdb->commentmeta WHERE meta_key LIKE '_recovery_comments_%'"),
        'comments' => (int) get_comments(['post_id' => ${post.id}, 'status' => 'all', 'count' => true]),
      ]);
      $active = activate_plugin(${phpString(file)});
      if (is_wp_error($active)) { fwrite(STDERR, $active->get_error_message()); exit(1); }
    `);
    assert.deepEqual(result, { option: 'gone', meta: 0, comments: 2 });
    const active = await wp.php(`
      require_once ABSPATH . 'wp-admin/includes/plugin.php';
      echo is_plugin_active(${phpString(file)}) ? 'yes' : 'no';
    `);
    assert.equal(active, 'yes');
  });
});
