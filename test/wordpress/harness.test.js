// @ts-check
// The real-WordPress harness itself: the site runs on loopback, PHP runs with WordPress loaded,
// mail is captured instead of sent, and both permalink styles route.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { connectWordPress } from '../support/wordpress.js';

const wp = connectWordPress();

after(() => wp.setPermalinks('plain'));

test('the site is served on 127.0.0.1 and answers REST on ?rest_route=', async () => {
  assert.equal(new URL(wp.url).hostname, '127.0.0.1');
  const response = await fetch(`${wp.url}/?rest_route=/`);
  assert.equal(response.status, 200);
  const index = await response.json();
  assert.equal(index.name, 'Recovery Stories');
});

test('php() runs code with WordPress loaded and returns what it prints', async () => {
  const id = await wp.phpJson(`
    $id = wp_insert_post(['post_title' => 'Harness post', 'post_status' => 'publish']);
    echo wp_json_encode($id);
  `);
  assert.ok(Number.isInteger(id) && id > 0);
  assert.equal(await wp.php(`echo get_the_title(${id});`), 'Harness post');
  await assert.rejects(wp.php('this is not php;'), /PHP failed/);
});

test('wp_mail() is captured, never sent', async () => {
  const before = (await wp.mails()).length;
  await wp.php(`wp_mail('reader@example.test', 'Harness subject', 'Harness body');`);
  const mails = await wp.mails();
  assert.equal(mails.length, before + 1);
  assert.deepEqual(mails.at(-1)?.to, ['reader@example.test']);
  assert.equal(mails.at(-1)?.subject, 'Harness subject');
});

test('pretty permalinks route through the router to posts and /wp-json/', async () => {
  await wp.setPermalinks('pretty');
  const link = await wp.php(`
    $id = wp_insert_post(['post_title' => 'Pretty harness post', 'post_name' => 'pretty-harness-post', 'post_status' => 'publish']);
    echo get_permalink($id);
  `);
  assert.match(link, /\/\d{4}\/pretty-harness-post\/$/);
  const page = await fetch(link);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Pretty harness post/);
  const api = await fetch(`${wp.url}/wp-json/`);
  assert.equal(api.status, 200);
});
