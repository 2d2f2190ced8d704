import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { fromWordPress, WordPressBackend } from '../../src/backend/wordpress.js';
import type { RecoveryComments } from '../../src/recovery-comments.js';
import { freshStore, text } from '../helpers/dom.js';
import { injectFaults, proxy, resetProxy } from '../helpers/server.js';

// The adapter against a real WordPress is tested in test/wordpress/headless-backend.test.js;
// these are its pure parts.
describe('WordPressBackend', () => {
  it('maps a /wp/v2/comments item to the element’s comment, keeping nothing else', () => {
    const comment = fromWordPress({
      id: 12,
      parent: 0,
      author_name: 'Anon',
      author_url: 'https://anon.example/',
      author_email: 'never@example.org',
      author_avatar_urls: { 48: 'https://secure.gravatar.com/avatar/abc' },
      date_gmt: '2024-03-01T12:00:00',
      content: { rendered: '<p>One<br />\ntwo</p>\n<p>Three &amp; <a href="https://x.example/">x</a></p>\n' },
      status: 'approved',
    });
    expect(comment).to.deep.equal({
      id: '12',
      parentId: null,
      author: { name: 'Anon', url: 'https://anon.example/' },
      body: 'One\ntwo\n\nThree & x (https://x.example/)',
      createdAt: '2024-03-01T12:00:00Z',
      status: 'published',
    });
  });

  it('keeps the parent, drops a website that is not http(s), and marks held comments pending', () => {
    const comment = fromWordPress({
      id: 13,
      parent: 12,
      author_name: 'Sam',
      author_url: 'javascript:alert(1)',
      date_gmt: '2024-03-01T13:00:00',
      content: { rendered: '<p>Hi</p>' },
      status: 'hold',
    });
    expect(comment).to.include({ parentId: '12', status: 'pending' });
    expect(comment!.author.url).to.equal(null);
  });

  it('refuses items that are not comments', () => {
    expect(fromWordPress(null)).to.equal(null);
    expect(fromWordPress({ id: 1, content: 'not an object' })).to.equal(null);
    expect(fromWordPress({ content: { rendered: 'x' } })).to.equal(null);
  });

  it('says what is wrong when the thread is not a post ID, without asking the site', async () => {
    const backend = new WordPressBackend('https://blog.example/wp-json/');
    const error = await backend
      .loadPage(
        '/2024/03/day-one/',
        { limit: 50, cursor: null, sort: 'oldest' },
        new AbortController().signal,
      )
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).message).to.contain('thread="…" set to the WordPress post ID');
    expect((error as BackendError).code).to.equal('rc_thread_not_a_post_id');
  });

  it("reads a refused request's Retry-After (with the writing side's code) and the site's own words", async () => {
    const { endpoint } = await proxy();
    try {
      await injectFaults([
        {
          method: 'GET',
          path: '/wp/v2/comments',
          action: {
            kind: 'respond',
            status: 503,
            headers: { 'Retry-After': '7' },
            body: { code: 'site_busy', message: 'Busy &#8211; try later.' },
          },
        },
      ]);
      const wordpress = new WordPressBackend(endpoint);
      const refused = await wordpress
        .loadPage('12', { limit: 10, cursor: null, sort: 'oldest' }, new AbortController().signal)
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused).to.be.instanceOf(BackendError);
      expect(refused).to.include({ kind: 'http', status: 503, code: 'site_busy', retryAfter: 7 });
      expect((refused as BackendError).message).to.equal('Busy – try later.');
    } finally {
      await resetProxy();
    }
  });

  it('is what backend="wordpress" on the element uses, and says when thread is not a post ID', async () => {
    const element = await fixture<RecoveryComments>(html`<recovery-comments
      backend="wordpress"
      endpoint="https://blog.example/wp-json/"
      thread="/2024/03/day-one/"
      .storage=${freshStore()}
    ></recovery-comments>`);
    await waitUntil(() => /post ID/.test(text(element)), 'no message about the thread', { timeout: 5000 });
    expect(text(element)).to.contain('backend="wordpress" needs thread="…" set to the WordPress post ID');
  });
});
