import { expect } from '@open-wc/testing';
import { parseApiError, parseEditGrant } from '../../src/model/parse-answer.js';
import { parseComment, parseThreadPage, safeHttpUrl, truncate } from '../../src/model/parse.js';

const valid = {
  id: 'c1',
  parentId: null,
  author: { name: 'Anon', url: 'https://example.org/' },
  body: 'hello',
  createdAt: '2026-01-01T00:00:00Z',
  status: 'published',
};

describe('parseComment', () => {
  it('accepts a contract comment', () => {
    expect(parseComment(valid)).to.deep.equal(valid);
  });

  it('keeps editedAt only when it is a date, like createdAt', () => {
    expect(parseComment({ ...valid, editedAt: '2026-01-01T00:05:00Z' })?.editedAt).to.equal(
      '2026-01-01T00:05:00Z',
    );
    for (const editedAt of ['yesterday', 1767225900000, '', 'x'.repeat(65), {}, null, true]) {
      expect(parseComment({ ...valid, editedAt }), String(editedAt)).to.deep.equal(valid);
    }
  });

  it('reads an edit grant from a POST answer, and nothing from one without a usable token', () => {
    const token = 'a'.repeat(43);
    expect(
      parseEditGrant({ ...valid, editToken: token, editableUntil: '2026-01-01T00:15:00Z' }),
    ).to.deep.equal({
      token,
      until: Date.parse('2026-01-01T00:15:00Z'),
    });
    const hostile = [
      { editToken: token },
      { editToken: token, editableUntil: 'soon' },
      { editToken: 'short', editableUntil: '2026-01-01T00:15:00Z' },
      { editToken: `${'a'.repeat(42)}"`, editableUntil: '2026-01-01T00:15:00Z' },
      { editToken: 42, editableUntil: '2026-01-01T00:15:00Z' },
      { editToken: 'a'.repeat(513), editableUntil: '2026-01-01T00:15:00Z' },
    ];
    for (const fields of hostile)
      expect(parseEditGrant({ ...valid, ...fields }), JSON.stringify(fields)).to.equal(null);
    expect(parseEditGrant(valid)).to.equal(null);
    expect(parseEditGrant(null)).to.equal(null);
  });

  it("marks the owner's comments only for byOwner: true", () => {
    expect(parseComment({ ...valid, byOwner: true })?.byOwner).to.equal(true);
    for (const byOwner of ['true', 1, false, null]) {
      expect(parseComment({ ...valid, byOwner })).to.deep.equal(valid);
    }
  });

  it('reads offers.notify from a page, only true counting, and leaves a v1 page as it was', () => {
    const page = { thread: '/t/', total: 0, comments: [], nextCursor: null };
    expect(parseThreadPage({ ...page, offers: { notify: true } }).offers).to.deep.equal({ notify: true });
    expect(parseThreadPage({ ...page, offers: { notify: 'yes' } }).offers).to.deep.equal({ notify: false });
    expect(parseThreadPage(page)).to.not.have.property('offers');
  });

  it('drops author URLs that are not http(s)', () => {
    expect(
      parseComment({ ...valid, author: { name: 'x', url: 'javascript:alert(1)' } })?.author.url,
    ).to.equal(null);
  });

  it('keeps a comment with a bad date, without the date', () => {
    expect(parseComment({ ...valid, createdAt: 'yesterday-ish' })?.createdAt).to.equal(null);
  });

  it('rejects what cannot be a comment', () => {
    for (const bad of [
      null,
      1,
      'x',
      [],
      {},
      { ...valid, id: {} },
      { ...valid, body: 5 },
      { ...valid, parentId: [] },
    ]) {
      expect(parseComment(bad)).to.equal(null);
    }
  });

  it('treats a self-parent as top level', () => {
    expect(parseComment({ ...valid, parentId: 'c1' })?.parentId).to.equal(null);
  });
});

describe('parseThreadPage', () => {
  it('keeps valid comments, skips broken and duplicate ones, and counts them', () => {
    const page = parseThreadPage({
      thread: 't',
      total: 3,
      comments: [valid, { nope: 1 }, valid],
      nextCursor: 'abc',
    });
    expect(page.comments).to.have.length(1);
    expect(page.skipped).to.equal(2);
    expect(page.nextCursor).to.equal('abc');
  });

  it('throws a clear error for something that is not a page', () => {
    for (const bad of [null, [], 'html', { comments: 'x' }]) {
      expect(() => parseThreadPage(bad)).to.throw(/cannot read/);
    }
  });
});

describe('helpers', () => {
  it('truncate never splits a surrogate pair', () => {
    expect(truncate('ab😀cd', 3)).to.equal('ab…');
    expect(truncate('short', 10)).to.equal('short');
  });

  it('safeHttpUrl accepts only absolute http(s)', () => {
    expect(safeHttpUrl('https://example.org')).to.equal('https://example.org/');
    expect(safeHttpUrl('/relative')).to.equal(null);
    expect(safeHttpUrl(' javascript:alert(1)')).to.equal(null);
  });

  it('parseApiError reads the contract error body only', () => {
    expect(
      parseApiError({ error: { code: 'invalid', message: 'Bad name', field: 'author.name' } }),
    ).to.deep.equal({
      code: 'invalid',
      message: 'Bad name',
      field: 'author.name',
    });
    expect(parseApiError({ error: 'x' })).to.equal(null);
    expect(parseApiError('<html>')).to.equal(null);
  });
});
