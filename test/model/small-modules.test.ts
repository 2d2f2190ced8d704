import { expect } from '@open-wc/testing';
import { commentIdOf } from '../../src/model/comment-link.js';
import { fieldsOf, newComment } from '../../src/model/new-comment.js';
import { originOf } from '../../src/model/origin.js';
import { pageUrlOf } from '../../src/model/page-url.js';
import { pageSizeOf, positive, sortOf } from '../../src/model/settings.js';
import { charactersLeft, validateFields } from '../../src/model/validate.js';
import { scopedKey, scopePrefix } from '../../src/offline/keys.js';

describe('comment links', () => {
  it('reads #comment-<id>, decoded when it can be', () => {
    expect(commentIdOf('#comment-42')).to.equal('42');
    expect(commentIdOf('#comment-a%20b')).to.equal('a b');
    expect(commentIdOf('#comment-%E0%A4%A')).to.equal('%E0%A4%A');
    expect(commentIdOf('#comments')).to.equal(null);
    expect(commentIdOf('')).to.equal(null);
  });
});

describe('settings', () => {
  it('clamps the page size to 1–200 and defaults it to 50', () => {
    expect([pageSizeOf(0), pageSizeOf(7.9), pageSizeOf(5000), pageSizeOf(Number.NaN)]).to.deep.equal([
      1, 7, 200, 50,
    ]);
  });
  it('sorts oldest first unless asked for newest; keeps only positive ages', () => {
    expect([sortOf('newest'), sortOf('random')]).to.deep.equal(['newest', 'oldest']);
    expect([positive(3, 30), positive(0, 30), positive(-1, 30), positive(Number.NaN, 30)]).to.deep.equal([
      3, 30, 30, 30,
    ]);
  });
});

describe('new comments', () => {
  it('trims the details, leaves the text as typed, and gives the fields back', () => {
    const fields = { body: '  Text\n', name: ' Sam ', email: ' ', url: ' https://sam.example.org/ ' };
    const request = newComment(fields, 'bot', null);
    expect(request.author).to.deep.equal({ name: 'Sam', email: null, url: 'https://sam.example.org/' });
    expect(request.body).to.equal('  Text\n');
    expect(request.hp).to.equal('bot');
    expect(newComment(fields, '', null).clientId).to.not.equal(request.clientId);
    expect(fieldsOf(request)).to.deep.equal({
      body: '  Text\n',
      name: 'Sam',
      email: '',
      url: 'https://sam.example.org/',
    });
  });
});

describe('notify and the page (contract v1.1)', () => {
  const fields = { body: 'Hi', name: 'Sam', email: 'sam@example.org', url: '', notify: true };
  const page = { pageUrl: 'https://blog.example.org/a/', threadTitle: 'A' };

  it('sends notify only with an email, and gives the ticked box back', () => {
    const request = newComment(fields, '', null, page);
    expect(request).to.deep.include({
      notify: true,
      pageUrl: 'https://blog.example.org/a/',
      threadTitle: 'A',
    });
    expect(fieldsOf(request).notify).to.equal(true);
    expect(newComment({ ...fields, email: '  ' }, '', null, page)).to.not.have.property('notify');
    expect(newComment({ ...fields, notify: false }, '', null, page)).to.not.have.property('notify');
    expect(fieldsOf(newComment({ ...fields, notify: false }, '', null))).to.not.have.property('notify');
  });

  it('cuts a long title to what the server takes', () => {
    expect(
      newComment(fields, '', null, { ...page, threadTitle: 'x'.repeat(400) }).threadTitle,
    ).to.have.length(300);
  });

  it("uses the canonical URL, else the page's own address, never the hash", () => {
    const doc = document.implementation.createHTMLDocument('t');
    expect(pageUrlOf()).to.equal(location.href.replace(/#.*$/, ''));
    const link = doc.createElement('link');
    link.rel = 'canonical';
    link.href = 'https://blog.example.org/posts/a/#top';
    doc.head.append(link);
    expect(pageUrlOf(doc)).to.equal('https://blog.example.org/posts/a/');
  });
});

describe('origins and keys', () => {
  it('gives the origin of a URL, relative ones against the page, null for no URL', () => {
    expect(originOf('https://comments.example.org/api')).to.equal('https://comments.example.org');
    expect(originOf('/api')).to.equal(location.origin);
    expect(originOf('http://[bad')).to.equal(null);
  });
  it('scopes keys so no part runs into the next, and lists a scope by its prefix', () => {
    const key = scopedKey('draft|', 'https://e', '/t|x/', null);
    expect(key.startsWith(scopePrefix('draft|', 'https://e', '/t|x/'))).to.equal(true);
    expect(key.startsWith(scopePrefix('draft|', 'https://e', '/t'))).to.equal(false);
  });
});

describe('the length limit', () => {
  it('says nothing far from the limit, then how many characters are left, counted as the server counts', () => {
    expect(charactersLeft('x'.repeat(100))).to.equal(null);
    expect(charactersLeft('x'.repeat(19_500))).to.equal(500);
    expect(charactersLeft('😀'.repeat(10_000)), 'one character each, not two').to.equal(null);
    expect(charactersLeft('x'.repeat(20_003))).to.equal(-3);
  });
  it('refuses a comment over the limit before it is sent', () => {
    const fields = { body: 'x'.repeat(20_001), name: 'Sam', email: '', url: '' };
    expect(validateFields(fields, false)).to.deep.equal({ body: 'body-too-long' });
  });
});
