// @ts-check
// The reversible text mapping of the PostgreSQL store (PostgreSQL text cannot hold U+0000).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromStored, mapRowText, toStored } from '../../server/store/pg-text.js';

test('real text is stored unchanged', () => {
  for (const text of [
    '',
    'Day 30 today.',
    '/posts/ninety-days',
    "'; DROP TABLE comments; --",
    '\u{1F600} é \\ %',
  ]) {
    assert.equal(toStored(text), text);
    assert.equal(fromStored(text), text);
  }
});

test('U+0000 and U+FFFF are escaped, and every string comes back exactly', () => {
  assert.equal(toStored('a\u0000b'), 'a\uffff0b');
  assert.equal(toStored('\uffff'), '\uffff\uffff');
  assert.equal(toStored('\uffff0'), '\uffff\uffff0');
  assert.equal(fromStored(toStored('\uffff0\u0000')), '\uffff0\u0000');
  const awkward = fc.string({ unit: fc.constantFrom('\u0000', '\uffff', '0', 'a', '\\') });
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), awkward), (text) => {
      const stored = toStored(text);
      assert.equal(stored.includes('\u0000'), false);
      assert.equal(fromStored(stored), text);
    }),
  );
});

test('a row has its user text mapped and nothing else', () => {
  const row = {
    id: 'a\u0000',
    body: 'x\u0000',
    created_at: '2025-01-01T00:00:00.000Z',
    status: 'published',
    author_url: null,
  };
  assert.deepEqual(mapRowText(row, toStored), { ...row, id: 'a\uffff0', body: 'x\uffff0' });
  assert.deepEqual(mapRowText(mapRowText(row, toStored), fromStored), row);
});
